/**
 * Opens the trend page in a real headless Chromium (Debian's `chromium`):
 * every chart is drawn with both runs' points painted, and the console stays
 * clean; on a history with a step, every headline chart is drawn, the step is
 * marked on its chart, and the filter box hides what does not match. Skips,
 * saying why, when no Chromium is installed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkTrendPage } from './check-trend-page.js';
import { CHROMIUM_INSTALL_HINT, findChromium } from '../chromium/find-chromium.js';
import { fixtureRun } from '../../test-support/fixture-results.js';
import { DATA_FILE, updateTrend, writeTrendPage } from './update-trend.js';
import { setting } from '../../harness/settings.js';
import { historyWithHeadline } from '../../test-support/history-fixture.js';
import { formatBenchmarkDataJs } from '../../history/benchmark-data.js';
import { headlineList } from './headline-metrics.js';

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

      const check = await checkTrendPage(update.pageFile, { chromium: chromium as string });
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
    `headline charts first and drawn, a step marked on its chart, the filter hides the rest${reason}`,
    async () => {
      // A 30 % step four runs ago: a regression within the newest 5 runs.
      const step = [
        ...Array.from({ length: 12 }, (_, i) => 100 + (i % 3)),
        ...Array.from({ length: 5 }, (_, i) => 130 + (i % 3)),
      ];
      writeFileSync(path.join(root, DATA_FILE), formatBenchmarkDataJs(historyWithHeadline(step)));
      const pageFile = writeTrendPage(root, { repoUrl: 'https://example.org/owner/planebench' });

      const screenshotFile = setting('PLANEBENCH_TREND_SCREENSHOT');
      const check = await checkTrendPage(pageFile, {
        chromium: chromium as string,
        filterText: 'daemon micro',
        windowSize: { width: 1280, height: 900 },
        ...(screenshotFile ? { screenshotFile, screenshotMaxHeight: 1800 } : {}),
      });
      expect(check.consoleErrors).toEqual([]);
      expect(check.errors).toEqual([]);
      expect(check.figures).toBe(check.charts.length);
      expect(check.verdict).toMatch(/^✗ 1 change point\(s\) made a metric worse within the newest 5 runs/);

      // Every headline chart, in the headline's order, on top, painted.
      const headline = headlineList().map((h) => h.name);
      expect(check.charts.slice(0, headline.length).map((c) => [c.key, c.part])).toEqual(
        headline.map((name) => [name, 'headline']),
      );
      for (const chart of check.charts.slice(0, headline.length)) {
        expect([chart.key, chart.paintedPixels > 2000, chart.series[0]?.points]).toEqual([chart.key, true, 17]);
        expect(chart.series[0]?.pixels).toBeGreaterThan(50);
      }
      // The maximum and the calibration loop come last, collapsed.
      expect(check.charts.filter((c) => c.part === 'collapsed').map((c) => c.key)).toEqual([
        'procman/control-plane-isolation/v2/cpuCalibrationNs',
        'daemon/micro/default/shutdownCoordinationNs.max',
      ]);

      // The step, and only the step, is marked, and the mark is painted.
      const marked = check.charts.filter((c) => c.marks > 0);
      expect(marked.map((c) => [c.key, c.marks])).toEqual([['daemon/micro/default/shutdownCoordinationNs.median', 1]]);
      expect(marked[0]?.markPixels).toBeGreaterThan(100);
      for (const chart of check.charts.filter((c) => c.marks === 0)) expect(chart.markPixels).toBe(0);

      // Typing in the filter box leaves only the daemon's micro-benchmarks.
      expect(check.visibleAfterFilter).toEqual([
        'daemon/micro/default/daemonCreationNs.median',
        'daemon/micro/default/shutdownCoordinationNs.median',
        'daemon/micro/default/shutdownCoordinationNs.max',
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
