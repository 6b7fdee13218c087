/**
 * The worker processes' resources summed, as the seed's "Worker processes (combined)": the task
 * processes (children of the processes that run tasks, each leading its own process group, as the
 * executor starts every task) and everything in their groups. Read from Linux's /proc.
 *
 * CPU is cumulative and exact for short tasks too: a task that exited and was reaped is in its
 * parent's `cutime + cstime`; one still running is in its own `utime + stime` (+ its reaped
 * children's). RSS is a snapshot of the task processes alive at the sample.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { listProcesses } from '../../harness/process/process-table.js';

export interface TaskProcessUsage {
  /** Task processes alive (group leaders, not zombies). */
  readonly taskProcesses: number;
  /** RSS of every live process in the task processes' groups, summed. */
  readonly rssBytes: number;
  /** CPU time of every task process so far, ms (user + system): reaped ones via their parents. */
  readonly cpuTimeMs: number;
}

let clockTicksPerSec: number | undefined;

/** `getconf CLK_TCK` (once): the unit of /proc's CPU times; 100 if it cannot be asked. */
function ticksPerSec(): number {
  if (clockTicksPerSec === undefined) {
    try {
      clockTicksPerSec = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSec = 100;
    }
  }
  return clockTicksPerSec;
}

/** /proc/<pid>/stat fields after the command: [0] state, … [11] utime … [14] cstime, [21] rss pages. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone between listing and reading
  }
}

const field = (fields: readonly string[], index: number): number => Number(fields[index] ?? 0);
/** utime, stime, cutime, cstime in clock ticks (fields 14–17 of stat). */
const ownAndReapedTicks = (f: readonly string[]): number => field(f, 11) + field(f, 12) + field(f, 13) + field(f, 14);
const reapedTicks = (f: readonly string[]): number => field(f, 13) + field(f, 14);

function rssBytesOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** One reading of the task processes of `parents` (the scheduler, or the `worker` processes). */
export function readTaskProcessUsage(parents: ReadonlySet<number>): TaskProcessUsage {
  const table = listProcesses();
  const leaders = new Set<number>();
  for (const entry of table) {
    if (entry.state !== 'Z' && parents.has(entry.ppid) && entry.pgid === entry.pid) leaders.add(entry.pid);
  }
  let ticks = 0;
  for (const parent of parents) {
    const fields = statFields(parent);
    if (fields) ticks += reapedTicks(fields);
  }
  let rssBytes = 0;
  for (const entry of table) {
    if (entry.state === 'Z' || !leaders.has(entry.pgid)) continue;
    rssBytes += rssBytesOf(entry.pid);
    // A group leader's own time and its reaped children's; other members' time reaches the leader when reaped.
    if (leaders.has(entry.pid)) {
      const fields = statFields(entry.pid);
      if (fields) ticks += ownAndReapedTicks(fields);
    }
  }
  return { taskProcesses: leaders.size, rssBytes, cpuTimeMs: (ticks * 1000) / ticksPerSec() };
}
