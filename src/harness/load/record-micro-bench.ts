/** Records a micro-benchmark into a scenario: the exact median per iteration
 * (gated) and the distribution of samples as a durationNs histogram. */
import type { ScenarioContext } from '../scenario.js';
import { median } from '../stats/median.js';
import type { MicroBenchResult } from './micro-bench.js';

export function recordMicroBench(ctx: ScenarioContext<unknown>, name: string, result: MicroBenchResult): void {
  const histogram = ctx.histogram(name, 'durationNs', { stats: ['p99', 'max'], gate: false });
  for (const ns of result.perIterationNs) histogram.record(ns);
  ctx.value(`${name}.median`, 'durationNs', median(result.perIterationNs));
  ctx.note(`${name}.iterationsPerSample`, result.iterationsPerSample);
}
