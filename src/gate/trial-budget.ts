/**
 * What catching a change would cost: for each scenario of a duet comparison,
 * the twin pairs its calibrated noise needs for the gate to catch a slowdown
 * of a given size, and the trial time that takes on this machine.
 *
 * A metric judged pair by pair (src/gate/log-shift.ts) is flagged when its
 * shift exceeds Z_CRITICAL standard errors, σ_pair/√n. A real shift of log f
 * is seen as a normal estimate around log f with that standard error, so it
 * is caught with probability Φ(√n·log f/σ_pair − Z_CRITICAL); n pairs reach
 * probability P when √n ≥ (Z_CRITICAL + z_P)·σ_pair/log f, and never fewer
 * than the signed-rank test needs to speak (MIN_PAIRS).
 *
 * A scenario's pair costs one trial of each side, as long as the comparison
 * measured them (its durations over its trials).
 */
import type { ScenarioResult } from '../harness/result-model.js';
import { scenarioId } from '../harness/result-model.js';
import { interleavedNoise } from './compare-run.js';
import { calibratedPairSigma, Z_CRITICAL } from './log-shift.js';
import { noiseKey, type NoiseCalibration } from './noise-calibration.js';
import { RANK_ALPHA } from './rank-test.js';
import { smallestSignedRankP } from './signed-rank.js';

/** A slowdown to catch: ×factor on `share` of a scenario's gated metrics, each with probability CATCH_PROBABILITY. */
export interface BudgetGoal {
  readonly factor: number;
  /** Fraction (0–1] of the scenario's calibrated gated metrics the goal covers, quietest first. */
  readonly share: number;
}

/** The gate's targets: ×2 on every gated metric, ×1.2 on 80 % of them. */
export const DEFAULT_GOALS: readonly BudgetGoal[] = [
  { factor: 2, share: 1 },
  { factor: 1.2, share: 0.8 },
];

/** Each covered metric is caught with this probability… */
export const CATCH_PROBABILITY = 0.9;
/** …which is this many standard errors beyond the threshold (the normal quantile of CATCH_PROBABILITY). */
const Z_CATCH = 1.2816;

/** The fewest pairs the signed-rank test can call a change with. */
export const MIN_PAIRS = (() => {
  let n = 1;
  while (smallestSignedRankP(n) > RANK_ALPHA) n += 1;
  return n;
})();

/** Pairs for a metric of pair σ `sigma` to be caught at ×factor with CATCH_PROBABILITY. */
export function pairsToCatch(sigma: number, factor: number): number {
  if (!(factor > 1)) throw new Error(`Expected a slowdown factor above 1, got ${factor}`);
  const root = ((Z_CRITICAL + Z_CATCH) * sigma) / Math.log(factor);
  return Math.max(MIN_PAIRS, Math.ceil(root * root));
}

export interface ScenarioBudget {
  /** suite/scenario/variant */
  readonly id: string;
  /** One base trial and one head trial, as measured in the comparison. */
  readonly secondsPerPair: number;
  readonly pairsNow: number;
  /** Calibrated pair σ of every gated metric, quietest first. */
  readonly sigmas: readonly number[];
  /** Pairs each goal needs, in the order of the goals. */
  readonly pairsNeeded: readonly number[];
}

export interface TrialBudget {
  readonly goals: readonly BudgetGoal[];
  readonly scenarios: readonly ScenarioBudget[];
  /** Trial seconds of the comparison as measured (both sides). */
  readonly secondsNow: number;
  /** Trial seconds each goal needs, in the order of the goals. */
  readonly secondsNeeded: readonly number[];
}

/** The σ below which `share` of the (sorted) sigmas lie: the largest one the goal must cover. */
function coveredSigma(sigmas: readonly number[], share: number): number {
  const index = Math.max(0, Math.ceil(share * sigmas.length) - 1);
  return sigmas[Math.min(index, sigmas.length - 1)] as number;
}

function secondsPerTrial(r: ScenarioResult): number {
  return r.trialCount > 0 ? r.durationMs / 1000 / r.trialCount : 0;
}

/**
 * Every completed scenario measured on both sides with at least one gated
 * metric in the calibration; scenarios sorted by the first goal's cost, largest first.
 */
export function trialBudget(
  base: readonly ScenarioResult[],
  head: readonly ScenarioResult[],
  calibration: NoiseCalibration,
  goals: readonly BudgetGoal[] = DEFAULT_GOALS,
): TrialBudget {
  const baseById = new Map(base.map((r) => [scenarioId(r), r]));
  const scenarios: ScenarioBudget[] = [];
  for (const h of head) {
    const b = baseById.get(scenarioId(h));
    if (!b || b.state !== 'completed' || h.state !== 'completed') continue;
    const sigmas = b.metrics
      .filter((m) => m.gated)
      .flatMap((m) => {
        const noise = calibration.metrics[noiseKey(b, m.name)];
        return noise ? [calibratedPairSigma(interleavedNoise(noise))] : [];
      })
      .sort((x, y) => x - y);
    if (sigmas.length === 0) continue;
    scenarios.push({
      id: `${h.suite}/${h.scenario}/${h.variant}`,
      secondsPerPair: secondsPerTrial(b) + secondsPerTrial(h),
      pairsNow: Math.min(b.trialCount, h.trialCount),
      sigmas,
      pairsNeeded: goals.map((g) => pairsToCatch(coveredSigma(sigmas, g.share), g.factor)),
    });
  }
  const cost = (s: ScenarioBudget, i: number): number => s.secondsPerPair * (s.pairsNeeded[i] as number);
  scenarios.sort((x, y) => cost(y, 0) - cost(x, 0));
  return {
    goals,
    scenarios,
    secondsNow: scenarios.reduce((t, s) => t + s.secondsPerPair * s.pairsNow, 0),
    secondsNeeded: goals.map((_, i) => scenarios.reduce((t, s) => t + cost(s, i), 0)),
  };
}

function minutes(seconds: number): string {
  return `${(seconds / 60).toFixed(1)} min`;
}

function goalLabel(g: BudgetGoal): string {
  return `×${g.factor} on ${g.share === 1 ? 'every' : `${Math.round(g.share * 100)} % of`} gated metric${g.share === 1 ? '' : 's'}`;
}

/** The totals, then the `top` scenarios that cost most at the first goal. */
export function renderTrialBudget(budget: TrialBudget, top = 12): string {
  const probability = `${Math.round(CATCH_PROBABILITY * 100)} %`;
  const lines = [
    `Trial time (both sides) to catch each slowdown with ${probability} probability, from the calibrated pair σ: now ${minutes(budget.secondsNow)}`,
    ...budget.goals.map((g, i) => `  ${goalLabel(g)}: ${minutes(budget.secondsNeeded[i] as number)}`),
  ];
  const header = ['scenario', 's/pair', 'pairs now', ...budget.goals.map((g) => `×${g.factor} needs`)];
  const rows = budget.scenarios
    .slice(0, top)
    .map((s) => [
      s.id,
      s.secondsPerPair.toFixed(1),
      String(s.pairsNow),
      ...s.pairsNeeded.map((n) => `${n} (${minutes(n * s.secondsPerPair)})`),
    ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd();
  return [...lines, line(header), ...rows.map(line)].join('\n');
}
