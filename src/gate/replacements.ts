/**
 * A raw measurement and the gated metrics of the same scenario that measure
 * the same behaviour with less noise: a micro-benchmark's median and its ratio
 * over the reference batch timed beside each sample; a procman query
 * percentile and its ratio over the bare query of the same trial; a procman
 * query p95 and the mean of the same queries, which in a contended window is
 * the waits behind lifecycle operations summed instead of ranked (the p95 of
 * 40–170 queries of which 10–16 % waited sits on the knee between waited and
 * did not wait). When the raw metric's noise hides a 2× change, its
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
];

/** The names of `metric`'s replacements that the scenario has, in the table's order. */
export function replacementsOf(metric: string, scenarioMetrics: ReadonlySet<string>): string[] {
  return REPLACEMENTS.flatMap(({ metric: pattern, by }) => {
    if (!pattern.test(metric)) return [];
    const name = metric.replace(pattern, by);
    return scenarioMetrics.has(name) ? [name] : [];
  });
}
