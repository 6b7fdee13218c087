/**
 * Base against head with the gate's own verdict rules: every head metric is
 * judged (src/gate/verdict.ts `judge`) against the base's trial values of the
 * same scenario, in the RunComparison shape the console table and report.md
 * already render — with the base in the "baseline" place.
 */
import { machineSpeedRatio } from '../gate/machine-speed.js';
import { compareMetric, type RunComparison, type ScenarioComparison } from '../gate/compare-run.js';
import type { VerdictStatus } from '../gate/verdict.js';
import type { ScenarioResult } from '../harness/result-model.js';
import { scenarioKey } from '../harness/result-model.js';

function id(r: Pick<ScenarioResult, 'suite' | 'scenario' | 'variant'>): string {
  return `${r.suite}/${scenarioKey(r)}`;
}

function compareScenario(head: ScenarioResult, base: ScenarioResult | undefined): ScenarioComparison {
  const identity = { suite: head.suite, scenario: head.scenario, variant: head.variant, profile: head.profile };
  if (head.state !== 'completed') {
    return { ...identity, status: { kind: 'not-completed', state: head.state, error: head.error ?? '' }, metrics: [] };
  }
  if (!base || base.state !== 'completed') {
    return {
      ...identity,
      status: { kind: 'no-baseline' },
      metrics: head.metrics.map((m) => compareMetric(head, m, m.name, undefined)),
    };
  }
  const names = new Set([...head.metrics.map((m) => m.name), ...base.metrics.map((m) => m.name)]);
  const speedRatio = machineSpeedRatio(head, Object.fromEntries(base.metrics.map((m) => [m.name, m])));
  const metrics = [...names].map((name) =>
    compareMetric(
      head,
      head.metrics.find((m) => m.name === name),
      name,
      base.metrics.find((m) => m.name === name),
      speedRatio,
    ),
  );
  return { ...identity, status: { kind: 'compared' }, metrics };
}

/** Scenarios only the base has: every metric is missing on the head. */
function vanished(base: ScenarioResult): ScenarioComparison {
  return {
    suite: base.suite,
    scenario: base.scenario,
    variant: base.variant,
    profile: base.profile,
    status: { kind: 'compared' },
    metrics: base.metrics.map((m) => compareMetric(base, undefined, m.name, m)),
  };
}

export function compareSides(base: readonly ScenarioResult[], head: readonly ScenarioResult[]): RunComparison {
  const baseById = new Map(base.map((r) => [id(r), r]));
  const headIds = new Set(head.map(id));
  const scenarios = [
    ...head.map((r) => compareScenario(r, baseById.get(id(r)))),
    ...base.filter((r) => !headIds.has(id(r)) && r.state === 'completed').map(vanished),
  ];
  const counts: Record<VerdictStatus, number> = { improved: 0, unchanged: 0, regressed: 0, new: 0, missing: 0 };
  for (const s of scenarios) for (const m of s.metrics) counts[m.status] += 1;
  const regressions = scenarios.flatMap((s) => s.metrics.filter((m) => m.gated && m.status === 'regressed'));
  const notCompleted = scenarios.some((s) => s.status.kind === 'not-completed');
  return { scenarios, baselineErrors: [], counts, regressions, failed: regressions.length > 0 || notCompleted };
}
