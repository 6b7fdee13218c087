import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallClockUs } from '../clock.js';
import { DEFAULT_TASK_SPAWNER, type TaskSpawner } from './group-spawn.js';
import { spawnTask } from './spawn-task.js';

/** Alive and not a zombie (a killed orphan may wait for its reaper). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is gone within `ms`. A SIGKILL to a group is sent to every member at once, but a
 * member dies when the kernel next runs it: on a loaded machine a grandchild can still be alive
 * just after its parent's exit was reported. There is no event for another process's death (it is
 * not our child), so /proc is polled; without the kill, the grandchild would live 30 s.
 */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

test('tasks start with posix_spawn on Linux, where npm install builds the native spawner', () => {
  expect(DEFAULT_TASK_SPAWNER).toBe(process.platform === 'linux' ? 'posix_spawn' : 'child_process');
});

const SPAWNERS: TaskSpawner[] = process.platform === 'linux' ? ['posix_spawn', 'child_process'] : ['child_process'];

describe.each(SPAWNERS)('spawnTask with %s', (spawner) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-spawn-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `sh -c script` to its end; `out` is a file in the test's folder the script may write. */
  const shell = (script: string, extra: { timeoutMs?: number; cwd?: string } = {}) =>
    spawnTask(['sh', '-c', script], { timeoutMs: extra.timeoutMs ?? 0, now: wallClockUs, spawner, ...extra }).result;

  it('reports the exit code and the spawn-to-exit time', async () => {
    const { result, spawnedAtUs } = spawnTask(['sh', '-c', 'exit 7'], { timeoutMs: 0, now: wallClockUs, spawner });
    const r = await result;
    expect(r.exit).toEqual({ kind: 'exited', exitCode: 7 });
    expect(r.spawnedAtUs).toBe(spawnedAtUs);
    expect(r.exitedAtUs).toBeGreaterThan(r.spawnedAtUs);
  });

  it('reports a command that cannot start, and an argument Node would refuse', async () => {
    const missing = await spawnTask(['/nonexistent/x'], { timeoutMs: 0, now: wallClockUs, spawner }).result;
    expect(missing.exit.kind).toBe('spawn-failed');
    expect(missing.exit.kind === 'spawn-failed' && missing.exit.message).toContain('ENOENT');
    const nul = await spawnTask(['sh', '-c', 'exit 0', 'a\0b'], { timeoutMs: 0, now: wallClockUs, spawner }).result;
    expect(nul.exit.kind).toBe('spawn-failed');
    expect((await spawnTask([], { timeoutMs: 0, now: wallClockUs, spawner }).result).exit.kind).toBe('spawn-failed');
  });

  it('reports the signal that ended the task, not as a timeout', async () => {
    expect((await shell('kill -TERM $$')).exit).toEqual({ kind: 'killed', signal: 'SIGTERM', timedOut: false });
  });

  it('kills the whole process group at the timeout, grandchildren included', async () => {
    const pidFile = join(dir, 'pid');
    const r = await shell(`sleep 30 & echo $! > ${pidFile}; wait`, { timeoutMs: 100 });
    expect(r.exit).toEqual({ kind: 'killed', signal: 'SIGKILL', timedOut: true });
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(grandchild).toBeGreaterThan(0);
    expect(await goneWithin(grandchild, 2000)).toBe(true);
  });

  it('starts the task as the leader of its own session and group, in the given folder', async () => {
    const out = join(dir, 'out');
    const r = await shell(`cat /proc/$$/stat > ${out}; echo $$ >> ${out}; pwd >> ${out}`, { cwd: dir });
    expect(r.exit).toEqual({ kind: 'exited', exitCode: 0 });
    const [stat, pid, cwd] = readFileSync(out, 'utf8').trim().split('\n') as [string, string, string];
    // /proc/<pid>/stat after the command: state, ppid, pgrp, session.
    const [, ppid, pgrp, session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    expect({ ppid: Number(ppid), pgrp, session }).toEqual({ ppid: process.pid, pgrp: pid, session: pid });
    expect(cwd).toBe(dir);
  });

  it("gives the task default signal dispositions, an empty mask, /dev/null stdio, none of the caller's files and its environment", async () => {
    const out = join(dir, 'out');
    const held = openSync(join(dir, 'held'), 'w'); // Node opens files close-on-exec
    try {
      // In a subshell, so that the redirection does not change the descriptors of the task ($$).
      const script =
        `(grep -E '^(SigBlk|SigIgn):' /proc/$$/status; readlink /proc/$$/fd/0 /proc/$$/fd/1 /proc/$$/fd/2; ` +
        `ls /proc/$$/fd | tr '\\n' ' '; echo; echo "$PATH") > ${out}`;
      expect((await shell(script)).exit).toEqual({ kind: 'exited', exitCode: 0 });
      const [blocked, ignored, stdin, stdout, stderr, fds, path] = readFileSync(out, 'utf8').trim().split('\n');
      expect(blocked).toBe('SigBlk:\t0000000000000000');
      // glibc's posix_spawn leaves its two internal signals (32, 33) ignored; glibc programs install their own handlers for them.
      expect(ignored).toBe(spawner === 'posix_spawn' ? 'SigIgn:\t0000000180000000' : 'SigIgn:\t0000000000000000');
      expect([stdin, stdout, stderr]).toEqual(['/dev/null', '/dev/null', '/dev/null']);
      expect(fds?.split(' ')).not.toContain(String(held));
      expect(path).toBe(process.env.PATH);
    } finally {
      closeSync(held);
    }
  });

  it('reports every exit when many tasks end together', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => shell(`exit ${i % 7}`).then((r) => r.exit)),
    );
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => ({ kind: 'exited', exitCode: i % 7 })));
  });
});
