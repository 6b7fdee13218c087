/**
 * The whole gate, end to end: jest runs a fixture perf spec in a temporary
 * folder with the planebench reporter; a baseline is written from one run;
 * the same code then passes, and the fixture made 2× slower fails with the
 * regression named in the table.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, TSX_LOADER } from '../harness/paths.js';
import { makeTempDir } from '../test-support/temp-dir.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const jestBin = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');

let dir: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  dir = makeTempDir('planebench-e2e-');
  const spec = readFileSync(path.join(here, 'fixtures', 'fixture-perf-spec.ts.txt'), 'utf8')
    .replace('__HARNESS__', path.join(REPO_ROOT, 'src', 'harness', 'measure-scenario.ts'))
    .replace('__SCENARIO__', path.join(here, 'fixtures', 'fixed-work.scenario.ts'));
  writeFileSync(path.join(dir.path, 'fixture.perf.ts'), spec);
  // ES module scope, as in the repository, so ts-jest emits ESM.
  writeFileSync(path.join(dir.path, 'package.json'), '{ "type": "module" }\n');
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

function runJest(workFactor: number): { status: number | null; output: string } {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      TSX_LOADER,
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      jestBin,
      '--runInBand',
      '--config',
      jestConfig(),
    ],
    {
      cwd: dir.path,
      encoding: 'utf8',
      env: { ...process.env, FIXTURE_WORK_FACTOR: String(workFactor), PERF_PROFILE: 'ci' },
      timeout: 180_000,
    },
  );
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

test('unchanged code passes the gate; the fixture made 2× slower fails it, naming the regression', () => {
  const first = runJest(1);
  expect(first.output).toContain('0 regressions');
  expect(first.status).toBe(0);
  writeBaseline();

  const same = runJest(1);
  expect(same.output).toMatch(/fixed-work\/default\s+workNs\.median\s+.*unchanged/);
  expect(same.status).toBe(0);

  const slower = runJest(2);
  expect(slower.output).toMatch(/fixed-work\/default\s+workNs\.median\s+.*regressed/);
  expect(slower.output).toContain('✗ regressed: fixture/fixed-work/default workNs.median');
  expect(slower.status).not.toBe(0);
}, 600_000);
