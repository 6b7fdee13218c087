/**
 * The history reference: the pooled trials of a testbed's recent runs, as
 * the reference side of the gate's comparison (src/gate/compare-sides.ts).
 *
 * A run of the history is a reference for a run of profile P on testbed T when
 * planebench recorded it (it has a runId, a testbed and gate records), it is
 * of P (its data.js suite is one of P's) and of T, and it is not the run being
 * judged. Its suites (one per direction) are one run. The last `k` such runs
 * are pooled per scenario. The newest of them that measured the scenario sets
 * its metrics and their rules — gated, kind, statistic, default threshold —
 * so the judged run never sets its own rules, and a metric main stopped
 * gating is no longer judged; each such metric pools the trials of every
 * run that recorded it.
 */
import { isMetricKindName } from '../harness/metric-kinds.js';
import type { ProfileName } from '../harness/profile.js';
import type { Metric, ScenarioResult } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';
import { sameTestbed, type Testbed } from '../harness/testbed.js';
import type { BenchmarkData, GateRecord } from './benchmark-data.js';
import { trendSuiteName } from './trend-suites.js';

/** How many of a testbed's newest runs are pooled, unless told otherwise (docs/baselines.md, "How main is judged"). */
export const HISTORY_RUNS = 5;

/** Fewer reference runs than this (or than k, when k is smaller) are too little history. */
export const MIN_HISTORY_RUNS = 3;

export interface RecordedBench {
  readonly name: string;
  readonly unit: string;
  readonly direction: Metric['direction'];
  readonly gate: GateRecord;
}

export interface ReferenceRun {
  readonly runId: string;
  readonly commit: string;
  /** The newest date of its suites, ms since the epoch. */
  readonly date: number;
  readonly benches: readonly RecordedBench[];
}

/** The runs that may serve as reference for a run of `profile` on `testbed`, oldest first. */
export function referenceRuns(
  data: BenchmarkData,
  profile: ProfileName,
  testbed: Testbed,
  judgedRunId: string,
): ReferenceRun[] {
  const byId = new Map<string, { commit: string; date: number; benches: RecordedBench[] }>();
  for (const direction of ['smaller', 'bigger'] as const) {
    for (const run of data.entries[trendSuiteName(profile, direction)] ?? []) {
      if (!run.runId || !run.testbed || run.runId === judgedRunId || !sameTestbed(run.testbed, testbed)) continue;
      const benches = run.benches.flatMap((b) =>
        b.gate ? [{ name: b.name, unit: b.unit, direction, gate: b.gate }] : [],
      );
      if (benches.length === 0) continue;
      const seen = byId.get(run.runId) ?? { commit: run.commit.id, date: run.date, benches: [] };
      byId.set(run.runId, { ...seen, date: Math.max(seen.date, run.date), benches: [...seen.benches, ...benches] });
    }
  }
  return [...byId.entries()].map(([runId, r]) => ({ runId, ...r })).sort((a, b) => a.date - b.date);
}

/** suite/scenario/variant/metric → its parts; undefined for a name of another shape. */
function splitBenchName(
  name: string,
): { suite: string; scenario: string; variant: string; metric: string } | undefined {
  const [suite, scenario, variant, ...rest] = name.split('/');
  if (!suite || !scenario || !variant || rest.length === 0) return undefined;
  return { suite, scenario, variant, metric: rest.join('/') };
}

interface RecordedIn {
  readonly run: number;
  readonly bench: RecordedBench;
}

interface PooledScenario {
  readonly suite: string;
  readonly scenario: string;
  readonly variant: string;
  /** Index of the newest run that recorded the scenario. */
  newest: number;
  readonly metrics: Map<string, RecordedIn[]>;
}

function pooledMetric(name: string, recorded: readonly RecordedIn[]): Metric {
  const newest = (recorded[recorded.length - 1] as RecordedIn).bench;
  const trials = recorded.flatMap((r) => r.bench.gate.trials);
  return {
    name,
    kind: newest.gate.kind as Metric['kind'],
    unit: newest.unit,
    direction: newest.direction,
    stat: newest.gate.stat,
    value: median(trials),
    trials,
    gated: newest.gate.gated,
    noise: newest.gate.noise,
  };
}

/** The runs (oldest first) pooled into one result per scenario: the reference side of the comparison. */
export function pooledReference(runs: readonly ReferenceRun[], profile: ProfileName): ScenarioResult[] {
  const scenarios = new Map<string, PooledScenario>();
  runs.forEach((run, index) => {
    for (const bench of run.benches) {
      const parts = splitBenchName(bench.name);
      if (!parts || !isMetricKindName(bench.gate.kind)) continue;
      const id = `${parts.suite}/${parts.scenario}/${parts.variant}`;
      const s = scenarios.get(id) ?? { ...parts, newest: index, metrics: new Map<string, RecordedIn[]>() };
      s.newest = index;
      s.metrics.set(parts.metric, [...(s.metrics.get(parts.metric) ?? []), { run: index, bench }]);
      scenarios.set(id, s);
    }
  });
  return [...scenarios.values()].map((s) => {
    const metrics = [...s.metrics.entries()]
      .filter(([, recorded]) => recorded[recorded.length - 1]?.run === s.newest)
      .map(([name, recorded]) => pooledMetric(name, recorded));
    return {
      suite: s.suite,
      scenario: s.scenario,
      variant: s.variant,
      profile,
      params: {},
      state: 'completed',
      trialCount: Math.max(...metrics.map((m) => m.trials.length)),
      durationMs: 0,
      metrics,
      histograms: {},
      notes: [],
    };
  });
}
