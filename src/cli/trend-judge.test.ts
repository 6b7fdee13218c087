/** `planebench trend --judge`, run for real in a child process on a data.js and results.json written here. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, TSX_LOADER } from '../harness/paths.js';
import { formatBenchmarkDataJs } from '../history/benchmark-data.js';
import { historyOfRuns, judgedRun } from '../test-support/judged-runs.js';
import { makeTempDir } from '../test-support/temp-dir.js';

const main = path.join(REPO_ROOT, 'src', 'cli', 'main.ts');
let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

const trend = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', TSX_LOADER, main, 'trend', ...args], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    env: { ...process.env, PLANEBENCH_VERBOSE: '' },
  });

function write(name: string, text: string): string {
  const file = path.join(dir.path, name);
  writeFileSync(file, text);
  return file;
}

describe('planebench trend --judge', () => {
  test('prints the verdict, the regression and the reference, and exits 1 on a regression', () => {
    const data = write(
      'data.js',
      formatBenchmarkDataJs(historyOfRuns([1, 2, 3, 4, 5].map((day) => judgedRun({ day, level: 1000 })))),
    );
    const worse = write('worse.json', JSON.stringify(judgedRun({ day: 6, level: 1300 })));
    const judged = trend('--judge', worse, '--data', data, '--baselines', dir.path);
    expect(judged.stdout).toContain(
      '  Judged against: last 5 runs of testbed cpu × 2, Node 20, profile ci, trials pooled (commits 01cccccccccc … 05cccccccccc)\n',
    );
    expect(judged.stdout).toMatch(
      /\nplanebench: 1 regression · .* — FAILED\n {2}✗ regressed: demo\/query\/v2 queryLatencyUs\.p50: 1\.00 ms → 1\.30 ms/,
    );
    expect(judged.status).toBe(1);
    const same = write('same.json', JSON.stringify(judgedRun({ day: 6, level: 1000 })));
    expect(trend('--judge', same, '--data', data, '--baselines', dir.path, '--runs', '3').status).toBe(0);
  }, 30_000);

  test('a corrupt data.js or results.json is one clear error and exit 2', () => {
    const run = write('run.json', JSON.stringify(judgedRun({ day: 6, level: 1000 })));
    const corrupt = write(
      'data.js',
      'window.BENCHMARK_DATA = {"lastUpdate":1,"repoUrl":"","entries":{"s":[{"date":1}]}}',
    );
    const bad = trend('--judge', run, '--data', corrupt);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      `planebench trend: ${corrupt}: Expected \`entries.s[0].commit\` to be an object, got \`undefined\` (undefined)\n`,
    );
    const noTrials = judgedRun({ day: 6, level: 1000 });
    const broken = {
      ...noTrials,
      scenarios: [{ ...noTrials.scenarios[0], metrics: [{ ...noTrials.scenarios[0]!.metrics[0], trials: [] }] }],
    };
    const results = write('broken.json', JSON.stringify(broken));
    const unreadable = trend('--judge', results, '--data', corrupt);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toContain(
      `${results}: Expected \`scenarios[0].metrics[0].trials\` to be a non-empty array of numbers`,
    );
  }, 30_000);
});
