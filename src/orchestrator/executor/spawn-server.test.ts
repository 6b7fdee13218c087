import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallClockUs } from '../clock.js';
import { goneWithin, pidIn, withGrandchild } from '../test-helpers.js';
import { SpawnServer } from './spawn-server.js';

describe('SpawnServer', () => {
  let server: SpawnServer;
  let dir: string;
  const lost: string[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-spawn-'));
    lost.length = 0;
    server = new SpawnServer({ now: wallClockUs, onServerLost: (message) => lost.push(message) });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the start, the exit code and the spawn-to-exit time', async () => {
    const started: number[] = [];
    const r = await server.spawn({ command: ['sh', '-c', 'exit 7'], timeoutMs: 0, onStarted: (us) => started.push(us) })
      .result;
    expect(r.exit).toEqual({ kind: 'exited', exitCode: 7 });
    expect(started).toEqual([r.spawnedAtUs]);
    expect(r.exitedAtUs).toBeGreaterThan(r.spawnedAtUs);
  });

  it('reports a command that cannot start', async () => {
    const r = await server.spawn({ command: ['/nonexistent/x'], timeoutMs: 0 }).result;
    expect(r.exit.kind).toBe('spawn-failed');
    expect((await server.spawn({ command: [], timeoutMs: 0 }).result).exit).toEqual({
      kind: 'spawn-failed',
      message: 'empty command',
    });
  });

  it('kills the whole process group at the timeout, grandchildren included', async () => {
    const pidFile = join(dir, 'pid');
    const task = server.spawn({ command: withGrandchild(pidFile), timeoutMs: 300 });
    const grandchild = await pidIn(pidFile);
    const r = await task.result;
    expect(r.exit).toEqual({ kind: 'killed', signal: 'SIGKILL', timedOut: true });
    expect(await goneWithin(grandchild, 2000)).toBe(true);
  });

  it('kill() kills the whole process group', async () => {
    const pidFile = join(dir, 'pid');
    const task = server.spawn({ command: withGrandchild(pidFile), timeoutMs: 0 });
    const grandchild = await pidIn(pidFile);
    task.kill('SIGTERM');
    expect((await task.result).exit).toEqual({ kind: 'killed', signal: 'SIGTERM', timedOut: false });
    expect(await goneWithin(grandchild, 2000)).toBe(true);
  });

  it('when the server dies, fails its running tasks, kills their groups, and the next spawn starts a new server', async () => {
    const firstPid = await server.ready();
    const pidFile = join(dir, 'pid');
    const task = server.spawn({ command: withGrandchild(pidFile), timeoutMs: 0 });
    const grandchild = await pidIn(pidFile);
    process.kill(firstPid, 'SIGKILL');
    const r = await task.result;
    expect(r.exit).toEqual({
      kind: 'spawner-lost',
      message: 'the spawn server was killed by SIGKILL while the task ran; its process group was killed',
    });
    expect(lost).toEqual([expect.stringContaining('was killed by SIGKILL')]);
    expect(await goneWithin(grandchild, 2000)).toBe(true);
    expect((await server.spawn({ command: ['true'], timeoutMs: 0 }).result).exit).toEqual({
      kind: 'exited',
      exitCode: 0,
    });
    expect(await server.ready()).not.toBe(firstPid);
  });

  it('close() ends the server and every task it still runs', async () => {
    const serverPid = await server.ready();
    const pidFile = join(dir, 'pid');
    const task = server.spawn({ command: withGrandchild(pidFile), timeoutMs: 0 });
    const grandchild = await pidIn(pidFile);
    await server.close();
    expect((await task.result).exit.kind).toBe('spawner-lost');
    expect(lost).toEqual([]); // asked for: not reported as a loss
    expect(await goneWithin(grandchild, 2000)).toBe(true);
    expect(await goneWithin(serverPid, 2000)).toBe(true);
  });
});
