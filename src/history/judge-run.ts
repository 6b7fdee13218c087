/**
 * The history verdict: a run on main is judged against its testbed's recent
 * history — the pooled trials of the last k runs of the same testbed and
 * profile (src/history/history-reference.ts) — by the gate's own comparison
 * and verdict rules (src/gate/compare-sides.ts, in `committed` mode, with the
 * noise calibration of baselines/). With fewer than MIN_HISTORY_RUNS such runs
 * it is judged against the committed baseline of its testbed
 * (src/gate/compare-run.ts); when that compares no scenario either, there is
 * nothing to judge against.
 */
import { compareRun, loadCalibration, summarizeRun, type RunComparison } from '../gate/compare-run.js';
import { compareSides } from '../gate/compare-sides.js';
import { describeTestbed, testbedOf } from '../harness/testbed.js';
import type { ResultsFile } from '../gate/results-file.js';
import type { BenchmarkData } from './benchmark-data.js';
import {
  HISTORY_RUNS,
  MIN_HISTORY_RUNS,
  pooledReference,
  referenceRuns,
  type ReferenceRun,
} from './history-reference.js';

export type JudgeReference =
  | {
      readonly kind: 'history';
      readonly testbed: string;
      readonly profile: string;
      /** The pooled runs, oldest first. */
      readonly runs: readonly Pick<ReferenceRun, 'runId' | 'commit'>[];
    }
  | {
      readonly kind: 'committed-baseline';
      readonly testbed?: string;
      readonly profile: string;
      readonly historyRuns: number;
      readonly needed: number;
    }
  | {
      readonly kind: 'nothing';
      readonly testbed?: string;
      readonly profile: string;
      readonly historyRuns: number;
      readonly needed: number;
    };

export interface HistoryJudgement {
  readonly reference: JudgeReference;
  readonly comparison: RunComparison;
}

export interface JudgeOptions {
  /** Folder of the committed baselines and noise.json. */
  readonly baselinesDir: string;
  /** How many of the testbed's newest runs to pool (default HISTORY_RUNS). */
  readonly runs?: number;
}

export function judgeRun(results: ResultsFile, history: BenchmarkData, options: JudgeOptions): HistoryJudgement {
  const k = options.runs ?? HISTORY_RUNS;
  const needed = Math.min(MIN_HISTORY_RUNS, k);
  const profile = results.environment.profile;
  const testbed = testbedOf(results.environment);
  const candidates = testbed ? referenceRuns(history, profile, testbed, results.runId) : [];
  if (testbed && candidates.length >= needed) {
    const pooled = candidates.slice(-k);
    const loaded = loadCalibration(options.baselinesDir, profile);
    const sides = compareSides(pooledReference(pooled, profile), results.scenarios, loaded.calibration, {
      mode: 'committed',
    });
    const comparison = loaded.error ? summarizeRun(sides.scenarios, [loaded.error], loaded.calibration) : sides;
    const runs = pooled.map((r) => ({ runId: r.runId, commit: r.commit }));
    return { reference: { kind: 'history', testbed: describeTestbed(testbed), profile, runs }, comparison };
  }
  const comparison = compareRun(results.scenarios, options.baselinesDir, { environment: results.environment });
  const shared = {
    ...(testbed ? { testbed: describeTestbed(testbed) } : {}),
    profile,
    historyRuns: candidates.length,
    needed,
  };
  const compared = comparison.scenarios.some((s) => s.status.kind === 'compared');
  return { reference: { kind: compared ? 'committed-baseline' : 'nothing', ...shared }, comparison };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the run was judged against, in one line. */
export function describeReference(reference: JudgeReference): string {
  const of = `${reference.testbed ? `testbed ${reference.testbed}` : 'a run that names no testbed'}, profile ${reference.profile}`;
  if (reference.kind === 'history') {
    const first = reference.runs[0]?.commit.slice(0, 12) ?? '';
    const last = reference.runs[reference.runs.length - 1]?.commit.slice(0, 12) ?? '';
    return `last ${plural(reference.runs.length, 'run')} of ${of}, trials pooled (commits ${first} … ${last})`;
  }
  const little = `too little history: ${plural(reference.historyRuns, 'run')} of ${of}; ${reference.needed} needed`;
  return reference.kind === 'committed-baseline'
    ? `committed baseline (${little})`
    : `nothing to judge against (${little}, and no committed baseline of this testbed and profile)`;
}
