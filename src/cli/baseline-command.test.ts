import { jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { metricDate, readBaseline } from '../gate/baseline-file.js';
import { readNoiseCalibration, writeNoiseCalibration } from '../gate/noise-calibration.js';
import { captureEnvironment } from '../harness/environment.js';
import type { ProfileName } from '../harness/profile.js';
import type { ScenarioResult } from '../harness/result-model.js';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../gate/results-file.js';
import { fixtureCalibrationOf, syntheticResult } from '../test-support/fixture-results.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { runBaselineCommand } from './baseline-command.js';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir();
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  jest.restoreAllMocks();
  dir.remove();
});

function resultsFile(
  name: string,
  scenarios: ScenarioResult[],
  profile: ProfileName = 'ci',
  machine: { cpuModel?: string; cores?: number } = {},
): string {
  const file = path.join(dir.path, name);
  const results: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: name,
    environment: { ...captureEnvironment(profile), ...machine },
    scenarios,
  };
  writeFileSync(file, JSON.stringify(results));
  return file;
}

describe('planebench baseline update', () => {
  test('several --results pool each scenario’s trials into one baseline entry', async () => {
    const first = resultsFile('a.json', [syntheticResult([10, 11, 12])]);
    const second = resultsFile('b.json', [syntheticResult([40, 41, 42])]);
    const baselines = path.join(dir.path, 'baselines');
    const code = await runBaselineCommand([
      'update',
      '--results',
      first,
      '--results',
      second,
      '--baselines',
      baselines,
    ]);
    expect(code).toBe(0);
    const metric = readBaseline(baselines, 'demo')?.scenarios['query/v2']?.metrics['queryLatencyUs.p50'];
    expect(metric?.trials).toEqual([10, 11, 12, 40, 41, 42]);
    expect(metric?.value).toBe(26);
  });

  /** A run of the demo scenario with a second metric, `queryCount`, of the given trials. */
  const withCount = (trials: number[], counts: number[]) => {
    const result = syntheticResult(trials);
    const count = { ...result.metrics[0]!, name: 'queryCount', kind: 'count' as const, stat: 'value' as const };
    delete (count as { histogram?: string }).histogram;
    return { ...result, metrics: [...result.metrics, { ...count, value: counts[0]!, trials: counts }] };
  };

  /** `baseline update` of `results` into `baselines`, with `flags` after. */
  const update = (results: string, baselines: string, ...flags: string[]) =>
    runBaselineCommand(['update', '--results', results, '--baselines', baselines, ...flags]);

  test('--new-metrics-only adds the metrics an entry lacks and keeps the recorded ones', async () => {
    const baselines = path.join(dir.path, 'baselines');
    await update(resultsFile('a.json', [syntheticResult([10, 11])]), baselines);
    const later = resultsFile('b.json', [withCount([90, 91], [3, 3])]);
    const output = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await update(later, baselines, '--new-metrics-only');
    expect(code).toBe(0);
    const metrics = readBaseline(baselines, 'demo')?.scenarios['query/v2']?.metrics;
    expect(metrics?.['queryLatencyUs.p50']?.trials).toEqual([10, 11]); // kept as recorded
    expect(metrics?.['queryCount']?.trials).toEqual([3, 3]); // added
    expect(output).toHaveBeenCalledWith(expect.stringContaining('extended demo/query/v2 (1 new metrics'));
    output.mockClear();
    // Again: the entry has every metric the run measured, so nothing is extended.
    expect(await update(later, baselines, '--new-metrics-only')).toBe(0);
    expect(output).not.toHaveBeenCalledWith(expect.stringContaining('extended'));
    expect(output).toHaveBeenCalledWith(expect.stringContaining('0 baseline entries written'));
  });

  test('--metric re-bases only the named metric and keeps the others as recorded', async () => {
    const baselines = path.join(dir.path, 'baselines');
    await update(resultsFile('a.json', [withCount([10, 11], [3, 3])]), baselines);
    const later = resultsFile('b.json', [withCount([90, 91], [7, 7])]);
    const output = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await update(later, baselines, '--metric', 'queryCount');
    expect(code).toBe(0);
    const metrics = readBaseline(baselines, 'demo')?.scenarios['query/v2']?.metrics;
    expect(metrics?.['queryLatencyUs.p50']?.trials).toEqual([10, 11]); // kept as recorded
    expect(metrics?.['queryCount']?.trials).toEqual([7, 7]); // re-based
    expect(output).toHaveBeenCalledWith(expect.stringContaining('rebased  demo/query/v2 (1 named metrics'));
    await expect(update(later, baselines, '--metric', 'noSuchMetric')).rejects.toThrow(
      'No selected scenario of the run measured the metric `noSuchMetric`',
    );
    await expect(update(later, baselines, '--metric', 'queryCount', '--new-metrics-only')).rejects.toThrow('not both');
  });

  test("a metric re-based by name brings its histogram and its own date; the others keep their entry's", async () => {
    const baselines = path.join(dir.path, 'baselines');
    await update(resultsFile('a.json', [withCount([10, 11], [3, 3])]), baselines);
    const before = readBaseline(baselines, 'demo')?.scenarios['query/v2'];
    const later = resultsFile('b.json', [withCount([90, 91, 92], [7, 7, 7])]);
    expect(await update(later, baselines, '--metric', 'queryLatencyUs.p50')).toBe(0);
    const entry = readBaseline(baselines, 'demo')?.scenarios['query/v2'];
    expect(entry?.updatedAt).toBe(before?.updatedAt);
    expect(entry?.metrics['queryLatencyUs.p50']?.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(entry?.metrics['queryCount']).not.toHaveProperty('updatedAt');
    expect(entry?.histograms['queryLatencyUs']?.count).toBe(3); // the re-based run's, not the entry's 2
    expect(metricDate(entry!, 'queryCount')).toBe(before?.updatedAt);
    expect(metricDate(entry!, 'queryLatencyUs.p50')).toBe(entry?.metrics['queryLatencyUs.p50']?.updatedAt);
  });

  test('--new-metrics-only does not mix profiles in one entry, and writes nothing then', async () => {
    const baselines = path.join(dir.path, 'baselines');
    const ci = resultsFile('a.json', [syntheticResult([10])]);
    await runBaselineCommand(['update', '--results', ci, '--baselines', baselines]);
    const full = resultsFile('b.json', [syntheticResult([40], { profile: 'full' })], 'full');
    await expect(
      runBaselineCommand(['update', '--results', full, '--baselines', baselines, '--new-metrics-only']),
    ).rejects.toThrow('Cannot add full-profile metrics to the ci-profile baseline of demo/query/v2');
    expect(readBaseline(baselines, 'demo')?.scenarios['query/v2']?.profile).toBe('ci');
  });

  test('runs of different profiles are not pooled', async () => {
    const first = resultsFile('a.json', [syntheticResult([10])]);
    const second = resultsFile('b.json', [syntheticResult([40], { profile: 'full' })], 'full');
    await expect(
      runBaselineCommand(['update', '--results', first, '--results', second, '--baselines', dir.path]),
    ).rejects.toThrow(/Cannot pool runs of different profiles: .*a\.json \(ci\), .*b\.json \(full\)/);
  });

  test('an entry of another profile is not replaced unless asked, and nothing is written', async () => {
    const baselines = path.join(dir.path, 'baselines');
    await runBaselineCommand([
      'update',
      '--results',
      resultsFile('a.json', [syntheticResult([10, 11, 12])]),
      '--baselines',
      baselines,
    ]);
    const smoke = resultsFile('b.json', [syntheticResult([40], { profile: 'smoke' })], 'smoke');
    await expect(runBaselineCommand(['update', '--results', smoke, '--baselines', baselines])).rejects.toThrow(
      /Refusing to replace the ci-profile baseline of demo\/query\/v2 with smoke-profile results .* pass --replace-profile/,
    );
    expect(readBaseline(baselines, 'demo')?.scenarios['query/v2']?.profile).toBe('ci');
    expect(
      await runBaselineCommand(['update', '--results', smoke, '--baselines', baselines, '--replace-profile']),
    ).toBe(0);
    expect(readBaseline(baselines, 'demo')?.scenarios['query/v2']?.profile).toBe('smoke');
  });

  test('an entry of another machine class is not replaced unless asked, and nothing is written', async () => {
    const baselines = path.join(dir.path, 'baselines');
    const here = resultsFile('a.json', [syntheticResult([10, 11, 12])]);
    expect(await runBaselineCommand(['update', '--results', here, '--baselines', baselines])).toBe(0);
    const elsewhere = resultsFile('b.json', [syntheticResult([40])], 'ci', { cpuModel: 'Other CPU', cores: 96 });
    await expect(runBaselineCommand(['update', '--results', elsewhere, '--baselines', baselines])).rejects.toThrow(
      /Refusing to replace the baseline of demo\/query\/v2, recorded on .* with results from Other CPU × 96.* pass --replace-testbed/,
    );
    const p50 = () => readBaseline(baselines, 'demo')?.scenarios['query/v2']?.metrics['queryLatencyUs.p50']?.value;
    expect(p50()).toBe(11);
    expect(
      await runBaselineCommand(['update', '--results', elsewhere, '--baselines', baselines, '--replace-testbed']),
    ).toBe(0);
    expect(p50()).toBe(40);
  });

  test('a run with a scenario that did not complete is refused whole', async () => {
    const file = resultsFile('a.json', [
      syntheticResult([10]),
      syntheticResult([10], { scenario: 'broken', state: 'errored', error: 'boom' }),
    ]);
    await expect(
      runBaselineCommand(['update', '--results', file, '--baselines', dir.path, 'demo/query']),
    ).rejects.toThrow(/did not all complete: demo\/broken\/v2 \(errored\)/);
  });

  test('each changed metric prints old → new; --dry-run writes nothing', async () => {
    const baselines = path.join(dir.path, 'baselines');
    const output = jest.spyOn(process.stdout, 'write');
    await runBaselineCommand([
      'update',
      '--results',
      resultsFile('a.json', [syntheticResult([10, 11, 12])]),
      '--baselines',
      baselines,
    ]);
    expect(output).toHaveBeenCalledWith(expect.stringContaining('queryLatencyUs.p50: new → 11.0 µs'));
    const slower = resultsFile('b.json', [syntheticResult([40, 41, 42])]);
    expect(await runBaselineCommand(['update', '--results', slower, '--baselines', baselines, '--dry-run'])).toBe(0);
    expect(output).toHaveBeenCalledWith(expect.stringContaining('queryLatencyUs.p50: 11.0 µs → 41.0 µs'));
    expect(output).toHaveBeenCalledWith(expect.stringContaining('dry run'));
    expect(readBaseline(baselines, 'demo')?.scenarios['query/v2']?.metrics['queryLatencyUs.p50']?.value).toBe(11);
  });

  describe('--reset-drift', () => {
    const queryKey = 'demo/query/v2/queryLatencyUs.p50';
    const otherKey = 'demo/other/v2/queryLatencyUs.p50';
    /** Baselines of two demo scenarios and a noise file with a drift for each. */
    async function twoScenarios(): Promise<string> {
      const baselines = path.join(dir.path, 'baselines');
      const first = resultsFile('first.json', [
        syntheticResult([10, 11, 12]),
        syntheticResult([20, 21, 22], { scenario: 'other' }),
      ]);
      expect(await runBaselineCommand(['update', '--results', first, '--baselines', baselines])).toBe(0);
      writeNoiseCalibration(
        baselines,
        fixtureCalibrationOf({
          [queryKey]: { trialLogSd: 0.1, driftLogSd: 0.9, driftCalibrations: 3, trials: 18 },
          [otherKey]: { trialLogSd: 0.1, driftLogSd: 0.2, driftCalibrations: 2, trials: 18 },
        }),
      );
      return baselines;
    }

    test("restarts the re-based scenario's drift at its suite and kind's median; the others keep theirs", async () => {
      const baselines = await twoScenarios();
      const rerun = resultsFile('rerun.json', [syntheticResult([5, 5, 6])]);
      const code = await runBaselineCommand(['update', '--results', rerun, '--baselines', baselines, '--reset-drift']);
      expect(code).toBe(0);
      const noise = readNoiseCalibration(baselines);
      expect(noise?.metrics[queryKey]).toMatchObject({ trialLogSd: 0.1, driftLogSd: 0.2, driftCalibrations: 0 });
      expect(noise?.metrics[otherKey]).toMatchObject({ driftLogSd: 0.2, driftCalibrations: 2 });
      expect(readBaseline(baselines, 'demo')?.scenarios['query/v2']?.metrics['queryLatencyUs.p50']?.trials).toEqual([
        5, 5, 6,
      ]);
    });

    test('a corrupt noise file is named and nothing is written', async () => {
      const baselines = await twoScenarios();
      writeFileSync(path.join(baselines, 'noise.json'), '{"version": 1, "metrics": 3}');
      const rerun = resultsFile('rerun.json', [syntheticResult([5, 5, 6])]);
      await expect(
        runBaselineCommand(['update', '--results', rerun, '--baselines', baselines, '--reset-drift']),
      ).rejects.toThrow(/noise\.json/);
      expect(readBaseline(baselines, 'demo')?.scenarios['query/v2']?.metrics['queryLatencyUs.p50']?.trials).toEqual([
        10, 11, 12,
      ]);
    });

    test('is refused with --new-metrics-only or --metric', async () => {
      for (const flag of [['--new-metrics-only'], ['--metric', 'queryLatencyUs.p50']]) {
        await expect(runBaselineCommand(['update', '--reset-drift', ...flag])).rejects.toThrow(
          /--reset-drift.*whole-entry re-base/,
        );
      }
    });
  });

  test('--help prints the usage and exits 0', async () => {
    const output = jest.spyOn(process.stdout, 'write');
    expect(await runBaselineCommand(['update', '--help'])).toBe(0);
    expect(output).toHaveBeenCalledWith(expect.stringContaining('usage: planebench baseline update'));
  });
});
