import { summarizeRun } from '../gate/compare-run.js';
import { createHistogram, encodeHistogram } from '../harness/histogram/histogram.js';
import {
  latencyMetric,
  metricComparison,
  scenarioComparison,
  scenarioResult,
} from '../test-support/fixture-results.js';
import { criterionChange, criterionTime, renderCriterionLines } from './criterion-lines.js';

/** A micro-benchmark as recordMicroBench records it: samples 1000..1999 ns, trial medians around 1.5 µs. */
function microResult(name = 'daemonCreationNs') {
  const histogram = createHistogram('durationNs');
  for (let ns = 1_000; ns < 2_000; ns += 1) histogram.recordValue(ns);
  return scenarioResult(
    [
      latencyMetric([1_490, 1_500, 1_510], { name: `${name}.median`, kind: 'durationNs', unit: 'ns', stat: 'value' }),
      latencyMetric([0.9, 1, 1.1], { name: `${name}.overReference`, kind: 'ratio', unit: 'ratio', stat: 'value' }),
    ],
    {
      suite: 'daemon',
      scenario: 'micro',
      variant: 'default',
      histograms: { [name]: { kind: 'durationNs', unit: 'ns', count: 1_000, encoded: encodeHistogram(histogram) } },
    },
  );
}

const judged = (
  status: 'regressed' | 'improved' | 'unchanged',
  ratio: number,
  reason?: 'below the smallest effect judged',
) =>
  summarizeRun([
    scenarioComparison(
      'daemon',
      'micro',
      [metricComparison('daemonCreationNs.median', status, { ratio }, reason === undefined ? {} : { reason })],
      'default',
    ),
  ]);

describe('micro-benchmark lines as Criterion prints them', () => {
  test('time, change and the sentence, under the benchmark id', () => {
    const lines = renderCriterionLines([microResult()], judged('regressed', 1.25));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('daemon/micro/default/daemonCreationNs');
    // The merged samples' median (rank 500 of 1000..1999) within its 95 % interval (± 1.96·√1000/2 ranks).
    expect(lines[1]).toMatch(/^ {24}time: {3}\[1\.46\d\d µs 1\.499\d µs 1\.53\d\d µs\]$/);
    expect(lines[2]).toBe(`${' '.repeat(24)}change: [+12.500% +25.000% +37.500%]`);
    expect(lines[3]).toBe(`${' '.repeat(24)}Performance has regressed.`);
  });

  test("the sentence is the gate's status", () => {
    expect(renderCriterionLines([microResult()], judged('improved', 0.8))[3]).toMatch(/Performance has improved\.$/);
    expect(renderCriterionLines([microResult()], judged('unchanged', 1.01))[3]).toMatch(
      /No change in performance detected\.$/,
    );
    expect(
      renderCriterionLines([microResult()], judged('unchanged', 1.03, 'below the smallest effect judged'))[3],
    ).toMatch(/Change within noise threshold\.$/);
  });

  test('without a comparison (gate off, or no baseline) only the time line', () => {
    expect(renderCriterionLines([microResult()])).toHaveLength(2);
    const newMetric = summarizeRun([
      scenarioComparison('daemon', 'micro', [metricComparison('daemonCreationNs.median', 'new')], 'default'),
    ]);
    expect(renderCriterionLines([microResult()], { ...newMetric }).filter((l) => l.includes('change:'))).toEqual([]);
  });

  test('a short id shares the time line, padded to the column', () => {
    const line = renderCriterionLines(
      [microResult('x')].map((r) => ({ ...r, suite: 'd', scenario: 'm', variant: 'v' })),
    )[0];
    expect(line).toMatch(/^d\/m\/v\/x {17}time: {3}\[/);
  });

  test('results without micro-benchmarks print nothing', () => {
    expect(renderCriterionLines([scenarioResult([latencyMetric([1, 2, 3])])])).toEqual([]);
  });

  test("Criterion's number formats: four significant digits, signed percentages", () => {
    expect(criterionTime(80.6)).toBe('80.600 ns');
    expect(criterionTime(2_140)).toBe('2.1400 µs');
    expect(criterionTime(6_600_000)).toBe('6.6000 ms');
    expect(criterionChange(1.002316)).toBe('+0.2316%');
    expect(criterionChange(0.98)).toBe('-2.0000%');
  });
});
