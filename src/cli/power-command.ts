/**
 * `planebench power --results <compare dir> [--rounds <n>] [--noise <noise.json>] [--factors 1.1,1.2,1.5,2]`
 * — how much of a slowdown the gate catches, on the real noise of an A/A
 * comparison (`planebench compare --base HEAD`): src/gate/power-check.ts.
 * The comparison must not be one the calibration was derived from. `--rounds n`
 * judges the trials of its first n rounds only: the fixed rounds, before
 * adaptive ones re-measured the scenarios still undecided.
 *
 * `planebench power --committed <results.json> [--baselines <dir>]` — the same
 * against the committed baselines, on a run of unchanged code (`npm test --
 * perf`), judged as that run's gate judges it.
 */
import path from 'node:path';
import { committedPowerCheck, DEFAULT_FACTORS, powerCheck, renderPowerReport } from '../gate/power-check.js';
import { readResultsFile } from '../gate/results-file.js';
import { renderTrialBudget, trialBudget } from '../gate/trial-budget.js';
import { parseNoiseCalibration, noisePath } from '../gate/noise-calibration.js';
import { poolRounds } from '../gate/pool-rounds.js';
import { readCompareRounds, readCompareSides, type CompareRound } from '../gate/read-compare-dir.js';
import type { ScenarioResult } from '../harness/result-model.js';
import { readFileSync, existsSync } from 'node:fs';
import { typedNumber } from '../lib/typed-number.js';
import { flagChecks, missingValue } from './flag-checks.js';

export const POWER_USAGE =
  'usage: planebench power --results <compare output dir> [--rounds <n>] [--noise <noise.json>] [--factors <f,f,…>]\n' +
  '       planebench power --committed <results.json> [--baselines <dir>] [--factors <f,f,…>]';

function parseFactors(raw: string): number[] {
  const factors = raw.split(',').map(Number);
  if (factors.some((f) => !Number.isFinite(f) || f <= 1)) {
    flagChecks(POWER_USAGE).fail('--factors', 'numbers > 1 separated by commas', raw);
  }
  return factors;
}

/**
 * Each side's scenarios: as the comparison pooled them, or the trials of the
 * given rounds pooled the same way.
 */
function sidesOf(
  dir: string,
  rounds: readonly CompareRound[] | undefined,
): { readonly base: readonly ScenarioResult[]; readonly head: readonly ScenarioResult[] } {
  if (!rounds) {
    const { base, head } = readCompareSides(dir);
    return { base: base.scenarios, head: head.scenarios };
  }
  const side = (which: 'base' | 'head'): ScenarioResult[] =>
    poolRounds(rounds.filter((r) => r.side === which).map((r) => r.results.scenarios));
  return { base: side('base'), head: side('head') };
}

export async function runPowerCommand(argv: readonly string[]): Promise<number> {
  let dir: string | undefined;
  let committed: string | undefined;
  let baselinesDir: string | undefined;
  let noise: string | undefined;
  let roundCount: number | undefined;
  let factors = [...DEFAULT_FACTORS];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${POWER_USAGE}\n`);
      return 0;
    }
    const value = argv[i + 1];
    if (!['--results', '--rounds', '--noise', '--factors', '--committed', '--baselines'].includes(arg)) {
      throw new Error(`Unknown argument \`${arg}\` for \`planebench power\`\n${POWER_USAGE}`);
    }
    if (value === undefined || value.startsWith('--')) missingValue(POWER_USAGE, arg, value);
    i += 1;
    if (arg === '--results') dir = path.resolve(value);
    else if (arg === '--noise') noise = path.resolve(value);
    else if (arg === '--committed') committed = path.resolve(value);
    else if (arg === '--baselines') baselinesDir = path.resolve(value);
    else if (arg === '--rounds') {
      roundCount = typedNumber(flagChecks(POWER_USAGE), value, (v, n) => v.positiveInteger('--rounds', n));
    } else factors = parseFactors(value);
  }
  if (committed) {
    if (dir) throw new Error(`Expected either \`--results\` or \`--committed\`, got both\n${POWER_USAGE}`);
    if (roundCount !== undefined) throw new Error(`Expected \`--rounds\` only with \`--results\`\n${POWER_USAGE}`);
    if (noise) {
      throw new Error(
        `Expected no \`--noise\` with \`--committed\`: the committed gate reads the baselines' noise.json\n${POWER_USAGE}`,
      );
    }
    const run = readResultsFile(committed);
    const report = committedPowerCheck(
      run.scenarios,
      baselinesDir ?? path.resolve('baselines'),
      run.environment,
      factors,
    );
    process.stdout.write(`${renderPowerReport(report)}\n`);
    return 0;
  }
  if (!dir) {
    throw new Error(
      `Expected \`--results\` to name a compare output folder (or \`--committed\` a results.json), got nothing\n${POWER_USAGE}`,
    );
  }
  if (baselinesDir) throw new Error(`Expected \`--baselines\` only with \`--committed\`\n${POWER_USAGE}`);
  const noiseFile = noise ?? noisePath(path.resolve('baselines'));
  const calibration = existsSync(noiseFile)
    ? parseNoiseCalibration(noiseFile, readFileSync(noiseFile, 'utf8'))
    : undefined;
  const allRounds = readCompareRounds(dir);
  const roundsMeasured = Math.max(...allRounds.map((r) => r.round));
  if (roundCount !== undefined && roundCount > roundsMeasured) {
    flagChecks(POWER_USAGE).fail(
      '--rounds',
      `at most the ${roundsMeasured} round(s) ${dir} measured`,
      String(roundCount),
    );
  }
  const rounds = allRounds.filter((r) => roundCount === undefined || r.round <= roundCount);
  const runIds = rounds.map((r) => r.results.runId);
  const shared = runIds.filter((id) => calibration?.sourceRuns.includes(id));
  if (shared.length > 0) {
    throw new Error(
      `${noiseFile}: \`sourceRuns\` includes ${shared.length} run(s) of ${dir}; judge power on a comparison the calibration was not derived from`,
    );
  }
  const { base, head } = sidesOf(dir, roundCount === undefined ? undefined : rounds);
  if (roundCount !== undefined) {
    process.stdout.write(`planebench power: the trials of rounds 1–${roundCount} of ${roundsMeasured}\n`);
  }
  // Every round a duet: the pooled sides' trials are twins.
  const paired = rounds.every((r) => r.duet);
  if (!calibration)
    process.stdout.write(`planebench power: no calibration at ${noiseFile}: every metric uses its kind's defaults\n`);
  process.stdout.write(
    `${renderPowerReport(powerCheck(base, head, calibration, factors, { mode: 'interleaved', paired }))}\n`,
  );
  if (calibration && paired) {
    process.stdout.write(`\n${renderTrialBudget(trialBudget(base, head, calibration))}\n`);
  }
  return 0;
}
