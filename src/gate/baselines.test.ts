import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureEnvironment } from '../harness/environment.js';
import { syntheticResult } from '../test-support/fixture-results.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { readBaseline } from './baseline-file.js';
import { compareRun } from './compare-run.js';
import { updateBaselines } from './update-baselines.js';

const environment = captureEnvironment('ci');
let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

function write(name: string, text: string): string {
  const file = path.join(dir.path, name);
  writeFileSync(file, text);
  return file;
}

/** A baseline file's text with one p50 metric `m`, its fields overridden by `fields`. */
function baselineWithMetric(fields: Record<string, unknown>): string {
  const m = { kind: 'latencyUs', unit: 'us', direction: 'smaller', stat: 'p50', gated: true, value: 1, ...fields };
  const entry = { profile: 'ci', updatedAt: '2026-11-24T01:00:00.000Z', environment: {}, metrics: { m } };
  return JSON.stringify({ version: 1, suite: 'demo', scenarios: { 'query/v2': entry } });
}

describe('baseline files', () => {
  test('round trip through update and compare: the same code is unchanged', () => {
    const result = syntheticResult([1000, 1010, 990]);
    const changes = updateBaselines(dir.path, [result], environment, []);
    expect(changes).toEqual([expect.objectContaining({ suite: 'demo', key: 'query/v2', action: 'added' })]);
    const comparison = compareRun([syntheticResult([1000, 1010, 990])], dir.path);
    expect(comparison.failed).toBe(false);
    expect(comparison.counts.unchanged).toBe(1);
  });

  test('a regression of a gated metric fails the comparison', () => {
    updateBaselines(dir.path, [syntheticResult([1000, 1010, 990])], environment, []);
    const comparison = compareRun([syntheticResult([2000, 2020, 1980])], dir.path);
    expect(comparison.failed).toBe(true);
    expect(comparison.regressions.map((r) => r.metric)).toEqual(['queryLatencyUs.p50']);
  });

  test('no baseline: every metric is new, and that is not a failure', () => {
    const comparison = compareRun([syntheticResult([1000, 1000, 1000])], dir.path);
    expect(comparison.failed).toBe(false);
    expect(comparison.counts.new).toBe(1);
    expect(comparison.scenarios[0]?.status).toEqual({ kind: 'no-baseline' });
  });

  test('a baseline of another profile is not compared, and says so', () => {
    updateBaselines(dir.path, [syntheticResult([1000, 1000, 1000], { profile: 'full' })], environment, []);
    const comparison = compareRun([syntheticResult([5000, 5000, 5000])], dir.path);
    expect(comparison.failed).toBe(false);
    expect(comparison.scenarios[0]?.status).toEqual({ kind: 'other-profile', baselineProfile: 'full' });
  });

  test('a baseline of another machine class is not compared, and says so; the same class is judged', () => {
    const github = { ...environment, cpuModel: 'AMD EPYC 7763 64-Core Processor', cores: 4 };
    updateBaselines(dir.path, [syntheticResult([1000, 1000, 1000])], github, []);
    const slower = [syntheticResult([5000, 5000, 5000])];
    const elsewhere = compareRun(slower, dir.path, {
      environment: { ...environment, cpuModel: 'Intel Xeon', cores: 2 },
    });
    expect(elsewhere.failed).toBe(false);
    expect(elsewhere.regressions).toEqual([]);
    const status = elsewhere.scenarios[0]?.status;
    expect(status?.kind).toBe('other-testbed');
    if (status?.kind !== 'other-testbed') return;
    expect(status.baselineTestbed).toMatch(/^AMD EPYC 7763 64-Core Processor × 4, Node \d+$/);
    expect(status.runTestbed).toMatch(/^Intel Xeon × 2, Node \d+$/);
    const nextNode = compareRun(slower, dir.path, { environment: { ...github, node: 'v99.0.0' } });
    expect(nextNode.scenarios[0]?.status.kind).toBe('other-testbed');
    expect(compareRun(slower, dir.path, { environment: github }).failed).toBe(true);
  });

  test('perf:baseline refuses to replace or extend a baseline of another machine class unless asked', () => {
    updateBaselines(dir.path, [syntheticResult([1000, 1000, 1000])], environment, []);
    const other = { ...environment, cores: environment.cores + 2 };
    for (const options of [{}, { newMetricsOnly: true }]) {
      expect(() => updateBaselines(dir.path, [syntheticResult([900, 900, 900])], other, [], options)).toThrow(
        /Refusing to (replace|extend) the baseline of demo\/query\/v2, recorded on .* with results from .* pass --replace-testbed/,
      );
    }
    expect(readBaseline(dir.path, 'demo')?.scenarios['query/v2']?.metrics['queryLatencyUs.p50']?.value).toBe(1000);
    updateBaselines(dir.path, [syntheticResult([900, 900, 900])], other, [], { allowTestbedChange: true });
    expect(readBaseline(dir.path, 'demo')?.scenarios['query/v2']?.metrics['queryLatencyUs.p50']?.value).toBe(900);
  });

  test('a metric the baseline has but the run lacks is missing', () => {
    updateBaselines(dir.path, [syntheticResult([1000, 1000, 1000])], environment, []);
    const comparison = compareRun([syntheticResult([1000, 1000, 1000], { metrics: [] })], dir.path);
    expect(comparison.counts.missing).toBe(1);
  });

  test.each([
    ['corrupt JSON', '{"version": 1, ', 'Expected `(whole file)` to be valid JSON'],
    [
      'an unknown version',
      '{"version": 7, "suite": "demo", "scenarios": {}}',
      'Expected `version` to be 1, got `7` (number)',
    ],
    [
      'a histogram that does not decode',
      JSON.stringify({
        version: 1,
        suite: 'demo',
        scenarios: {
          'query/v2': {
            profile: 'ci',
            updatedAt: '2026-11-24T01:00:00.000Z',
            environment: {},
            metrics: {},
            histograms: { q: { kind: 'latencyUs', unit: 'us', count: 1, encoded: 'garbage' } },
          },
        },
      }),
      'Expected `scenarios["query/v2"].histograms["q"].encoded` to be a compressed base64 HDR histogram that decodes',
    ],
    [
      'a metric date that is not a date',
      baselineWithMetric({ trials: [1], updatedAt: 'yesterday' }),
      'Expected `scenarios["query/v2"].metrics["m"].updatedAt` to be an ISO date',
    ],
    [
      'a trial that is not a number',
      baselineWithMetric({ trials: [1, 'x'] }),
      'Expected `scenarios["query/v2"].metrics["m"].trials[1]` to be a finite number, got `x` (string)',
    ],
  ])('%s: one clear error naming the file and field', (_label, text, expected) => {
    const file = write('demo.json', text);
    expect(() => readBaseline(dir.path, 'demo')).toThrow(`${file}: ${expected}`);
    const comparison = compareRun([syntheticResult([1000, 1000, 1000])], dir.path);
    expect(comparison.failed).toBe(true);
    expect(comparison.baselineErrors[0]?.message).toContain(file);
  });

  test('updating with a corrupt baseline on disk overwrites nothing', () => {
    const file = write('demo.json', '{ corrupt');
    expect(() => updateBaselines(dir.path, [syntheticResult([1, 1, 1])], environment, [])).toThrow(file);
    expect(readFileSync(file, 'utf8')).toBe('{ corrupt');
  });

  test('update writes only the scenarios asked for, atomically, leaving no temporary file', () => {
    const other = syntheticResult([500, 500, 500], { scenario: 'other' });
    updateBaselines(dir.path, [syntheticResult([1000, 1000, 1000]), other], environment, []);
    updateBaselines(
      dir.path,
      [syntheticResult([2000, 2000, 2000]), syntheticResult([9, 9, 9], { scenario: 'other' })],
      environment,
      ['demo/query'],
    );
    const baseline = readBaseline(dir.path, 'demo');
    expect(baseline?.scenarios['query/v2']?.metrics['queryLatencyUs.p50']?.value).toBe(2000);
    expect(baseline?.scenarios['other/v2']?.metrics['queryLatencyUs.p50']?.value).toBe(500);
    expect(readdirSync(dir.path)).toEqual(['demo.json']);
  });

  test('an unknown selector is an error naming what the run has, and writes nothing', () => {
    expect(() => updateBaselines(dir.path, [syntheticResult([1, 1, 1])], environment, ['nope'])).toThrow(
      'No result of the last run matches `nope`; the last run has: demo/query/v2',
    );
    expect(readdirSync(dir.path)).toEqual([]);
  });

  test('a scenario that did not complete is never baselined', () => {
    const failed = syntheticResult([1, 1, 1], { state: 'errored', error: 'boom', metrics: [] });
    expect(() => updateBaselines(dir.path, [failed], environment, [])).toThrow('did not all complete');
  });
});
