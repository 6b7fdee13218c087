/**
 * `planebench calibrate [--rounds <k>] [--from <compare dir>] [--drift-only] [--scenario <id>]… [--baselines <dir>] [pattern…]`
 * measures each metric's noise: it runs this commit against itself
 * (`planebench compare --base HEAD`, k rounds, default 3) — or reads such a
 * comparison's rounds with --from — and writes baselines/noise.json
 * (src/gate/derive-noise.ts), merged with the file's (mergeCalibrations: the
 * day drift pools every calibration's; entries not measured this time are
 * kept when the profile is the same). With --drift-only only the day drift
 * is pooled in, and the file's trial and twin noise stay (mergeDrift). With
 * --scenario only the named scenarios' entries are written, and with
 * --reset-drift their drift restarts (re-based for a workload change).
 */
import path from 'node:path';
import { MAX_ROUNDS, parseCompareArgs } from '../compare/compare-options.js';
import { runCompare } from '../compare/run-compare.js';
import { readBaseline, type BaselineFile } from '../gate/baseline-file.js';
import { deriveNoise, mergeCalibrations, mergeDrift, type CalibrationRun } from '../gate/derive-noise.js';
import { interleavedNoise } from '../gate/compare-run.js';
import { calibratedDetectable } from '../gate/log-shift.js';
import { judgedInPairs } from '../gate/verdict.js';
import { readNoiseCalibration, writeNoiseCalibration, type NoiseCalibration } from '../gate/noise-calibration.js';
import { readCompareRounds, type CompareRound } from '../gate/read-compare-dir.js';
import { resultsRoot } from '../harness/paths.js';
import { scenarioId, type EnvironmentFingerprint } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';
import { typedNumber } from '../lib/typed-number.js';
import { flagChecks, missingValue } from './flag-checks.js';

export const CALIBRATE_USAGE =
  'usage: planebench calibrate [--rounds <k>] [--from <compare output dir>] [--drift-only] [--scenario <suite/scenario>… [--reset-drift]] [--baselines <dir>] [spec path pattern…]';

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
  /** The named scenarios were re-based for a workload change: the drift their entries pooled is dropped. */
  readonly resetDrift: boolean;
}

function parseArgs(argv: readonly string[]): CalibrateArgs | 'help' {
  let rounds = DEFAULT_CALIBRATION_ROUNDS;
  let from: string | undefined;
  let driftOnly = false;
  let resetDrift = false;
  let baselinesDir = path.resolve('baselines');
  const patterns: string[] = [];
  const scenarios: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--drift-only' || arg === '--reset-drift') {
      if (arg === '--drift-only') driftOnly = true;
      else resetDrift = true;
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
  return { rounds, driftOnly, resetDrift, baselinesDir, patterns, scenarios, ...(from ? { from } : {}) };
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

/**
 * The calibration's entries of the scenarios named (a spec file measures several; one whose
 * workload changed is calibrated again alone, its siblings keep the file's entries). A name
 * that matches none of the measured scenarios is an error.
 */
function onlyScenarios(calibration: NoiseCalibration, scenarios: readonly string[]): NoiseCalibration {
  if (scenarios.length === 0) return calibration;
  const keys = Object.keys(calibration.metrics);
  for (const name of scenarios) {
    if (!keys.some((key) => key.startsWith(`${name}/`))) {
      const measured = [...new Set(keys.map((key) => key.split('/').slice(0, 2).join('/')))].sort();
      throw new Error(
        `Expected \`--scenario ${name}\` to name a scenario the runs measured (suite/scenario[/variant]), ` +
          `got none; measured: ${measured.join(', ')}`,
      );
    }
  }
  const metrics = Object.fromEntries(
    Object.entries(calibration.metrics).filter(([key]) => scenarios.some((name) => key.startsWith(`${name}/`))),
  );
  return { ...calibration, metrics };
}

/** The kind of a noise.json key's metric, from its committed baseline. */
function kindIn(baselinesDir: string): (key: string) => string | undefined {
  const files = new Map<string, BaselineFile | undefined>();
  return (key) => {
    const [suite = '', scenario, variant, ...metric] = key.split('/');
    if (!files.has(suite)) files.set(suite, readBaseline(baselinesDir, suite));
    return files.get(suite)?.scenarios[`${scenario}/${variant}`]?.metrics[metric.join('/')]?.kind;
  };
}

/**
 * The file with the drift of the scenarios named restarted: their baselines were re-based for a
 * workload change, so the offsets pooled so far were against a baseline of other behaviour. Each
 * of their metrics takes the median drift its suite's metrics of its kind measured (counted as
 * no calibration of its own), or none when there is no such metric, until a later day measures
 * its own.
 */
function withDriftRestarted(
  file: NoiseCalibration,
  scenarios: readonly string[],
  kindOf: (key: string) => string | undefined,
): NoiseCalibration {
  const named = (key: string): boolean => scenarios.some((name) => key.startsWith(`${name}/`));
  const groupOf = (key: string): string | undefined => {
    const kind = kindOf(key);
    return kind === undefined ? undefined : `${key.split('/')[0]}/${kind}`;
  };
  const measured = new Map<string, number[]>();
  for (const [key, m] of Object.entries(file.metrics)) {
    const group = groupOf(key);
    if (named(key) || group === undefined || m.driftLogSd === undefined || m.driftCalibrations === 0) continue;
    measured.set(group, [...(measured.get(group) ?? []), m.driftLogSd ** 2]);
  }
  const metrics = Object.fromEntries(
    Object.entries(file.metrics).map(([key, m]) => {
      if (!named(key)) return [key, m];
      const { driftLogSd: _drift, driftCalibrations: _count, ...rest } = m;
      const group = measured.get(groupOf(key) ?? '');
      const restarted = group
        ? { driftLogSd: Math.round(Math.sqrt(median(group)) * 1e6) / 1e6, driftCalibrations: 0 }
        : {};
      return [key, { ...rest, ...restarted }];
    }),
  );
  return { ...file, metrics };
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
  const { runs, rounds, environment } = await measure(args);
  const calibration = onlyScenarios(
    deriveNoise(runs, (suite) => readBaseline(args.baselinesDir, suite), { environment, rounds }),
    args.scenarios,
  );
  const stored = readNoiseCalibration(args.baselinesDir);
  const previous =
    args.resetDrift && stored ? withDriftRestarted(stored, args.scenarios, kindIn(args.baselinesDir)) : stored;
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
    `planebench calibrate: ${sds.length} metrics from ${runs.length} runs (${rounds} rounds) → ${path.relative(process.cwd(), file)}\n` +
      `  median trial σ ${(100 * median(sds.length > 0 ? sds : [0])).toFixed(1)} % (log)` +
      (pairSds.length > 0
        ? `, median twin-pair σ ${(100 * median(pairSds)).toFixed(1)} % over ${pairSds.length} metrics measured in turns; `
        : '; ') +
      `${see20} of ${sds.length} could see a 20 % change in a default compare (${COMPARE_TRIALS_PER_SIDE} trials a side)\n`,
  );
  return 0;
}
