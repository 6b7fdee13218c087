/**
 * A raw measurement and the gated metric of the same scenario that measures
 * the same behaviour with the machine's share divided out: a micro-benchmark's
 * median and its ratio over the reference batch timed beside each sample, a
 * procman query percentile and its ratio over the bare query of the same
 * trial. When the raw metric's noise hides a 2× change, its replacement is
 * what judges that behaviour, and a slowdown the replacement catches counts
 * as caught in the power figures.
 */
interface Replacement {
  readonly metric: RegExp;
  readonly by: string;
}

const REPLACEMENTS: readonly Replacement[] = [
  { metric: /^(\w+Ns)\.median$/, by: '$1.overReference' },
  { metric: /^queryLatencyUs\.p50$/, by: 'queryOverFloorP50Ratio' },
  { metric: /^queryLatencyUs\.p95$/, by: 'queryOverFloorP95Ratio' },
];

/** The name of `metric`'s replacement when the scenario has it, else undefined. */
export function replacementOf(metric: string, scenarioMetrics: ReadonlySet<string>): string | undefined {
  for (const { metric: pattern, by } of REPLACEMENTS) {
    if (!pattern.test(metric)) continue;
    const name = metric.replace(pattern, by);
    if (scenarioMetrics.has(name)) return name;
  }
  return undefined;
}
