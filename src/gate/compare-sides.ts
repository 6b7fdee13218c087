/**
 * Base against head, both measured together (`planebench compare`): every
 * metric is judged against the base's trial values of the same scenario, by
 * the base's rules (its gating, its defaults) and the base tree's noise
 * calibration, in the RunComparison shape every report renders — with the
 * base in the "baseline" place. A duet comparison's trials are twins
 * (`paired`): their pools keep every round's trials in the same order on both
 * sides (src/gate/pool-rounds.ts), so base[i] was measured beside head[i].
 *
 * The history verdict (src/history/judge-run.ts) judges a run against its
 * testbed's pooled recent runs the same way, in `committed` mode: those runs
 * were measured on other days.
 */
import { busier, busyAtStart } from '../harness/busy-machine.js';
import type { ScenarioResult } from '../harness/result-model.js';
import { scenarioId } from '../harness/result-model.js';
import {
  compareMetric,
  scenarioIdentity,
  summarizeRun,
  type GateRules,
  type RunComparison,
  type ScenarioComparison,
  withReplacementsNamed,
} from './compare-run.js';
import { machineSpeedRatio } from './machine-speed.js';
import type { NoiseCalibration } from './noise-calibration.js';

function compareScenario(head: ScenarioResult, base: ScenarioResult | undefined, rules: GateRules): ScenarioComparison {
  const identity = scenarioIdentity(head, busier(busyAtStart(head), base ? busyAtStart(base) : undefined));
  if (head.state !== 'completed') {
    return { ...identity, status: { kind: 'not-completed', state: head.state, error: head.error ?? '' }, metrics: [] };
  }
  if (!base || base.state !== 'completed') {
    return {
      ...identity,
      status: { kind: 'no-baseline' },
      metrics: head.metrics.map((m) => compareMetric(head, m, m.name, undefined, rules)),
    };
  }
  const headByName = new Map(head.metrics.map((m) => [m.name, m]));
  const baseByName = new Map(base.metrics.map((m) => [m.name, m]));
  const names = new Set([...headByName.keys(), ...baseByName.keys()]);
  // Sides measured together ran on the same machine in the same minutes: a difference of the
  // reference loop between them is the reference's own noise, not the machine's speed, and
  // must not excuse a change (docs/decisions.md, "Machine speed").
  const speedRatio = rules.mode === 'committed' ? machineSpeedRatio(head, Object.fromEntries(baseByName)) : undefined;
  const metrics = withReplacementsNamed(
    [...names].map((name) => compareMetric(head, headByName.get(name), name, baseByName.get(name), rules, speedRatio)),
  );
  return { ...identity, status: { kind: 'compared' }, metrics };
}

/** Scenarios only the base has: every metric is missing on the head. */
function vanished(base: ScenarioResult, rules: GateRules): ScenarioComparison {
  return {
    suite: base.suite,
    scenario: base.scenario,
    variant: base.variant,
    profile: base.profile,
    status: { kind: 'compared' },
    metrics: base.metrics.map((m) => compareMetric(base, undefined, m.name, m, rules)),
  };
}

/** How the sides were measured: together (`interleaved`, twins when `paired`) or another day (`committed`). */
export type SidesMeasured = Omit<GateRules, 'calibration'>;

export function compareSides(
  base: readonly ScenarioResult[],
  head: readonly ScenarioResult[],
  calibration?: NoiseCalibration,
  measured: SidesMeasured = { mode: 'interleaved' },
): RunComparison {
  const rules: GateRules = { ...measured, ...(calibration ? { calibration } : {}) };
  const baseById = new Map(base.map((r) => [scenarioId(r), r]));
  const headIds = new Set(head.map(scenarioId));
  const scenarios = [
    ...head.map((r) => compareScenario(r, baseById.get(scenarioId(r)), rules)),
    ...base.filter((r) => !headIds.has(scenarioId(r)) && r.state === 'completed').map((r) => vanished(r, rules)),
  ];
  return summarizeRun(scenarios, [], calibration);
}
