/**
 * The state both managers keep per process, and the transitions on it. The
 * managers differ only in who may touch a record when (a lock, or an actor).
 */
import type { ManagedChild } from './control/managed-child.js';
import type { ExitInfo, ProcessInfo, ProcessSpec, ProcessState } from './types.js';

export interface ProcessRecord {
  spec: ProcessSpec;
  state: ProcessState;
  /** The live (or exiting) instance; null once its exit was applied. */
  child: ManagedChild | null;
  /** Current or last known pid. */
  pid: number | null;
  startCount: number;
  lastExit: ExitInfo | null;
  lastSeenAtMs: number | null;
  memoryBytes: number | null;
}

export function newRecord(spec: ProcessSpec): ProcessRecord {
  return {
    spec,
    state: 'stopped',
    child: null,
    pid: null,
    startCount: 0,
    lastExit: null,
    lastSeenAtMs: null,
    memoryBytes: null,
  };
}

export function toInfo(record: ProcessRecord, busy: boolean): ProcessInfo {
  return {
    id: record.spec.id,
    state: record.state,
    pid: record.pid,
    restartCount: Math.max(0, record.startCount - 1),
    lastExit: record.lastExit,
    lastSeenAtMs: record.lastSeenAtMs,
    memoryBytes: record.memoryBytes,
    busy,
  };
}

/** True while the record's instance has not been seen to exit. */
export function isAlive(record: ProcessRecord): boolean {
  return record.child !== null && record.child.exit() === null;
}

export function markStarting(record: ProcessRecord, spec: ProcessSpec): void {
  record.spec = spec;
  record.state = 'starting';
}

export function markStarted(record: ProcessRecord, child: ManagedChild, nowMs: number): void {
  record.child = child;
  record.pid = child.pid;
  record.state = 'running';
  record.startCount += 1;
  record.lastSeenAtMs = nowMs;
  record.memoryBytes = null;
}

export function markSpawnFailed(record: ProcessRecord): void {
  record.child = null;
  record.state = 'failed';
}

/**
 * Applies the exit of `child` if it is still the record's instance. An exit
 * during a stop is `stopped`; any other exit is `stopped` for code 0 and
 * `failed` otherwise. Returns whether it applied.
 */
export function applyExit(record: ProcessRecord, child: ManagedChild, exit: ExitInfo): boolean {
  if (record.child !== child) return false;
  const expected = record.state === 'stopping';
  record.child = null;
  record.lastExit = exit;
  record.memoryBytes = null;
  record.state = expected || exit.code === 0 ? 'stopped' : 'failed';
  return true;
}
