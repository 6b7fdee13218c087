/**
 * Records a micro-benchmark into a scenario: the exact median per iteration,
 * the distribution of samples as a durationNs histogram, and the median of
 * each sample over the reference batch timed right after it
 * (`<name>.overReference`, a ratio): the routine's cost with the machine's
 * momentary speed divided out. Both medians are gated.
 */
import type { ScenarioContext } from '../scenario.js';
import { median } from '../stats/median.js';
import type { MicroBenchResult } from './micro-bench.js';

export function recordMicroBench(ctx: ScenarioContext<unknown>, name: string, result: MicroBenchResult): void {
  const histogram = ctx.histogram(name, 'durationNs', { stats: ['p99', 'max'], gate: false });
  for (const ns of result.perIterationNs) histogram.record(ns);
  ctx.value(`${name}.median`, 'durationNs', median(result.perIterationNs));
  ctx.value(`${name}.overReference`, 'ratio', median(overReference(result)));
  ctx.note(`${name}.iterationsPerSample`, result.iterationsPerSample);
  ctx.note(`${name}.referenceNs.median`, median(result.referenceNs));
}

/** Each sample's time per iteration over its reference batch's. */
export function overReference(result: MicroBenchResult): number[] {
  return result.perIterationNs.map((ns, i) => ns / result.referenceNs[i]!);
}
