/**
 * `npm run perf:baseline [-- <selector>…]`: writes baselines from the last
 * run's results, only for the scenarios asked (all when none is named), each
 * suite file atomically. Every file is read and checked before any is
 * written, so a corrupt baseline or an unknown selector changes nothing.
 * With `newMetricsOnly`, an existing entry keeps every metric it has and gains
 * only those it lacks (a scenario that started measuring something new), so
 * the rest is not re-based on the new run's machine. With `metrics`, an
 * existing entry keeps every metric but the named ones, which it takes from
 * the run (a metric whose meaning changed: its denominator, its unit). It refuses a run with a
 * scenario that did not complete, an entry of another testbed (machine class)
 * unless allowTestbedChange, and an entry of another profile unless
 * asked (`allowProfileChange`); `dryRun` returns the changes, writing nothing.
 */
import { describeTestbed, sameTestbed, testbedOf } from '../harness/testbed.js';
import type { ScenarioResult } from '../harness/result-model.js';
import { scenarioKey } from '../harness/result-model.js';
import type { EnvironmentFingerprint } from '../harness/result-model.js';
import {
  BASELINE_VERSION,
  readBaseline,
  writeBaseline,
  type BaselineEntry,
  type BaselineFile,
} from './baseline-file.js';

export interface MetricChange {
  readonly name: string;
  readonly unit: string;
  /** The entry's value before; absent for a metric it did not have. */
  readonly before?: number;
  readonly after: number;
}

export interface BaselineChange {
  readonly suite: string;
  readonly key: string;
  /** `extended`: new metrics only; `rebased`: the named metrics only. */
  readonly action: 'added' | 'replaced' | 'extended' | 'rebased';
  /** Metrics written (for `extended`: the metrics added). */
  readonly metrics: number;
  readonly profile: string;
  readonly previousProfile?: string;
  /** Every metric written, with its value before and after. */
  readonly changes: readonly MetricChange[];
}

export class BaselineUpdateError extends Error {
  override readonly name = 'BaselineUpdateError';
}

/** A selector names a suite, suite/scenario, suite/scenario/variant, or a scenario in any suite. */
export function matchesSelector(
  result: Pick<ScenarioResult, 'suite' | 'scenario' | 'variant'>,
  selector: string,
): boolean {
  const full = `${result.suite}/${result.scenario}/${result.variant}`;
  return (
    selector === result.suite ||
    selector === `${result.suite}/${result.scenario}` ||
    selector === full ||
    selector === result.scenario
  );
}

