/**
 * A raw measurement and the gated metrics of the same scenario that measure
 * the same behaviour with less noise: a micro-benchmark's median and its ratio
 * over the reference batch timed beside each sample; a procman query
 * percentile and its ratio over the bare query of the same trial; a procman
 * query p95 (raw or over the floor) and the mean of the same queries: in a
 * window where lifecycle operations hold queries up, the mean sums the waits
 * that the p95 ranks on the knee between the queries that waited and those
 * that did not (docs/decisions.md, "Contended procman windows are judged by
 * their mean"). When the raw metric's noise hides a 2× change, its
 * replacements are what judge that behaviour, and a slowdown one of them
 * catches counts as caught in the power figures.
 */
interface Replacement {
  readonly metric: RegExp;
  readonly by: string;
}

const REPLACEMENTS: readonly Replacement[] = [
  { metric: /^(\w+Ns)\.median$/, by: '$1.overReference' },
  { metric: /^queryLatencyUs\.p50$/, by: 'queryOverFloorP50Ratio' },
  { metric: /^queryLatencyUs\.p95$/, by: 'queryOverFloorP95Ratio' },
  { metric: /^(\w*[qQ]ueryLatencyUs)\.p95$/, by: '$1.mean' },
  { metric: /^queryOverFloorP95Ratio$/, by: 'queryLatencyUs.mean' },
];

/** The names of `metric`'s replacements that the scenario has, in the table's order. */
export function replacementsOf(metric: string, scenarioMetrics: ReadonlySet<string>): string[] {
  return REPLACEMENTS.flatMap(({ metric: pattern, by }) => {
    if (!pattern.test(metric)) return [];
    const name = metric.replace(pattern, by);
    return scenarioMetrics.has(name) ? [name] : [];
  });
}
