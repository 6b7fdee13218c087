/**
 * `planebench baseline update [--results <results.json>]… [--new-metrics-only] [selector…]` — see
 * src/gate/update-baselines.ts. Given several results files (runs of the same
 * code and profile), each scenario's baseline pools the trials of all of them:
 * a baseline from one run carries that run's luck (docs/decisions.md,
 * "Baselines pool runs"). With --reset-drift the re-based scenarios' day drift
 * in noise.json restarts (src/gate/derive-noise.ts, restartDrift): the offsets
 * pooled so far were measured against a baseline of other behaviour.
 */
import path from 'node:path';
import { metricKindIn } from '../gate/baseline-file.js';
import { ofScenarios, restartDrift } from '../gate/derive-noise.js';
import { noisePath, readNoiseCalibration, writeNoiseCalibration } from '../gate/noise-calibration.js';
import { poolRounds } from '../gate/pool-rounds.js';
import { updateBaselines } from '../gate/update-baselines.js';
import { resultsRoot } from '../harness/paths.js';
import { formatValue } from '../lib/format-units.js';
import { readResultsFile } from '../gate/results-file.js';
import { missingValue } from './flag-checks.js';

export const BASELINE_USAGE =
  'usage: planebench baseline update [--results <results.json>]… [--baselines <dir>] [--new-metrics-only] ' +
  '[--metric <name>]… [--replace-profile] [--replace-testbed] [--reset-drift] [--dry-run] [selector…]';

export async function runBaselineCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${BASELINE_USAGE}\n`);
    return 0;
  }
  if (sub !== 'update') {
    process.stderr.write(`${BASELINE_USAGE}\n`);
    return 2;
  }
  const resultsFiles: string[] = [];
  let baselinesDir = path.resolve('baselines');
  const selectors: string[] = [];
  let newMetricsOnly = false;
  const metrics: string[] = [];
  let allowProfileChange = false;
  let allowTestbedChange = false;
  let dryRun = false;
  let resetDrift = false;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] as string;
    if (arg === '--new-metrics-only') {
      newMetricsOnly = true;
    } else if (arg === '--replace-profile') {
      allowProfileChange = true;
    } else if (arg === '--replace-testbed') {
      allowTestbedChange = true;
    } else if (arg === '--dry-run') {
      dryRun = true;
    } else if (arg === '--reset-drift') {
      resetDrift = true;
    } else if (arg === '--results' || arg === '--baselines') {
      const value = rest[i + 1];
      if (!value) missingValue(BASELINE_USAGE, arg, value, 'a path');
      if (arg === '--results') resultsFiles.push(path.resolve(value));
      else baselinesDir = path.resolve(value);
      i += 1;
    } else if (arg === '--metric') {
      const value = rest[i + 1];
      if (!value) missingValue(BASELINE_USAGE, arg, value, 'a metric name, e.g. ceilingFraction');
      metrics.push(value);
      i += 1;
    } else if (arg.startsWith('--')) {
      throw new Error(`Unknown option \`${arg}\` for \`planebench baseline update\``);
    } else {
      selectors.push(arg);
    }
  }
  if (resetDrift && (newMetricsOnly || metrics.length > 0)) {
    throw new Error(
      `Expected \`--reset-drift\` with a whole-entry re-base, not with \`--new-metrics-only\` or \`--metric\`: ` +
        `it restarts the drift of every metric of the scenarios re-based\n${BASELINE_USAGE}`,
    );
  }
  // Read (and so check) the noise file before any baseline is written: a corrupt one changes nothing.
  const noise = resetDrift && !dryRun ? readNoiseCalibration(baselinesDir) : undefined;
  if (resultsFiles.length === 0) resultsFiles.push(path.join(resultsRoot(), 'latest', 'results.json'));
  const runs = resultsFiles.map((file) => ({ file, results: readResultsFile(file) }));
  const profiles = new Set(runs.map((r) => r.results.environment.profile));
  if (profiles.size > 1) {
    throw new Error(
      `Cannot pool runs of different profiles: ${runs.map((r) => `${r.file} (${r.results.environment.profile})`).join(', ')}`,
    );
  }
  const scenarios = runs.length === 1 ? runs[0]!.results.scenarios : poolRounds(runs.map((r) => r.results.scenarios));
  const environment = runs[runs.length - 1]!.results.environment;
  const changes = updateBaselines(baselinesDir, scenarios, environment, selectors, {
    newMetricsOnly,
    metrics,
    allowProfileChange,
    allowTestbedChange,
    dryRun,
  });
  for (const c of changes) {
    const profile =
      c.previousProfile && c.previousProfile !== c.profile ? `${c.previousProfile} → ${c.profile}` : c.profile;
    const what =
      c.action === 'extended'
        ? `${c.metrics} new metrics`
        : c.action === 'rebased'
          ? `${c.metrics} named metrics`
          : `${c.metrics} metrics`;
    process.stdout.write(`${c.action.padEnd(8)} ${c.suite}/${c.key} (${what}, profile ${profile})\n`);
    for (const m of c.changes) {
      const before = m.before === undefined ? 'new' : formatValue(m.before, m.unit);
      process.stdout.write(`           ${m.name}: ${before} → ${formatValue(m.after, m.unit)}\n`);
    }
  }
  if (dryRun) {
    process.stdout.write(
      `planebench: dry run — ${changes.length} baseline entr${changes.length === 1 ? 'y' : 'ies'} would be written; nothing was\n`,
    );
    return 0;
  }
  if (resetDrift) {
    const shown = path.relative(process.cwd(), noisePath(baselinesDir));
    if (noise) {
      const rebased = changes.map((c) => `${c.suite}/${c.key}`);
      writeNoiseCalibration(baselinesDir, restartDrift(noise, rebased, metricKindIn(baselinesDir)));
      const count = Object.keys(noise.metrics).filter((key) => ofScenarios(key, rebased)).length;
      process.stdout.write(
        `planebench: day drift restarted for ${count} metrics of ${rebased.length} re-based scenario(s) in ${shown} ` +
          `(their suite and kind's median, counted as no calibration)\n`,
      );
    } else process.stdout.write(`planebench: no ${shown}: no day drift to restart\n`);
  }
  const suites = new Set(changes.map((c) => c.suite));
  process.stdout.write(
    `planebench: ${changes.length} baseline entr${changes.length === 1 ? 'y' : 'ies'} written in ${suites.size} file(s) under ${path.relative(process.cwd(), baselinesDir) || '.'}/ from ${resultsFiles.map((f) => path.relative(process.cwd(), f)).join(' + ')}\n`,
  );
  return 0;
}