export function selectResults(results: readonly ScenarioResult[], selectors: readonly string[]): ScenarioResult[] {
  if (selectors.length === 0) return [...results];
  const unknown = selectors.filter((s) => !results.some((r) => matchesSelector(r, s)));
  if (unknown.length > 0) {
    const known = [...new Set(results.map((r) => `${r.suite}/${r.scenario}/${r.variant}`))].join(', ');
    throw new BaselineUpdateError(
      `No result of the last run matches ${unknown.map((s) => `\`${s}\``).join(', ')}; the last run has: ${known}`,
    );
  }
  return results.filter((r) => selectors.some((s) => matchesSelector(r, s)));
}

function entryOf(result: ScenarioResult, environment: EnvironmentFingerprint): BaselineEntry {
  return {
    profile: result.profile,
    updatedAt: environment.date,
    environment,
    params: result.params,
    metrics: Object.fromEntries(
      result.metrics.map((m) => [
        m.name,
        {
          kind: m.kind,
          unit: m.unit,
          direction: m.direction,
          stat: m.stat,
          gated: m.gated,
          value: m.value,
          trials: m.trials,
          ...(m.histogram ? { histogram: m.histogram } : {}),
        },
      ]),
    ),
    histograms: result.histograms,
  };
}

export interface UpdateOptions {
  /** Existing entries only gain the metrics they lack; entries that do not exist are added whole. */
  readonly newMetricsOnly?: boolean;
  /**
   * Existing entries take only these metrics from the run (replaced or added) and keep the rest;
   * entries that do not exist are added whole. Not with `newMetricsOnly`.
   */
  readonly metrics?: readonly string[];
  /** Replace entries recorded at another profile (refused otherwise). */
  readonly allowProfileChange?: boolean;
  /** Replace entries recorded on another testbed — machine class (refused otherwise). */
  readonly allowTestbedChange?: boolean;
  /** Work out and return the changes, write nothing. */
  readonly dryRun?: boolean;
}

function metricChanges(
  written: BaselineEntry['metrics'],
  before: BaselineEntry['metrics'] | undefined,
  names: readonly string[],
): MetricChange[] {
  return names.map((name) => {
    const after = written[name]!;
    const previous = before?.[name];
    return { name, unit: after.unit, after: after.value, ...(previous ? { before: previous.value } : {}) };
  });
}

export function updateBaselines(
  baselinesDir: string,
  results: readonly ScenarioResult[],
  environment: EnvironmentFingerprint,
  selectors: readonly string[],
  options: UpdateOptions = {},
): BaselineChange[] {
  const incomplete = results.filter((r) => r.state !== 'completed');
  if (incomplete.length > 0) {
    throw new BaselineUpdateError(
      `Refusing the results of a run whose scenarios did not all complete: ${incomplete.map((r) => `${r.suite}/${scenarioKey(r)} (${r.state})`).join(', ')}; measure again`,
    );
  }
  const only = options.metrics ?? [];
  if (only.length > 0 && options.newMetricsOnly)
    throw new BaselineUpdateError('Name metrics to re-base or ask for new metrics only, not both');
  const selected = selectResults(results, selectors);
  for (const name of only) {
    if (!selected.some((r) => r.metrics.some((m) => m.name === name)))
      throw new BaselineUpdateError(`No selected scenario of the run measured the metric \`${name}\``);
  }
  const bySuite = new Map<string, ScenarioResult[]>();
  for (const r of selected) bySuite.set(r.suite, [...(bySuite.get(r.suite) ?? []), r]);
  // Read (and so validate) every file first: nothing is written if one is corrupt.
  const existing = new Map<string, BaselineFile | undefined>();
  for (const suite of bySuite.keys()) existing.set(suite, readBaseline(baselinesDir, suite));
  const runTestbed = testbedOf(environment);
  for (const [suite, suiteResults] of bySuite) {
    for (const r of suiteResults) {
      const before = existing.get(suite)?.scenarios[scenarioKey(r)];
      const beforeTestbed = before ? testbedOf(before.environment) : undefined;
      if (beforeTestbed && runTestbed && !sameTestbed(beforeTestbed, runTestbed) && !options.allowTestbedChange) {
        throw new BaselineUpdateError(
          `Refusing to ${options.newMetricsOnly ? 'extend' : 'replace'} the baseline of ${suite}/${scenarioKey(r)}, recorded on ` +
            `${describeTestbed(beforeTestbed)}, with results from ${describeTestbed(runTestbed)} (runs on its machine would ` +
            'then have nothing to compare with); pass --replace-testbed to do it anyway',
        );
      }
      if (!before || before.profile === r.profile) continue;
      if (options.newMetricsOnly) {
        throw new BaselineUpdateError(
          `Cannot add ${r.profile}-profile metrics to the ${before.profile}-profile baseline of ${suite}/${scenarioKey(r)}`,
        );
      }
      if (!options.allowProfileChange) {
        throw new BaselineUpdateError(
          `Refusing to replace the ${before.profile}-profile baseline of ${suite}/${scenarioKey(r)} with ${r.profile}-profile results ` +
            `(a ${before.profile} run would then have nothing to compare with); pass --replace-profile to do it anyway`,
        );
      }
    }
  }
  const changes: BaselineChange[] = [];
  for (const [suite, suiteResults] of bySuite) {
    const previous = existing.get(suite);
    const scenarios: Record<string, BaselineEntry> = { ...(previous?.scenarios ?? {}) };
    for (const r of suiteResults) {
      const key = scenarioKey(r);
      const before = scenarios[key];
      if ((options.newMetricsOnly || only.length > 0) && before) {
        const fresh = entryOf(r, environment);
        const added = Object.keys(fresh.metrics).filter((name) =>
          only.length > 0 ? only.includes(name) : !Object.hasOwn(before.metrics, name),
        );
        // Nothing new or named here: the entry is left as recorded, and not reported as written.
        if (added.length === 0) continue;
        // A metric written after its entry carries its own date (the day drift is measured
        // against it), and a metric re-based by name brings the histogram it is a statistic of.
        const written = added.map((name) => [name, { ...fresh.metrics[name]!, updatedAt: environment.date }] as const);
        const rebasedHistograms =
          only.length === 0 ? [] : added.flatMap((name) => fresh.metrics[name]?.histogram ?? []);
        const histogramsOfRebased = rebasedHistograms.flatMap((h) => {
          const recorded = fresh.histograms[h];
          return recorded ? [[h, recorded] as const] : [];
        });
        scenarios[key] = {
          ...before,
          metrics: { ...before.metrics, ...Object.fromEntries(written) },
          histograms: {
            ...fresh.histograms,
            ...before.histograms,
            ...Object.fromEntries(histogramsOfRebased),
          },
        };
        const changed = metricChanges(fresh.metrics, before.metrics, added);
        const action = only.length > 0 ? 'rebased' : 'extended';
        changes.push({ suite, key, action, metrics: added.length, profile: r.profile, changes: changed });
        continue;
      }
      const entry = entryOf(r, environment);
      scenarios[key] = entry;
      changes.push({
        suite,
        key,
        action: before ? 'replaced' : 'added',
        metrics: r.metrics.length,
        profile: r.profile,
        ...(before ? { previousProfile: before.profile } : {}),
        changes: metricChanges(entry.metrics, before?.metrics, Object.keys(entry.metrics)),
      });
    }
    if (!options.dryRun) writeBaseline(baselinesDir, { version: BASELINE_VERSION, suite, scenarios });
  }
  return changes;
}
