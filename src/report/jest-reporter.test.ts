import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { captureEnvironment } from '../harness/environment.js';
import { handOverResult, RUN_DIR_VARIABLE } from '../harness/results-handoff.js';
import { updateBaselines } from '../gate/update-baselines.js';
import { syntheticResult } from '../test-support/synthetic-result.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import PlanebenchReporter from './jest-reporter.js';

let dir: ReturnType<typeof makeTempDir>;
const savedRunDir = process.env[RUN_DIR_VARIABLE];
let printed = '';
beforeEach(() => {
  dir = makeTempDir();
  printed = '';
});
afterEach(() => {
  dir.remove();
  if (savedRunDir === undefined) delete process.env[RUN_DIR_VARIABLE];
  else process.env[RUN_DIR_VARIABLE] = savedRunDir;
});

function runReporter(results: ReturnType<typeof syntheticResult>[]) {
  const reporter = new PlanebenchReporter(
    { rootDir: dir.path },
    {
      baselinesDir: path.join(dir.path, 'baselines'),
      resultsDir: path.join(dir.path, 'perf-results'),
      print: (text) => (printed += text),
    },
  );
  reporter.onRunStart();
  for (const r of results) handOverResult(r);
  reporter.onRunComplete();
  return reporter;
}

describe('jest reporter', () => {
  test('no regression: no error, and every results file is written', () => {
    const reporter = runReporter([syntheticResult([1000, 1000, 1000])]);
    expect(reporter.getLastError()).toBeUndefined();
    const latest = path.join(dir.path, 'perf-results', 'latest');
    for (const name of ['results.json', 'report.md', 'benchmark-smaller.json', 'benchmark-bigger.json']) {
      expect(existsSync(path.join(latest, name))).toBe(true);
    }
    const bench = JSON.parse(readFileSync(path.join(latest, 'benchmark-smaller.json'), 'utf8')) as unknown[];
    expect(bench).toEqual([
      expect.objectContaining({ name: 'demo/query/v2/queryLatencyUs.p50', unit: 'us', value: 1000 }),
    ]);
    expect(readFileSync(path.join(latest, 'report.md'), 'utf8')).toContain('0 regressions');
  });

  test('a gated regression makes the run fail (getLastError) and names the metric', () => {
    updateBaselines(
      path.join(dir.path, 'baselines'),
      [syntheticResult([1000, 1010, 990])],
      captureEnvironment('ci'),
      [],
    );
    const reporter = runReporter([syntheticResult([2000, 2020, 1980])]);
    expect(reporter.getLastError()?.message).toContain('demo/query/v2 queryLatencyUs.p50 regressed');
    expect(printed).toContain('regressed: demo/query/v2 queryLatencyUs.p50');
    const report = readFileSync(path.join(dir.path, 'perf-results', 'latest', 'report.md'), 'utf8');
    expect(report).toContain('### Regressions');
  });

  test('a scenario that did not complete fails the run', () => {
    const reporter = runReporter([syntheticResult([1], { state: 'timed-out', error: 'too slow', metrics: [] })]);
    expect(reporter.getLastError()?.message).toContain('demo/query/v2 did not complete');
  });

  test('a run without perf results (unit tests only) writes nothing and passes', () => {
    const reporter = runReporter([]);
    expect(reporter.getLastError()).toBeUndefined();
    expect(existsSync(path.join(dir.path, 'perf-results', 'latest'))).toBe(false);
  });
});
