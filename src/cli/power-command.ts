/**
 * `planebench power --results <compare dir> [--noise <noise.json>] [--factors 1.1,1.2,1.5,2]`
 * — how much of a slowdown the gate catches, on the real noise of an A/A
 * comparison (`planebench compare --base HEAD`): src/gate/power-check.ts.
 * The comparison must not be one the calibration was derived from.
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
import { readCompareRounds, readCompareSides } from '../gate/read-compare-dir.js';
import { readFileSync, existsSync } from 'node:fs';
import { flagChecks, missingValue } from './flag-checks.js';

export const POWER_USAGE =
  'usage: planebench power --results <compare output dir> [--noise <noise.json>] [--factors <f,f,…>]\n' +
  '       planebench power --committed <results.json> [--baselines <dir>] [--factors <f,f,…>]';

function parseFactors(raw: string): number[] {
  const factors = raw.split(',').map(Number);
  if (factors.some((f) => !Number.isFinite(f) || f <= 1)) {
    flagChecks(POWER_USAGE).fail('--factors', 'numbers > 1 separated by commas', raw);
  }
  return factors;
}

export async function runPowerCommand(argv: readonly string[]): Promise<number> {
  let dir: string | undefined;
  let committed: string | undefined;
  let baselinesDir: string | undefined;
  let noise: string | undefined;
  let factors = [...DEFAULT_FACTORS];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${POWER_USAGE}\n`);
      return 0;
    }
    const value = argv[i + 1];
    if (!['--results', '--noise', '--factors', '--committed', '--baselines'].includes(arg)) {
      throw new Error(`Unknown argument \`${arg}\` for \`planebench power\`\n${POWER_USAGE}`);
    }
    if (value === undefined || value.startsWith('--')) missingValue(POWER_USAGE, arg, value);
    i += 1;
    if (arg === '--results') dir = path.resolve(value);
    else if (arg === '--noise') noise = path.resolve(value);
    else if (arg === '--committed') committed = path.resolve(value);
    else if (arg === '--baselines') baselinesDir = path.resolve(value);
    else factors = parseFactors(value);
  }
  if (committed) {
    if (dir) throw new Error(`Expected either \`--results\` or \`--committed\`, got both\n${POWER_USAGE}`);
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
  const rounds = readCompareRounds(dir);
  const runIds = rounds.map((r) => r.results.runId);
  const shared = runIds.filter((id) => calibration?.sourceRuns.includes(id));
  if (shared.length > 0) {
    throw new Error(
      `${noiseFile}: \`sourceRuns\` includes ${shared.length} run(s) of ${dir}; judge power on a comparison the calibration was not derived from`,
    );
  }
  const { base, head } = readCompareSides(dir);
  // Every round a duet: the pooled sides' trials are twins.
  const paired = rounds.every((r) => r.duet);
  if (!calibration)
    process.stdout.write(`planebench power: no calibration at ${noiseFile}: every metric uses its kind's defaults\n`);
  process.stdout.write(
    `${renderPowerReport(powerCheck(base.scenarios, head.scenarios, calibration, factors, { mode: 'interleaved', paired }))}\n`,
  );
  if (calibration && paired) {
    process.stdout.write(`\n${renderTrialBudget(trialBudget(base.scenarios, head.scenarios, calibration))}\n`);
  }
  return 0;
}
