/**
 * `planebench calibrate --from` and `planebench power` on a comparison's
 * output folder written here: the calibration is derived from one A/A
 * comparison, and power refuses to judge that same comparison with it.
 */
import { jest } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readNoiseCalibration } from '../gate/noise-calibration.js';
import { updateBaselines } from '../gate/update-baselines.js';
import { captureEnvironment } from '../harness/environment.js';
import type { ScenarioResult } from '../harness/result-model.js';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../gate/results-file.js';
import { syntheticResult } from '../test-support/fixture-results.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { runCalibrateCommand } from './calibrate-command.js';
import { runPowerCommand } from './power-command.js';

let dir: ReturnType<typeof makeTempDir>;
let printed = '';
beforeEach(() => {
  dir = makeTempDir();
  printed = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((text) => {
    printed += String(text);
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  dir.remove();
});

function results(runId: string, scenarios: ScenarioResult[]): ResultsFile {
  return { schemaVersion: RESULTS_SCHEMA_VERSION, runId, environment: captureEnvironment('ci'), scenarios };
}

/** A compare output folder: two rounds of the same code, and the pooled sides. */
function compareDir(name: string, spread: number): string {
  const out = path.join(dir.path, name);
  const trials = (k: number) => [100, 100 * (1 + spread), 100 * (1 - spread)].map((v) => v * (1 + k * 0.001));
  let k = 0;
  for (const round of [1, 2]) {
    for (const side of ['base', 'head']) {
      const latest = path.join(out, 'rounds', `${round}-${side}`, 'latest');
      mkdirSync(latest, { recursive: true });
      writeFileSync(
        path.join(latest, 'results.json'),
        JSON.stringify(results(`${name}-${round}-${side}`, [syntheticResult(trials((k += 1)))])),
      );
    }
  }
  const pooled = (side: string) => results(`${name}-${side}`, [syntheticResult([...trials(1), ...trials(3)])]);
  writeFileSync(path.join(out, 'base-results.json'), JSON.stringify(pooled('base')));
  writeFileSync(path.join(out, 'results.json'), JSON.stringify(pooled('head')));
  return out;
}

const other = (runId: string, spread = 0.01): ResultsFile =>
  results(runId, [syntheticResult([100, 100 * (1 + spread), 100 * (1 - spread)], { scenario: 'other' })]);

/** Adds a second scenario, demo/other, to every round of a compare output folder. */
function withOtherScenario(out: string, spread = 0.01): string {
  for (const round of [1, 2]) {
    for (const side of ['base', 'head']) {
      const file = path.join(out, 'rounds', `${round}-${side}`, 'latest', 'results.json');
      const both = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
      const added = other('x', spread).scenarios;
      writeFileSync(file, JSON.stringify({ ...both, scenarios: [...both.scenarios, ...added] }));
    }
  }
  return out;
}

describe('planebench calibrate --from and planebench power', () => {
  test('calibrates from one A/A comparison, judges power on another, refuses the same one', async () => {
    const baselines = path.join(dir.path, 'baselines');
    mkdirSync(baselines);
    const calibrationRun = compareDir('aa1', 0.02);
    expect(await runCalibrateCommand(['--from', calibrationRun, '--baselines', baselines])).toBe(0);
    const calibration = readNoiseCalibration(baselines);
    expect(calibration?.metrics['demo/query/v2/queryLatencyUs.p50']?.trials).toBe(12);
    expect(calibration?.sourceRuns).toHaveLength(4);
    expect(printed).toMatch(/1 metrics from 4 runs \(2 rounds\)/);

    const noise = path.join(baselines, 'noise.json');
    expect(await runPowerCommand(['--results', compareDir('aa2', 0.02), '--noise', noise])).toBe(0);
    expect(printed).toMatch(/all gated metrics\s+1\/1 \(100 %\)/);
    expect(printed).toContain('A/A false alarms (as measured, no injection): 0');

    await expect(runPowerCommand(['--results', calibrationRun, '--noise', noise])).rejects.toThrow(
      /`sourceRuns` includes 4 run\(s\) of .*aa1; judge power on a comparison the calibration was not derived from/,
    );
  });

  test('--rounds judges the trials of the first rounds only; more rounds than measured is an error', async () => {
    const baselines = path.join(dir.path, 'baselines');
    mkdirSync(baselines);
    expect(await runCalibrateCommand(['--from', compareDir('aa1', 0.02), '--baselines', baselines])).toBe(0);
    const noise = path.join(baselines, 'noise.json');
    const out = compareDir('aa2', 0.02);
    // A third round, longer than the first two, whose head is three times slower, pooled into the
    // sides as the comparison pools it: most of the pooled head trials are slow.
    for (const [side, factor] of [
      ['base', 1],
      ['head', 3],
    ] as const) {
      const latest = path.join(out, 'rounds', `3-${side}`, 'latest');
      mkdirSync(latest, { recursive: true });
      const slow = [100, 102, 98, 101, 99, 100, 102, 98, 100].map((v) => v * factor);
      writeFileSync(
        path.join(latest, 'results.json'),
        JSON.stringify(results(`aa2-3-${side}`, [syntheticResult(slow)])),
      );
      const pooled = side === 'base' ? 'base-results.json' : 'results.json';
      const file = JSON.parse(readFileSync(path.join(out, pooled), 'utf8')) as ResultsFile;
      const trials = [...(file.scenarios[0]?.metrics[0]?.trials ?? []), ...slow];
      writeFileSync(path.join(out, pooled), JSON.stringify(results(`aa2-${side}`, [syntheticResult(trials)])));
    }
    expect(await runPowerCommand(['--results', out, '--noise', noise])).toBe(0);
    expect(printed).toContain('A/A false alarms (as measured, no injection): 1');
    printed = '';
    expect(await runPowerCommand(['--results', out, '--noise', noise, '--rounds', '2'])).toBe(0);
    expect(printed).toContain('planebench power: the trials of rounds 1–2 of 3');
    expect(printed).toContain('A/A false alarms (as measured, no injection): 0');
    await expect(runPowerCommand(['--results', out, '--noise', noise, '--rounds', '4'])).rejects.toThrow(
      /Expected `--rounds` to be at most the 3 round\(s\) .*aa2 measured, got `4` \(string\)/,
    );
    await expect(runPowerCommand(['--results', out, '--rounds', '0'])).rejects.toThrow(
      /Expected `--rounds` to be a positive integer, got `0` \(string\)/,
    );
    await expect(runPowerCommand(['--committed', path.join(out, 'results.json'), '--rounds', '2'])).rejects.toThrow(
      /Expected `--rounds` only with `--results`/,
    );
  });

  test('a round that re-measured only undecided scenarios is left out, so every other metric stays calibrated', async () => {
    const baselines = path.join(dir.path, 'baselines');
    mkdirSync(baselines);
    const out = withOtherScenario(compareDir('aa1', 0.02));
    for (const side of ['base', 'head']) {
      const latest = path.join(out, 'rounds', `3-${side}`, 'latest');
      mkdirSync(latest, { recursive: true });
      writeFileSync(path.join(latest, 'results.json'), JSON.stringify(other(`aa1-3-${side}`)));
    }
    expect(await runCalibrateCommand(['--from', out, '--baselines', baselines])).toBe(0);
    const calibration = readNoiseCalibration(baselines);
    expect(calibration?.metrics['demo/query/v2/queryLatencyUs.p50']?.trials).toBe(12);
    expect(calibration?.metrics['demo/other/v2/queryLatencyUs.p50']?.trials).toBe(12);
    expect(printed).toContain('round(s) 3 re-measured only undecided scenarios');
  });

  test('--drift-only pools the day drift and keeps the trial noise of the calibration before it', async () => {
    const baselines = path.join(dir.path, 'baselines');
    mkdirSync(baselines);
    expect(await runCalibrateCommand(['--from', compareDir('quiet', 0.02), '--baselines', baselines])).toBe(0);
    const quiet = readNoiseCalibration(baselines)?.metrics['demo/query/v2/queryLatencyUs.p50'];
    expect(
      await runCalibrateCommand(['--from', compareDir('busy', 0.3), '--drift-only', '--baselines', baselines]),
    ).toBe(0);
    const after = readNoiseCalibration(baselines);
    expect(after?.metrics['demo/query/v2/queryLatencyUs.p50']).toEqual(quiet);
    expect(after?.sourceRuns).toHaveLength(8);
    expect(printed).toContain('trial and twin noise kept');
  });

  test("--scenario writes only the named scenario and keeps the others' entries; an unknown one is an error", async () => {
    const baselines = path.join(dir.path, 'baselines');
    mkdirSync(baselines);
    const quietDir = withOtherScenario(compareDir('quiet', 0.02));
    expect(await runCalibrateCommand(['--from', quietDir, '--baselines', baselines])).toBe(0);
    const quiet = readNoiseCalibration(baselines)?.metrics['demo/query/v2/queryLatencyUs.p50'];
    const quietOther = readNoiseCalibration(baselines)?.metrics['demo/other/v2/queryLatencyUs.p50'];
    const busy = withOtherScenario(compareDir('busy', 0.3), 0.3);
    await expect(
      runCalibrateCommand(['--from', busy, '--scenario', 'demo/querry', '--baselines', baselines]),
    ).rejects.toThrow(
      /Expected `--scenario demo\/querry` to name a scenario the runs measured .*measured: demo\/other, demo\/query$/,
    );
    expect(readNoiseCalibration(baselines)?.metrics['demo/query/v2/queryLatencyUs.p50']).toEqual(quiet);
    expect(await runCalibrateCommand(['--from', busy, '--scenario', 'demo/query/', '--baselines', baselines])).toBe(0);
    const after = readNoiseCalibration(baselines);
    expect(after?.metrics['demo/query/v2/queryLatencyUs.p50']?.trialLogSd).toBeGreaterThan(quiet?.trialLogSd ?? 0);
    expect(after?.metrics['demo/other/v2/queryLatencyUs.p50']).toEqual(quietOther);
  });

  test('--new-metrics-only adds the metrics the file or the baselines do not list and keeps every other entry', async () => {
    const baselines = path.join(dir.path, 'baselines');
    mkdirSync(baselines);
    const recorded = results('recorded', [syntheticResult([100, 101, 99])]);
    updateBaselines(baselines, recorded.scenarios, recorded.environment, []);
    expect(await runCalibrateCommand(['--from', compareDir('quiet', 0.02), '--baselines', baselines])).toBe(0);
    const quiet = readNoiseCalibration(baselines)?.metrics['demo/query/v2/queryLatencyUs.p50'];
    // An entry of a metric no baseline lists: left from code that once reported it.
    const file = path.join(baselines, 'noise.json');
    const written = JSON.parse(readFileSync(file, 'utf8')) as { metrics: Record<string, object> };
    written.metrics['demo/other/v2/queryLatencyUs.p50'] = { trialLogSd: 0.001, trials: 3 };
    writeFileSync(file, JSON.stringify(written));
    const busy = withOtherScenario(compareDir('busy', 0.3), 0.3);
    expect(await runCalibrateCommand(['--from', busy, '--new-metrics-only', '--baselines', baselines])).toBe(0);
    const after = readNoiseCalibration(baselines);
    expect(after?.metrics['demo/query/v2/queryLatencyUs.p50']).toEqual(quiet);
    expect(after?.metrics['demo/other/v2/queryLatencyUs.p50']?.trials).toBe(12);
    expect(printed).toMatch(/1 new metrics from 4 runs/);
    await expect(
      runCalibrateCommand(['--from', busy, '--new-metrics-only', '--drift-only', '--baselines', baselines]),
    ).rejects.toThrow(/Expected `--new-metrics-only` without `--drift-only` and `--reset-drift`/);
  });

  test('--reset-drift drops the drift the named scenario pooled; without it the drift is kept', async () => {
    const baselines = path.join(dir.path, 'baselines');
    mkdirSync(baselines);
    const aa = withOtherScenario(compareDir('aa', 0.02));
    expect(await runCalibrateCommand(['--from', aa, '--baselines', baselines])).toBe(0);
    const file = path.join(baselines, 'noise.json');
    const written = JSON.parse(readFileSync(file, 'utf8')) as { metrics: Record<string, object> };
    for (const key of Object.keys(written.metrics)) {
      written.metrics[key] = { ...written.metrics[key], driftLogSd: 0.7, driftCalibrations: 3 };
    }
    writeFileSync(file, JSON.stringify(written));
    const again = compareDir('again', 0.02);
    const resetQuery = () =>
      runCalibrateCommand(['--from', again, '--scenario', 'demo/query', '--reset-drift', '--baselines', baselines]);
    expect(await runCalibrateCommand(['--from', again, '--scenario', 'demo/query', '--baselines', baselines])).toBe(0);
    expect(readNoiseCalibration(baselines)?.metrics['demo/query/v2/queryLatencyUs.p50']?.driftLogSd).toBe(0.7);
    expect(await resetQuery()).toBe(0);
    // No baseline to say its kind: the re-based scenario has no drift until a later day measures it.
    expect(readNoiseCalibration(baselines)?.metrics['demo/query/v2/queryLatencyUs.p50']).not.toHaveProperty(
      'driftLogSd',
    );
    expect(readNoiseCalibration(baselines)?.metrics['demo/other/v2/queryLatencyUs.p50']?.driftLogSd).toBe(0.7);
    // With baselines, it takes the drift its suite's metrics of its kind measured, as no calibration of its own.
    const recorded = results('recorded', [
      syntheticResult([100, 101, 99]),
      syntheticResult([100, 101, 99], { scenario: 'other' }),
    ]);
    updateBaselines(baselines, recorded.scenarios, recorded.environment, []);
    expect(await resetQuery()).toBe(0);
    expect(readNoiseCalibration(baselines)?.metrics['demo/query/v2/queryLatencyUs.p50']).toMatchObject({
      driftLogSd: 0.7,
      driftCalibrations: 0,
    });
    await expect(runCalibrateCommand(['--from', again, '--reset-drift'])).rejects.toThrow(
      /Expected `--reset-drift` with `--scenario` and without `--drift-only`/,
    );
  });

  test('--committed judges a run of unchanged code against the committed baselines', async () => {
    const baselines = path.join(dir.path, 'baselines');
    mkdirSync(baselines);
    const recorded = results('recorded', [syntheticResult([100, 101, 99, 100, 102, 98])]);
    updateBaselines(baselines, recorded.scenarios, recorded.environment, []);
    const run = path.join(dir.path, 'results.json');
    writeFileSync(run, JSON.stringify(results('today', [syntheticResult([101, 99, 100, 98, 102, 100])])));
    expect(await runPowerCommand(['--committed', run, '--baselines', baselines, '--factors', '2'])).toBe(0);
    expect(printed).toContain(`judged against the committed baselines in ${baselines}`);
    expect(printed).toMatch(/all gated metrics\s+1\/1 \(100 %\)/);
    expect(printed).toContain('A/A false alarms (as measured, no injection): 0');
    await expect(runPowerCommand(['--committed', run, '--results', dir.path])).rejects.toThrow(
      /Expected either `--results` or `--committed`, got both/,
    );
    await expect(runPowerCommand(['--committed', run, '--noise', run])).rejects.toThrow(
      /Expected no `--noise` with `--committed`/,
    );
  });

  test('a folder that is not a comparison’s output is an error naming it', async () => {
    await expect(runCalibrateCommand(['--from', dir.path])).rejects.toThrow(/rounds: no rounds here/);
    await expect(runPowerCommand(['--results', dir.path, '--factors', '0.5'])).rejects.toThrow(
      /Expected `--factors` to be numbers > 1/,
    );
  });
});
