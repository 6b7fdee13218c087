/**
 * The console lines Criterion.rs prints for a benchmark, for every
 * micro-benchmark of the run (a durationNs histogram `<name>` recorded with
 * `<name>.median` and `<name>.overReference`, src/harness/load/record-micro-bench.ts):
 *
 *   daemon/micro/default/daemonCreationNs
 *                           time:   [1.9016 µs 1.9187 µs 1.9433 µs]
 *                           change: [-2.1034% +0.4513% +3.0977%]
 *                           No change in performance detected.
 *
 * `time` is the median of all samples (every trial's, the merged histogram)
 * with its 95 % interval by order statistics, as Criterion prints an estimate
 * between its interval's bounds. (The gated `<name>.median` is the median of
 * the trials' medians: close to it, not always equal.) `change` and the sentence are the gate's verdict on
 * `<name>.median`: its ratio interval and status, never judged again here.
 * Criterion's p-value is not printed: the gate judges by its own statistic.
 */
import type { MetricComparison, RunComparison } from '../gate/compare-run.js';
import { decodeHistogram, stepsPerUnitOf } from '../harness/histogram/histogram.js';
import { scenarioId, type RecordedHistogram, type ScenarioResult } from '../harness/result-model.js';

/** Criterion's column: names are padded to this width, the lines below indented by it. */
const NAME_WIDTH = 24;
/** z for a two-sided 95 % interval. */
const Z95 = 1.96;

/** Criterion's `format::short`: four significant digits. */
function short(value: number): string {
  const abs = Math.abs(value);
  if (abs < 10) return value.toFixed(4);
  if (abs < 100) return value.toFixed(3);
  if (abs < 1000) return value.toFixed(2);
  if (abs < 10000) return value.toFixed(1);
  return value.toFixed(0);
}

/** Criterion's `format::time`: ns, µs, ms or s, four significant digits. */
export function criterionTime(ns: number): string {
  if (ns < 1e3) return `${short(ns)} ns`;
  if (ns < 1e6) return `${short(ns / 1e3)} µs`;
  if (ns < 1e9) return `${short(ns / 1e6)} ms`;
  return `${short(ns / 1e9)} s`;
}

/** Criterion's signed percentage: `+1.2345%`, `-0.5000%`. */
export function criterionChange(ratio: number): string {
  const percent = (ratio - 1) * 100;
  return `${percent >= 0 ? '+' : ''}${short(percent)}%`;
}

/** Criterion's sentence for a comparison with the saved baseline; undefined when there is none. */
export function criterionSentence(m: MetricComparison): string | undefined {
  switch (m.status) {
    case 'regressed':
      return 'Performance has regressed.';
    case 'improved':
      return 'Performance has improved.';
    case 'unchanged':
      return m.verdict?.reason === 'below the smallest effect judged' ||
        m.verdict?.reason === 'below the absolute floor'
        ? 'Change within noise threshold.'
        : 'No change in performance detected.';
    default:
      return undefined;
  }
}

/** The median of the merged samples with its 95 % interval, by order statistics. */
function medianInterval(recorded: RecordedHistogram): { low: number; median: number; high: number } | undefined {
  const histogram = decodeHistogram(recorded.encoded);
  const steps = stepsPerUnitOf(recorded);
  const n = histogram.totalCount;
  if (n < 2) return undefined;
  const half = (Z95 * Math.sqrt(n)) / 2;
  const percentile = (rank: number): number =>
    histogram.getValueAtPercentile(Math.min(100, Math.max(0, (rank / n) * 100))) / steps;
  return { low: percentile(n / 2 - half), median: percentile(n / 2), high: percentile(n / 2 + half) };
}

/** The micro-benchmark names of a result: histograms recorded by recordMicroBench. */
export function microBenchNames(result: ScenarioResult): string[] {
  const names = new Set(result.metrics.map((m) => m.name));
  return Object.keys(result.histograms).filter(
    (name) => names.has(`${name}.median`) && names.has(`${name}.overReference`),
  );
}

export function renderCriterionLines(results: readonly ScenarioResult[], comparison?: RunComparison): string[] {
  const lines: string[] = [];
  const indent = ' '.repeat(NAME_WIDTH);
  const comparedById = new Map((comparison?.scenarios ?? []).map((s) => [scenarioId(s), s]));
  for (const result of results) {
    const compared = comparedById.get(scenarioId(result));
    const verdicts = new Map((compared?.metrics ?? []).map((m) => [m.metric, m]));
    const metrics = new Map(result.metrics.map((m) => [m.name, m]));
    for (const name of microBenchNames(result)) {
      const median = metrics.get(`${name}.median`);
      const recorded = result.histograms[name];
      if (median === undefined || recorded === undefined) continue;
      const interval = medianInterval(recorded) ?? {
        low: median.value,
        median: median.value,
        high: median.value,
      };
      const id = `${scenarioId(result)}/${name}`;
      const time = `time:   [${criterionTime(interval.low)} ${criterionTime(interval.median)} ${criterionTime(interval.high)}]`;
      if (id.length < NAME_WIDTH) lines.push(id.padEnd(NAME_WIDTH) + time);
      else lines.push(id, indent + time);
      // Only a judged metric has a change: a new one (no baseline) prints its time alone, as Criterion's first run does.
      const verdict = verdicts.get(`${name}.median`);
      const sentence = verdict === undefined ? undefined : criterionSentence(verdict);
      if (sentence === undefined) continue;
      const ratio = verdict?.verdict?.ratio;
      if (ratio !== undefined) {
        lines.push(
          `${indent}change: [${criterionChange(ratio.low)} ${criterionChange(ratio.estimate)} ${criterionChange(ratio.high)}]`,
        );
      }
      lines.push(`${indent}${sentence}`);
    }
  }
  return lines;
}
