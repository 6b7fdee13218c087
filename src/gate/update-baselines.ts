/**
 * `npm run perf:baseline [-- <selector>…]`: writes baselines from the last
 * run's results, only for the scenarios asked (all when none is named), each
 * suite file atomically. Every file is read and checked before any is
 * written, so a corrupt baseline or an unknown selector changes nothing.
 * With `newMetricsOnly`, an existing entry keeps every metric it has and gains
 * only those it lacks (a scenario that started measuring something new), so
 * the rest is not re-based on the new run's machine.
 */
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

export interface BaselineChange {
  readonly suite: string;
  readonly key: string;
  readonly action: 'added' | 'replaced' | 'extended';
  /** Metrics written (for `extended`: the metrics added). */
  readonly metrics: number;
  readonly profile: string;
  readonly previousProfile?: string;
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
}

export function updateBaselines(
  baselinesDir: string,
  results: readonly ScenarioResult[],
  environment: EnvironmentFingerprint,
  selectors: readonly string[],
  options: UpdateOptions = {},
): BaselineChange[] {
  const selected = selectResults(results, selectors);
  const incomplete = selected.filter((r) => r.state !== 'completed');
  if (incomplete.length > 0) {
    throw new BaselineUpdateError(
      `Refusing to baseline scenarios that did not complete: ${incomplete.map((r) => `${r.suite}/${scenarioKey(r)} (${r.state})`).join(', ')}`,
    );
  }
  const bySuite = new Map<string, ScenarioResult[]>();
  for (const r of selected) bySuite.set(r.suite, [...(bySuite.get(r.suite) ?? []), r]);
  // Read (and so validate) every file first: nothing is written if one is corrupt.
  const existing = new Map<string, BaselineFile | undefined>();
  for (const suite of bySuite.keys()) existing.set(suite, readBaseline(baselinesDir, suite));
  if (options.newMetricsOnly) {
    for (const [suite, suiteResults] of bySuite) {
      for (const r of suiteResults) {
        const before = existing.get(suite)?.scenarios[scenarioKey(r)];
        if (before && before.profile !== r.profile) {
          throw new BaselineUpdateError(
            `Cannot add ${r.profile}-profile metrics to the ${before.profile}-profile baseline of ${suite}/${scenarioKey(r)}`,
          );
        }
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
      if (options.newMetricsOnly && before) {
        const fresh = entryOf(r, environment);
        const added = Object.keys(fresh.metrics).filter((name) => !Object.hasOwn(before.metrics, name));
        scenarios[key] = {
          ...before,
          metrics: { ...before.metrics, ...Object.fromEntries(added.map((name) => [name, fresh.metrics[name]!])) },
          histograms: { ...fresh.histograms, ...before.histograms },
        };
        changes.push({ suite, key, action: 'extended', metrics: added.length, profile: r.profile });
        continue;
      }
      scenarios[key] = entryOf(r, environment);
      changes.push({
        suite,
        key,
        action: before ? 'replaced' : 'added',
        metrics: r.metrics.length,
        profile: r.profile,
        ...(before ? { previousProfile: before.profile } : {}),
      });
    }
    writeBaseline(baselinesDir, { version: BASELINE_VERSION, suite, scenarios });
  }
  return changes;
}
