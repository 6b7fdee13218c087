import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallClockUs } from '../clock.js';
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

describe('spawnTask', () => {
  it('reports the exit code and the spawn-to-exit time', async () => {
    const { result, spawnedAtUs } = spawnTask(['sh', '-c', 'exit 7'], { timeoutMs: 0, now: wallClockUs });
    const r = await result;
    expect(r.exit).toEqual({ kind: 'exited', exitCode: 7 });
    expect(r.spawnedAtUs).toBe(spawnedAtUs);
    expect(r.exitedAtUs).toBeGreaterThan(r.spawnedAtUs);
  });

  it('reports a command that cannot start', async () => {
    const r = await spawnTask(['/nonexistent/x'], { timeoutMs: 0, now: wallClockUs }).result;
    expect(r.exit.kind).toBe('spawn-failed');
  });

  it('kills the whole process group at the timeout, grandchildren included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planebench-spawn-'));
    try {
      const pidFile = join(dir, 'pid');
      const r = await spawnTask(['sh', '-c', `sleep 30 & echo $! > ${pidFile}; wait`], {
        timeoutMs: 100,
        now: wallClockUs,
      }).result;
      expect(r.exit).toEqual({ kind: 'killed', signal: 'SIGKILL', timedOut: true });
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      expect(grandchild).toBeGreaterThan(0);
      expect(await goneWithin(grandchild, 2000)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
