/** Finds processes a test left behind, by the scenario tag in their environment. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { listTaggedProcesses } from '../../harness/process/process-table.js';
import type { ProcessEntry } from '../../harness/process/process-table.js';

export function newTag(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function survivorsOf(tag: string): ProcessEntry[] {
  return listTaggedProcesses(tag);
}

/** Whether a pid is a living (non-zombie) process. */
export function isLivingPid(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
