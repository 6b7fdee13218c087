import { summarizeRun, type MetricComparison } from '../gate/compare-run.js';
import type { VerdictStatus } from '../gate/verdict.js';
import { metricComparison, scenarioComparison } from '../test-support/fixture-results.js';
import { renderConsoleTable } from './console-table.js';

const metric = (name: string, status: VerdictStatus, ratio: number) =>
  metricComparison(name, status, { ratio, scenario: 'cpi', baseline: 40 });
const scenario = (suite: string, metrics: MetricComparison[]) => scenarioComparison(suite, 'cpi', metrics);

const comparison = summarizeRun([
  scenario('procman', [
    metric('queryLatencyUs.p50', 'regressed', 1.7),
    metric('queryLatencyUs.p95', 'improved', 0.6),
    metric('queryLatencyUs.p99', 'unchanged', 1.01),
  ]),
  scenario('daemon', [metric('sigtermToExitUs.p50', 'unchanged', 1)]),
]);

describe('console report', () => {
  test('verdict, regressions, improvements, one line per suite, then where every metric is', () => {
    const lines = renderConsoleTable(comparison, { fullReport: 'perf-results/latest/summary.md' }).split('\n');
    expect(lines[1]).toMatch(/^planebench: 1 regression · 1 improved · 2 unchanged .* — FAILED$/);
    expect(lines[2]).toBe(
      '  ✗ regressed: procman/cpi/v2 queryLatencyUs.p50: 40.0 µs → 68.0 µs, +70.0 % [+53.0 %, +87.0 %], threshold +12.0 % (from measured noise)',
    );
    expect(lines[3]).toMatch(/^ {2}↑ improved: procman\/cpi\/v2 queryLatencyUs.p95: 40.0 µs → 24.0 µs, −40.0 %/);
    expect(lines[4]).toBe('  procman — 1 of 3 gated metrics unchanged; could see a 20 % change on 1 of them');
    expect(lines[5]).toBe('  daemon — 1 of 1 gated metrics unchanged; could see a 20 % change on 1 of them');
    expect(lines[6]).toBe(
      '  Every metric: perf-results/latest/summary.md, or PLANEBENCH_VERBOSE=1 for the tables here',
    );
    expect(lines).toHaveLength(7);
  });

  test('the counts name regressed metrics that are not gated apart from the regressions', () => {
    const ungated = { ...metric('queryLatencyUs.max', 'regressed', 1.9), gated: false };
    const withUngated = summarizeRun([scenario('procman', [metric('queryLatencyUs.p50', 'unchanged', 1), ungated])]);
    const lines = renderConsoleTable(withUngated, {}).split('\n');
    expect(lines[1]).toMatch(
      /^planebench: 0 regressions \(and 1 in metrics not gated\) · 0 improved · 1 unchanged .* — ok$/,
    );
  });

  test('verbose prints every row first, and the verdict block after it', () => {
    const text = renderConsoleTable(comparison, { verbose: true });
    expect(text).toContain('planebench · suite procman');
    expect(text).toMatch(/cpi\/v2 +queryLatencyUs\.p99 +40\.0 µs/);
    expect(text.indexOf('planebench · suite daemon')).toBeLessThan(text.indexOf('planebench: 1 regression'));
    expect(text).not.toContain('Every metric:');
  });
});
