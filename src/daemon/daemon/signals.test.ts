/**
 * Signal handling in a real child process (test-scripts/daemon/daemon-main.ts):
 * SIGTERM and SIGINT end the daemon through its shutdown, well before the
 * 30 s health-check interval would, and the pid file is cleaned up.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnDaemonChild, type DaemonChild } from '../../../test-scripts/daemon/spawn-daemon.js';

const script = fileURLToPath(new URL('../../../test-scripts/daemon/daemon-main.ts', import.meta.url));
const children: DaemonChild[] = [];
let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daemon-signals-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.kill();
    await child.exited;
  }
  await rm(dir, { recursive: true, force: true });
});

async function start(args: readonly string[] = []): Promise<DaemonChild> {
  const child = await spawnDaemonChild({ nodeArgs: ['--import', 'tsx'], script, args });
  children.push(child);
  return child;
}

describe.each(['SIGTERM', 'SIGINT'] as const)('daemon process on %s', (signal) => {
  test('shuts down gracefully, bounded by the signal rather than the 30 s interval, and removes its pid file', async () => {
    const pidFile = join(dir, 'd.pid');
    const child = await start(['--health-interval-ms', '30000', '--work-interval-ms', '30000', '--pid-file', pidFile]);
    expect((await readFile(pidFile, 'utf8')).trim()).toBe(String(child.pid));
    const sentAt = performance.now();
    process.kill(child.pid, signal);
    const exit = await child.exited;
    // Wide margin for a loaded machine; the interval is 30 s.
    expect(performance.now() - sentAt).toBeLessThan(10_000);
    expect(exit.code).toBe(0);
    expect(exit.report).toMatchObject({
      reason: { kind: 'signal', signal },
      outcome: 'graceful',
      abandoned: [],
      subsystems: [{ name: 'worker', phase: 'graceful' }],
    });
    await expect(stat(pidFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

test('a subsystem that ignores shutdown is abandoned after the force timeout; the process still exits', async () => {
  const child = await start([
    '--stuck',
    '--shutdown-timeout-ms',
    '50',
    '--force-timeout-ms',
    '150',
    '--kill-timeout-ms',
    '5000',
  ]);
  process.kill(child.pid, 'SIGTERM');
  const exit = await child.exited;
  expect(exit.code).toBe(1);
  expect(exit.report).toMatchObject({ outcome: 'abandoned', abandoned: ['stuck'] });
  const report = exit.report as { durationMs: number };
  // Node timers fire on whole-millisecond loop time, up to ~1 ms early by performance.now().
  expect(report.durationMs).toBeGreaterThanOrEqual(145);
});
