/**
 * Opens the trend page in a real headless Chromium (Debian's `chromium`):
 * every chart is drawn with both runs' points painted, and the console stays
 * clean. Skips, saying why, when no Chromium is installed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkTrendPage } from './check-trend-page.js';
import { CHROMIUM_INSTALL_HINT, findChromium } from '../chromium/find-chromium.js';
import { fixtureRun } from './fixture-runs.js';
import { updateTrend } from './update-trend.js';
import { setting } from '../../harness/settings.js';

const chromium = findChromium();
const withChromium = chromium ? test : test.skip;
const reason = chromium ? '' : ` — SKIPPED: no chromium binary on PATH (install: ${CHROMIUM_INSTALL_HINT})`;
if (!chromium)
  console.warn(`trend page Chromium check skipped: no chromium binary on PATH (install: ${CHROMIUM_INSTALL_HINT})`);

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'planebench-trend-page-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('trend page in headless Chromium', () => {
  withChromium(
    `after two runs every chart is drawn with two points and no console errors${reason}`,
    async () => {
      for (const [date, gitCommit, latencyUs, opsPerSec] of [
        ['2026-11-01T10:00:00.000Z', '1111111aaaaaaa', [1800, 1900, 2000], [900, 950, 1000]],
        ['2026-11-02T10:00:00.000Z', '2222222bbbbbbb', [2400, 2500, 2600], [800, 820, 840]],
      ] as const) {
        const run = fixtureRun({ date, gitCommit, latencyUs, opsPerSec });
        const dir = path.join(root, run.runId);
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, 'results.json'), JSON.stringify(run));
      }
      const update = updateTrend({ resultsRoot: root, cwd: root, repoUrl: '' });
      expect(update.runsInHistory).toBe(2);

      const screenshotFile = setting('PLANEBENCH_TREND_SCREENSHOT');
      const check = await checkTrendPage(update.pageFile, {
        chromium: chromium as string,
        ...(screenshotFile ? { screenshotFile } : {}),
      });
      expect(check.consoleErrors).toEqual([]);
      expect(check.errors).toEqual([]);
      expect(check.ready).toBe(true);
      expect(check.figures).toBe(2);
      expect(check.summary).toContain('2 metrics over 2 runs');
      expect(check.charts.map((c) => [c.key, c.axisUnit, c.runs])).toEqual([
        ['fixture/steady-load/v2/queryLatencyUs.p99', 'ms', 2],
        ['fixture/steady-load/v2/requestsPerSec', 'ops/s', 2],
      ]);
      for (const chart of check.charts) {
        expect(chart.series.map((s) => [s.label, s.points])).toEqual([['ci', 2]]);
        // Two 7 px points and the line between them: well over a few dozen pixels of the series colour.
        expect(chart.series[0]?.pixels).toBeGreaterThan(50);
      }
      // Hovering the latency chart's last point names commit, date and value with its spread.
      expect(check.tooltip).toEqual([
        '2222222 commit not in this repository',
        '2026-11-02 10:00',
        'ci: 2.50 ms ± 100 µs',
      ]);
    },
    60_000,
  );

  withChromium(
    `reports console errors and uncaught exceptions of a page${reason}`,
    async () => {
      const page = path.join(root, 'broken.html');
      writeFileSync(
        page,
        '<!doctype html><body><script>console.error("boom"); throw new Error("bad page")</script></body>',
      );
      const check = await checkTrendPage(page, { chromium: chromium as string });
      expect(check.consoleErrors).toEqual([
        'console.error: boom',
        expect.stringContaining('uncaught: Error: bad page') as string,
      ]);
      expect(check.ready).toBe(false);
    },
    60_000,
  );
});
