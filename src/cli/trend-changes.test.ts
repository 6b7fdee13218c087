/** `planebench trend --changes`, run for real in a child process on a data.js written here. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, TSX_LOADER } from '../harness/paths.js';
import { historyOf } from '../test-support/history-fixture.js';
import { formatBenchmarkDataJs } from '../history/benchmark-data.js';
import { makeTempDir } from '../test-support/temp-dir.js';

const main = path.join(REPO_ROOT, 'src', 'cli', 'main.ts');
let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

const trend = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', TSX_LOADER, main, 'trend', ...args], { encoding: 'utf8', cwd: REPO_ROOT });

describe('planebench trend --changes', () => {
  test('prints the change point and fails when it lies within the newest --since runs', () => {
    const file = path.join(dir.path, 'data.js');
    const values = Array.from({ length: 20 }, (_, i) => (i < 10 ? 1000 : 1500) * (1 + 0.02 * Math.sin(i * 2.3)));
    writeFileSync(file, formatBenchmarkDataJs(historyOf(values)));
    const recent = trend('--changes', '--data', file, '--since', '10');
    expect(recent.stdout).toContain('✗ daemon/micro/default shutdownCoordinationNs.median 10cccccccccc');
    expect(recent.stdout).toContain(
      '1 change point(s) in a history of 20 run(s); 1 made a metric worse within the newest 10 run(s) — FAILED',
    );
    expect(recent.status).toBe(1);
    const older = trend('--changes', '--data', file, '--since', '5');
    expect(older.stdout).toContain('0 made a metric worse within the newest 5 run(s)\n');
    expect(older.status).toBe(0);
  }, 30_000);

  test('a missing history or a bad --since is one clear error', () => {
    const missing = trend('--changes', '--data', path.join(dir.path, 'none.js'));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('none.js: no trend history here');
    const since = trend('--changes', '--since', 'x');
    expect(since.status).not.toBe(0);
    expect(since.stderr).toContain('Expected `--since` to be a positive integer, got `x` (string)');
  }, 30_000);
});
