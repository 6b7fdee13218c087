/**
 * report.md with a regression, rendered as GitHub would (Markdown + Mermaid)
 * in headless Chromium: the chart is drawn, and the verdict, the regression
 * and its chart are on the first screen (1280 × 800). Skips, saying why,
 * when no Chromium is installed.
 */
import { compareSides } from '../../gate/compare-sides.js';
import { captureEnvironment } from '../../harness/environment.js';
import { setting } from '../../harness/settings.js';
import { syntheticResult } from '../../test-support/fixture-results.js';
import { CHROMIUM_INSTALL_HINT, findChromium } from '../chromium/find-chromium.js';
import { regressionDistributions } from '../distribution-chart.js';
import { renderMarkdownReport } from '../markdown-report.js';
import { checkCommentRender, FIRST_SCREEN } from './check-comment.js';

const chromium = findChromium();
const withChromium = chromium ? test : test.skip;
const reason = chromium ? '' : ` — SKIPPED: no chromium binary on PATH (install: ${CHROMIUM_INSTALL_HINT})`;
if (!chromium)
  console.warn(`comment Chromium check skipped: no chromium binary on PATH (install: ${CHROMIUM_INSTALL_HINT})`);

describe('the pull-request comment in headless Chromium', () => {
  withChromium(
    `a regression's verdict, row and chart are on the first screen${reason}`,
    async () => {
      const base = syntheticResult(Array.from({ length: 400 }, (_, i) => 40 + (i % 40)));
      const head = syntheticResult(Array.from({ length: 400 }, (_, i) => 70 + 2 * (i % 40)));
      const comparison = compareSides([base], [head]);
      const charts = regressionDistributions(comparison.regressions, [head], () => base.histograms);
      const markdown = renderMarkdownReport(comparison, captureEnvironment('ci'), {
        distributions: charts,
        sides: { reference: 'Base', judged: 'Head' },
      });
      const screenshotFile = setting('PLANEBENCH_COMMENT_SCREENSHOT');
      const check = await checkCommentRender(markdown, {
        chromium: chromium as string,
        ...(screenshotFile ? { screenshotFile } : {}),
      });
      expect(check.consoleErrors).toEqual([]);
      expect(check.chartErrors).toEqual([]);
      expect(check.verdict).toBe('planebench: ❌ 1 regression');
      expect(check.chartBlocks).toBe(1);
      expect(check.chartsDrawn).toBe(1);
      for (const edge of [check.verdictBottom, check.firstRegressionBottom, check.firstChartBottom]) {
        expect(edge).toBeGreaterThan(0);
        expect(edge).toBeLessThanOrEqual(FIRST_SCREEN.height);
      }
    },
    90_000,
  );
});
