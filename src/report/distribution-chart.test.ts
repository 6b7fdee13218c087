import { summarizeRun } from '../gate/compare-run.js';
import { compareSides } from '../gate/compare-sides.js';
import { captureEnvironment } from '../harness/environment.js';
import { syntheticResult } from '../test-support/fixture-results.js';
import { regressionDistributions, renderDistributionChart } from './distribution-chart.js';
import { renderMarkdownReport } from './markdown-report.js';

describe('the distribution chart of a regressed latency', () => {
  const base = syntheticResult(Array.from({ length: 200 }, (_, i) => 100 + (i % 50)));
  const head = syntheticResult(Array.from({ length: 200 }, (_, i) => 200 + 2 * (i % 50)));

  test('percentiles of both sides, bars the reference and a line the judged side', () => {
    const comparison = compareSides([base], [head]);
    const charts = regressionDistributions(comparison.regressions, [head], () => base.histograms);
    const d = charts.get('demo/query/v2 queryLatencyUs.p50');
    expect(d?.reference[0]).toBeCloseTo(124, -1);
    expect(d?.judged[0]).toBeCloseTo(249, -1);
    const block = renderDistributionChart('query/v2 queryLatencyUs', d!, { reference: 'Base', judged: 'Head' });
    expect(block[0]).toBe('```mermaid');
    expect(block[1]).toMatch(/^%%\{init: \{"xyChart": \{"height": 260\}/);
    expect(block[2]).toBe('xychart-beta');
    expect(block).toContain('  x-axis ["p50", "p90", "p99", "p99.9"]');
    expect(block.find((l) => l.startsWith('  bar ['))).toMatch(/^ {2}bar \[12\d, 14\d, 14\d, 14\d\]$/);
    expect(block.find((l) => l.startsWith('  line ['))).toMatch(/^ {2}line \[2\d\d, 2\d\d, 2\d\d, 2\d\d\]$/);
    expect(block.at(-1)).toMatch(/^<sub>p50 12\d µs → 2\d\d µs · /);
  });

  test('report.md draws it under the regressions; no histogram, no chart', () => {
    const comparison = compareSides([base], [head]);
    const charts = regressionDistributions(comparison.regressions, [head], () => base.histograms);
    const md = renderMarkdownReport(comparison, captureEnvironment('ci'), { distributions: charts });
    expect(md.indexOf('```mermaid')).toBeGreaterThan(md.indexOf('### Regressions'));
    expect(md.indexOf('```mermaid')).toBeLessThan(md.indexOf('### By suite'));
    expect(regressionDistributions(comparison.regressions, [head], () => undefined).size).toBe(0);
    expect(renderMarkdownReport(summarizeRun([]), captureEnvironment('ci'))).not.toContain('mermaid');
  });
});
