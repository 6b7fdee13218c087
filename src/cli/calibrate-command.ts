/**
 * `planebench calibrate [--rounds <k>] [--from <compare dir>] [--drift-only | --new-metrics-only] [--scenario <id>… [--reset-drift]] [--baselines <dir>] [pattern…]`
 * measures each metric's noise: it runs this commit against itself
 * (`planebench compare --base HEAD`, k rounds, default 3) — or reads such a
 * comparison's rounds with --from — and writes baselines/noise.json
 * (src/gate/derive-noise.ts), merged with the file's (mergeCalibrations: the
 * day drift pools every calibration's; entries not measured this time are
 * kept when the profile is the same). With --drift-only only the day drift
 * is pooled in, and the file's trial and twin noise stay (mergeDrift). With
 * --scenario only the named scenarios' entries are written, and with
 * --reset-drift their drift restarts (re-based for a workload change). With
 * --new-metrics-only only metrics the file or the baselines do not list yet are
 * written.
 */
import path from 'node:path';
import { MAX_ROUNDS, parseCompareArgs } from '../compare/compare-options.js';
import { runCompare } from '../compare/run-compare.js';
import { metricKindIn, readBaseline } from '../gate/baseline-file.js';
import {
  deriveNoise,
  mergeCalibrations,
  mergeDrift,
  onlyNewMetrics,
  onlyScenarios,
  restartDrift,
  type CalibrationRun,
} from '../gate/derive-noise.js';
import { interleavedNoise } from '../gate/compare-run.js';
import { calibratedDetectable } from '../gate/log-shift.js';
import { judgedInPairs } from '../gate/verdict.js';
import { readNoiseCalibration, writeNoiseCalibration } from '../gate/noise-calibration.js';
import { readCompareRounds, type CompareRound } from '../gate/read-compare-dir.js';
import { resultsRoot } from '../harness/paths.js';
import { scenarioId, type EnvironmentFingerprint } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';
import { typedNumber } from '../lib/typed-number.js';
import { flagChecks, missingValue } from './flag-checks.js';

export const CALIBRATE_USAGE =
  'usage: planebench calibrate [--rounds <k>] [--from <compare output dir>] [--drift-only | --new-metrics-only] [--scenario <suite/scenario>… [--reset-drift]] [--baselines <dir>] [spec path pattern…]';

const DEFAULT_CALIBRATION_ROUNDS = 3;
/** Trials per side of a default `planebench compare` (2 rounds × 3 trials at ci), for the summary line. */
const COMPARE_TRIALS_PER_SIDE = 6;

interface CalibrateArgs {
  readonly rounds: number;
  readonly from?: string;
  /** Pool only the day drift into the file; keep its trial and twin noise. */
  readonly driftOnly: boolean;
  readonly baselinesDir: string;
  readonly patterns: readonly string[];
  /** Write only these scenarios' entries (`suite/scenario` or `suite/scenario/variant`); empty: every scenario's. */
  readonly scenarios: readonly string[];
  /** The named scenarios were re-based for a workload change: their entries' drift restarts at their group's. */
  readonly resetDrift: boolean;
  /** Write only metrics the noise file or the baselines do not list yet. */
  readonly newMetricsOnly: boolean;
}

function parseArgs(argv: readonly string[]): CalibrateArgs | 'help' {
  let rounds = DEFAULT_CALIBRATION_ROUNDS;
  let from: string | undefined;
  let driftOnly = false;
  let resetDrift = false;
  let newMetricsOnly = false;
  let baselinesDir = path.resolve('baselines');
  const patterns: string[] = [];
  const scenarios: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--drift-only' || arg === '--reset-drift' || arg === '--new-metrics-only') {
      if (arg === '--drift-only') driftOnly = true;
      else if (arg === '--reset-drift') resetDrift = true;
      else newMetricsOnly = true;
      continue;
    }
    if (arg === '--rounds' || arg === '--from' || arg === '--baselines' || arg === '--scenario') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) missingValue(CALIBRATE_USAGE, arg, value);
      i += 1;
      if (arg === '--rounds') {
        rounds = typedNumber(flagChecks(CALIBRATE_USAGE), value, (v, n) =>
          v.integerInRange('--rounds', n, 2, MAX_ROUNDS, 'rounds'),
        );
      } else if (arg === '--from') from = path.resolve(value);
      else if (arg === '--scenario') scenarios.push(value.replace(/\/+$/, ''));
      else baselinesDir = path.resolve(value);
    } else if (arg.startsWith('-')) {
      throw new Error(`Unknown option \`${arg}\` for \`planebench calibrate\`\n${CALIBRATE_USAGE}`);
    } else patterns.push(arg);
  }
  if (resetDrift && (scenarios.length === 0 || driftOnly)) {
    throw new Error(
      `Expected \`--reset-drift\` with \`--scenario\` and without \`--drift-only\`: it drops the drift of the ` +
        `scenarios named, re-based for a workload change\n${CALIBRATE_USAGE}`,
    );
  }
  if (newMetricsOnly && (driftOnly || resetDrift)) {
    throw new Error(
      `Expected \`--new-metrics-only\` without \`--drift-only\` and \`--reset-drift\`: it adds the metrics the ` +
        `noise file or the baselines do not list yet and leaves every other entry as it is\n${CALIBRATE_USAGE}`,
    );
  }
  return {
    rounds,
    driftOnly,
    resetDrift,
    newMetricsOnly,
    baselinesDir,
    patterns,
    scenarios,
    ...(from ? { from } : {}),
  };
}

