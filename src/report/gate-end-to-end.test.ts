/**
 * The whole gate, end to end: `npm test`'s wrapper (scripts/jest.mjs) runs
 * a fixture perf spec in a temporary folder with the planebench reporter; a
 * baseline is written from one run; the same code then passes, the fixture
 * made 2× slower fails with the regression named in the table (after a
 * confirmation run that is slow too), and a run slow only the first time
 * passes on confirmation.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, TSX_LOADER } from '../harness/paths.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { REMEASURED_NOTE } from './comparison-rows.js';
import { readResultsFile } from '../gate/results-file.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const wrapper = path.join(REPO_ROOT, 'scripts', 'jest.mjs');

let dir: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  dir = makeTempDir('planebench-e2e-');
  const spec = readFileSync(path.join(here, 'fixtures', 'fixture-perf-spec.ts.txt'), 'utf8')
    .replace('__HARNESS__', path.join(REPO_ROOT, 'src', 'harness', 'measure-scenario.ts'))
    .replace('__SCENARIO__', path.join(here, 'fixtures', 'fixed-work.scenario.ts'));
  writeFileSync(path.join(dir.path, 'fixture.perf.ts'), spec);
  // ES module scope, as in the repository, so ts-jest emits ESM.
  writeFileSync(path.join(dir.path, 'package.json'), '{ "type": "module" }\n');
  // A config file, not --config: the wrapper's confirmation run finds it too.
  writeFileSync(path.join(dir.path, 'jest.config.json'), jestConfig());
});
afterAll(() => dir.remove());

function jestConfig(): string {
  return JSON.stringify({
    rootDir: dir.path,
    testMatch: ['<rootDir>/*.perf.ts'],
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.ts$': [
        require.resolve('ts-jest'),
        { useESM: true, diagnostics: false, tsconfig: path.join(REPO_ROOT, 'tsconfig.json') },
      ],
    },
    testEnvironment: 'node',
    testTimeout: 120_000,
    reporters: [
      'default',
      [
        path.join(REPO_ROOT, 'src', 'report', 'jest-reporter.ts'),
        { baselinesDir: path.join(dir.path, 'baselines'), resultsDir: path.join(dir.path, 'perf-results') },
      ],
    ],
  });
}

function runTests(fixtureEnv: Record<string, string>): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...fixtureEnv,
    PERF_PROFILE: 'ci',
    PLANEBENCH_RESULTS_ROOT: path.join(dir.path, 'perf-results'),
  };
  delete env['PLANEBENCH_CONFIRM_OF'];
  delete env['PLANEBENCH_CONFIRM'];
  const run = spawnSync(process.execPath, [wrapper], { cwd: dir.path, encoding: 'utf8', env, timeout: 300_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}${run.error ? String(run.error) : ''}` };
}

function writeBaseline(): void {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      TSX_LOADER,
      path.join(REPO_ROOT, 'src', 'cli', 'main.ts'),
      'baseline',
      'update',
      '--results',
      path.join(dir.path, 'perf-results', 'latest', 'results.json'),
      '--baselines',
      path.join(dir.path, 'baselines'),
    ],
    { cwd: dir.path, encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('added    fixture/fixed-work/default');
}

const CONFIRMING = /run\(s\) once more and both runs' trials are judged together/;

test('unchanged code passes; 2× slower fails even when measured again; slow once passes on confirmation', () => {
  const first = runTests({ FIXTURE_WORK_FACTOR: '1' });
  expect(first.output).toContain('0 regressions');
  expect(first.status).toBe(0);
  writeBaseline();

  // Unchanged code must not fail; on a loaded machine it may come out faster
  // than its baseline, which is not a failure either.
  const same = runTests({ FIXTURE_WORK_FACTOR: '1' });
  expect(same.output).toContain('0 regressions');
  expect(same.output).not.toMatch(CONFIRMING);
  expect(same.status).toBe(0);

  const slower = runTests({ FIXTURE_WORK_FACTOR: '2' });
  expect(slower.output).toMatch(CONFIRMING);
  expect(slower.output).toContain('confirmation — 1 scenario(s) measured again');
  expect(slower.output).toContain(`fixed-work/default: ${REMEASURED_NOTE}`);
  expect(slower.output).toContain('✗ regressed: fixture/fixed-work/default workUs');
  expect(slower.status).not.toBe(0);
  const pooled = readResultsFile(path.join(dir.path, 'perf-results', 'latest', 'results.json'));
  expect(pooled.scenarios[0]?.trialCount).toBe(6);

  const slowOnce = runTests({ FIXTURE_SLOW_ONCE: path.join(dir.path, 'slow-once.marker') });
  expect(slowOnce.output).toContain('✗ regressed: fixture/fixed-work/default workUs'); // the first run
  expect(slowOnce.output).toMatch(CONFIRMING);
  expect(slowOnce.output).toContain('0 regressions');
  expect(slowOnce.status).toBe(0);
}, 900_000);
