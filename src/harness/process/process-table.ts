/**
 * Reads Linux's /proc to see processes: parents, descendants and the
 * scenario tag each process inherits through its environment. The tag finds
 * every process a scenario started, also those reparented to init.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { SettingName } from '../settings.js';

export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly state: string;
  readonly command: string;
}

export const SCENARIO_TAG_VARIABLE = 'PLANEBENCH_SCENARIO_TAG' satisfies SettingName;

function readStat(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may itself contain spaces or ')'.
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    return {
      pid,
      state: fields[0] ?? '?',
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      command,
    };
  } catch {
    return undefined; // gone between listing and reading
  }
}

function listPids(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0) pids.push(pid);
  }
  return pids;
}

export function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const pid of listPids()) {
    const entry = readStat(pid);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** Every living (non-zombie) descendant of `rootPid`, breadth first. */
export function listDescendants(rootPid: number, table = listProcesses()): ProcessEntry[] {
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of table) {
    const siblings = children.get(entry.ppid);
    if (siblings) siblings.push(entry);
    else children.set(entry.ppid, [entry]);
  }
  const found: ProcessEntry[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      if (child.state !== 'Z') found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** Processes whose environment carries `PLANEBENCH_SCENARIO_TAG=<tag>`. */
export function listTaggedProcesses(tag: string): ProcessEntry[] {
  const needle = `${SCENARIO_TAG_VARIABLE}=${tag}\0`;
  const found: ProcessEntry[] = [];
  for (const pid of listPids()) {
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (!(environ + '\0').includes(needle)) continue;
    const entry = readStat(pid);
    if (entry && entry.state !== 'Z') found.push(entry);
  }
  return found;
}

/** Sends SIGKILL to each pid, ignoring those already gone. Returns how many were signalled. */
export function killAll(pids: readonly number[], signal: NodeJS.Signals = 'SIGKILL'): number {
  let signalled = 0;
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
      signalled += 1;
    } catch {
      // already gone
    }
  }
  return signalled;
}
