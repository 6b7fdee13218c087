import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { captureEnvironment } from '../harness/environment.js';
import { handOverResult, RUN_DIR_VARIABLE } from '../harness/results-handoff.js';
import { updateBaselines } from '../gate/update-baselines.js';
import { syntheticResult } from '../test-support/fixture-results.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { REMEASURED_NOTE } from './comparison-rows.js';
import { CONFIRM_REQUEST_FILE, readConfirmRequest } from '../gate/confirmation.js';
import PlanebenchReporter from './jest-reporter.js';
import { saveEnv } from '../test-support/saved-env.js';
import { readResultsFile } from '../gate/results-file.js';

let dir: ReturnType<typeof makeTempDir>;
const savedEnv = saveEnv([RUN_DIR_VARIABLE]);
let printed = '';
beforeEach(() => {
  dir = makeTempDir();
  printed = '';
});
afterEach(() => {
  dir.remove();
  savedEnv.restore();
});

interface RunOptions {
  /** The first run's results.json: this run confirms its regressions. */
  readonly confirmOf?: string;
  /** Test suites that failed in the run. */
  readonly failedSuites?: number;
  readonly baselineGate?: boolean;
}

function runReporter(results: ReturnType<typeof syntheticResult>[], options: RunOptions = {}) {
  const reporter = new PlanebenchReporter(
    { rootDir: dir.path },
    {
      baselinesDir: path.join(dir.path, 'baselines'),
      resultsDir: path.join(dir.path, 'perf-results'),
      print: (text) => (printed += text),
      printError: (text) => (printed += text),
      ...(options.confirmOf ? { confirmOf: options.confirmOf } : {}),
      ...(options.baselineGate !== undefined ? { baselineGate: options.baselineGate } : {}),
    },
  );
  reporter.onRunStart();
  for (const r of results) {
    handOverResult(r);
    reporter.onTestResult({ path: `/specs/${r.scenario}.perf.ts` });
  }
  reporter.onRunComplete(undefined, { numFailedTestSuites: options.failedSuites ?? 0, numRuntimeErrorTestSuites: 0 });
  return reporter;
}

function writeBaseline(trials: number[]): void {
  updateBaselines(path.join(dir.path, 'baselines'), [syntheticResult(trials)], captureEnvironment('ci'), []);
}

const requestFile = () => path.join(dir.path, 'perf-results', CONFIRM_REQUEST_FILE);

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
    writeBaseline([1000, 1010, 990]);
    const reporter = runReporter([syntheticResult([2000, 2020, 1980])]);
    expect(reporter.getLastError()?.message).toContain('demo/query/v2 queryLatencyUs.p50 regressed');
    expect(printed).toContain('regressed: demo/query/v2 queryLatencyUs.p50');
    const report = readFileSync(path.join(dir.path, 'perf-results', 'latest', 'report.md'), 'utf8');
    expect(report).toContain('### Regressions');
  });

  test('a gated regression asks for a confirmation naming the spec behind it and the first results', () => {
    writeBaseline([1000, 1010, 990]);
    runReporter([syntheticResult([2000, 2020, 1980]), syntheticResult([5, 5, 5], { scenario: 'steady' })]);
    const request = readConfirmRequest(path.join(dir.path, 'perf-results'))!;
    expect(request.testFiles).toEqual(['/specs/query.perf.ts']);
    expect(request.regressions).toEqual(['demo/query/v2 queryLatencyUs.p50']);
    expect(readResultsFile(request.results).scenarios).toHaveLength(2);
  });

  test('no confirmation when a test failed or a scenario did not complete, or on the confirmation itself', () => {
    writeBaseline([1000, 1010, 990]);
    runReporter([syntheticResult([2000, 2020, 1980])], { failedSuites: 1 });
    expect(existsSync(requestFile())).toBe(false);
    runReporter([
      syntheticResult([2000, 2020, 1980]),
      syntheticResult([1], { scenario: 'broken', state: 'errored', error: 'boom', metrics: [] }),
    ]);
    expect(existsSync(requestFile())).toBe(false);
    runReporter([syntheticResult([2000, 2020, 1980])]);
    const first = readConfirmRequest(path.join(dir.path, 'perf-results'))!.results;
    const again = runReporter([syntheticResult([2000, 2020, 1980])], { confirmOf: first });
    expect(existsSync(requestFile())).toBe(false);
    expect(again.getLastError()?.message).toContain('demo/query/v2 queryLatencyUs.p50 regressed');
  });

  test('the confirmation pools both runs: slow once and fast again passes, showing only the re-measured rows', () => {
    writeBaseline([1000, 1010, 990]);
    runReporter([syntheticResult([2000, 2020, 1980]), syntheticResult([5, 5, 5], { scenario: 'steady' })]);
    const first = readConfirmRequest(path.join(dir.path, 'perf-results'))!.results;
    printed = '';
    const reporter = runReporter([syntheticResult([1000, 1005, 995])], { confirmOf: first });
    expect(reporter.getLastError()).toBeUndefined();
    expect(printed).toContain('confirmation — 1 scenario(s) measured again');
    expect(printed).toContain(`query/v2: ${REMEASURED_NOTE}`);
    expect(printed).not.toContain('steady/v2');
    expect(printed).toContain('0 regressions');
    const pooled = readResultsFile(path.join(dir.path, 'perf-results', 'latest', 'results.json'));
    expect(pooled.scenarios.map((s) => [s.scenario, s.trialCount])).toEqual([
      ['query', 6],
      ['steady', 3],
    ]);
  });

  test('a confirmation whose first results are unreadable fails, naming the file', () => {
    const reporter = runReporter([syntheticResult([1000])], { confirmOf: path.join(dir.path, 'nowhere.json') });
    expect(reporter.getLastError()?.message).toContain(`${path.join(dir.path, 'nowhere.json')}: cannot read`);
    expect(printed).toContain('planebench reporter: ');
  });

  test('with the baseline gate off (a compare round), a regression neither fails nor asks for confirmation', () => {
    writeBaseline([100, 101, 99]);
    const reporter = runReporter([syntheticResult([300, 310, 290])], { baselineGate: false });
    expect(reporter.getLastError()).toBeUndefined();
    expect(existsSync(requestFile())).toBe(false);
    expect(printed).toContain('not judged against baselines/');
    const specs = JSON.parse(
      readFileSync(path.join(dir.path, 'perf-results', 'latest', 'specs.json'), 'utf8'),
    ) as unknown;
    expect(specs).toEqual({ 'demo/query/v2': '/specs/query.perf.ts' });
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