interface Measured {
  readonly runs: CalibrationRun[];
  readonly rounds: number;
  readonly environment: EnvironmentFingerprint;
}

/**
 * The rounds that measured every scenario of the first round on their side: a
 * calibration is k whole rounds, and a metric is calibrated only when every run
 * measured it, so a round that re-measured only undecided scenarios would drop
 * every other metric.
 */
function wholeRounds(rounds: readonly CompareRound[]): CompareRound[] {
  const idsOf = (r: CompareRound): Set<string> => new Set(r.results.scenarios.map(scenarioId));
  const first = new Map<string, Set<string>>();
  for (const r of rounds) if (!first.has(r.side)) first.set(r.side, idsOf(r));
  return rounds.filter((r) => {
    const ids = idsOf(r);
    return [...(first.get(r.side) as Set<string>)].every((id) => ids.has(id));
  });
}

function fromRounds(all: readonly CompareRound[]): Measured {
  const rounds = wholeRounds(all);
  const partial = [...new Set(all.filter((r) => !rounds.includes(r)).map((r) => r.round))];
  if (partial.length > 0) {
    process.stdout.write(
      `planebench calibrate: round(s) ${partial.join(', ')} re-measured only undecided scenarios; calibrating from the whole rounds\n`,
    );
  }
  return {
    runs: rounds.map((r) => ({
      runId: r.results.runId,
      date: r.results.environment.date,
      scenarios: r.results.scenarios,
      ...(r.duet ? { duet: { round: r.round, side: r.side } } : {}),
    })),
    rounds: Math.max(...rounds.map((r) => r.round)),
    environment: (rounds.at(-1) as (typeof rounds)[number]).results.environment,
  };
}

async function measure(args: CalibrateArgs): Promise<Measured> {
  if (args.from) return fromRounds(readCompareRounds(args.from));
  // Whole rounds only: no time budget for rounds of undecided scenarios.
  const options = parseCompareArgs([
    '--base',
    'HEAD',
    '--rounds',
    String(args.rounds),
    '--budget',
    '0',
    ...args.patterns,
  ]);
  const outcome = await runCompare({ ...options, outDir: path.join(resultsRoot(), 'calibrate') });
  return fromRounds(outcome.rounds.map((r) => ({ ...r, duet: r.duet === true })));
}

export async function runCalibrateCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${CALIBRATE_USAGE}\n`);
    return 0;
  }
  const stored = readNoiseCalibration(args.baselinesDir);
  const { runs, rounds, environment } = await measure(args);
  const measured = onlyScenarios(
    deriveNoise(runs, (suite) => readBaseline(args.baselinesDir, suite), { environment, rounds }),
    args.scenarios,
  );
  const kindOf = metricKindIn(args.baselinesDir);
  const calibration = args.newMetricsOnly
    ? onlyNewMetrics(measured, stored, (key) => kindOf(key) !== undefined)
    : measured;
  const previous = args.resetDrift && stored ? restartDrift(stored, args.scenarios, kindOf) : stored;
  const merge = args.driftOnly ? mergeDrift : mergeCalibrations;
  const file = writeNoiseCalibration(args.baselinesDir, merge(previous, calibration));
  if (args.driftOnly) {
    const drifts = Object.values(calibration.metrics).flatMap((m) =>
      m.driftLogSd === undefined ? [] : [m.driftLogSd],
    );
    process.stdout.write(
      `planebench calibrate: day drift of ${drifts.length} metrics from ${runs.length} runs pooled into ${path.relative(process.cwd(), file)} ` +
        `(this run's median ${(100 * median(drifts.length > 0 ? drifts : [0])).toFixed(1)} % in log); trial and twin noise kept\n`,
    );
    return 0;
  }
  const measuredNoise = Object.values(calibration.metrics);
  const sds = measuredNoise.map((m) => m.trialLogSd);
  const pairSds = measuredNoise.flatMap((m) => (m.pairLogSd === undefined ? [] : [m.pairLogSd]));
  // A default compare takes trials in turns: twins are judged pair by pair where the gate would.
  const see20 = measuredNoise.filter((m) => {
    const noise = interleavedNoise(m);
    const paired = judgedInPairs(true, COMPARE_TRIALS_PER_SIDE, COMPARE_TRIALS_PER_SIDE, noise);
    return calibratedDetectable(noise, COMPARE_TRIALS_PER_SIDE, COMPARE_TRIALS_PER_SIDE, paired) <= 0.2;
  }).length;
  process.stdout.write(
    `planebench calibrate: ${sds.length}${args.newMetricsOnly ? ' new' : ''} metrics from ${runs.length} runs (${rounds} rounds) → ${path.relative(process.cwd(), file)}\n` +
      `  median trial σ ${(100 * median(sds.length > 0 ? sds : [0])).toFixed(1)} % (log)` +
      (pairSds.length > 0
        ? `, median twin-pair σ ${(100 * median(pairSds)).toFixed(1)} % over ${pairSds.length} metrics measured in turns; `
        : '; ') +
      `${see20} of ${sds.length} could see a 20 % change in a default compare (${COMPARE_TRIALS_PER_SIDE} trials a side)\n`,
  );
  return 0;
}
