/**
 * procman v1: the process table behind one async read-write lock. start, stop,
 * restart and the heartbeat hold the write lock across their awaits (spawning,
 * waiting for an exit, probing), so every query waits for them. This is the
 * straightforward design the seed describes, not slowed down on purpose.
 */
import { spawnChild } from '../control/managed-child.js';
import type { ManagedChild } from '../control/managed-child.js';
import { probeMemoryBytes } from '../control/probe-memory.js';
import { stopChild } from '../control/stop-child.js';
import { abortedError, ProcmanError } from '../errors.js';
import { argument, resolveManagerOptions, validateSpec } from '../options.js';
import type { ManagerOptions, ResolvedManagerOptions } from '../options.js';
import {
  applyExit,
  isAlive,
  markSpawnFailed,
  markStarted,
  markStarting,
  newRecord,
  toInfo,
} from '../process-record.js';
import type { ProcessRecord } from '../process-record.js';
import type {
  OperationOptions,
  ProcessInfo,
  ProcessManager,
  ProcessSpec,
  RestartOutcome,
  StartOutcome,
  StopOptions,
  StopOutcome,
} from '../types.js';
import { RwLock } from './rw-lock.js';

export class LockedProcessManager implements ProcessManager {
  readonly variant = 'v1' as const;
  readonly options: ResolvedManagerOptions;
  private readonly table = new Map<string, ProcessRecord>();
  private readonly lock = new RwLock();
  private readonly heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatRunning = false;
  private closed = false;

  constructor(options: ManagerOptions = {}) {
    this.options = resolveManagerOptions(options);
    if (this.options.heartbeatIntervalMs > 0) {
      this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.options.heartbeatIntervalMs);
      this.heartbeatTimer.unref();
    }
  }

  start(spec: ProcessSpec, options: OperationOptions = {}): Promise<StartOutcome> {
    validateSpec(spec);
    return this.lock.write(async () => {
      this.assertOpen();
      let record = this.table.get(spec.id);
      if (!record) {
        record = newRecord(spec);
        this.table.set(spec.id, record);
      }
      if (isAlive(record)) return { kind: 'already-running', info: toInfo(record, false) };
      await this.spawnLocked(record, spec);
      return { kind: 'started', info: toInfo(record, false) };
    }, options.signal);
  }

  stop(id: string, options: StopOptions = {}): Promise<StopOutcome> {
    const gracePeriodMs = this.gracePeriodOf(options);
    return this.lock.write(async () => {
      this.assertOpen();
      return this.stopLocked(this.recordOf(id), gracePeriodMs, options.signal);
    }, options.signal);
  }

  restart(id: string, options: StopOptions = {}): Promise<RestartOutcome> {
    const gracePeriodMs = this.gracePeriodOf(options);
    return this.lock.write(async () => {
      this.assertOpen();
      const record = this.recordOf(id);
      const stopped = await this.stopLocked(record, gracePeriodMs, options.signal);
      await this.spawnLocked(record, record.spec);
      return { stop: stopped.kind, info: toInfo(record, false) };
    }, options.signal);
  }

  getAllProcessInfo(): Promise<ProcessInfo[]> {
    return this.lock.read(() => [...this.table.values()].map((record) => toInfo(record, false)));
  }

  getProcessInfo(id: string): Promise<ProcessInfo> {
    return this.lock.read(() => toInfo(this.recordOf(id), false));
  }

  async shutdown(options: { readonly gracePeriodMs?: number } = {}): Promise<void> {
    const gracePeriodMs = this.gracePeriodOf(options);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    await this.lock.write(async () => {
      this.closed = true;
      await Promise.all(
        [...this.table.values()].map(async (record) => {
          if (record.child) await this.stopLocked(record, gracePeriodMs, undefined);
        }),
      );
    });
  }

  /** Probes every live process, one after another, holding the write lock. */
  private async heartbeat(): Promise<void> {
    if (this.heartbeatRunning || this.closed) return; // a missed tick is skipped
    this.heartbeatRunning = true;
    try {
      await this.lock.write(async () => {
        for (const record of this.table.values()) {
          if (!record.child || !isAlive(record)) continue;
          const memoryBytes = await probeMemoryBytes(record.child.pid);
          if (memoryBytes === null) continue;
          record.memoryBytes = memoryBytes;
          record.lastSeenAtMs = Date.now();
        }
      });
    } finally {
      this.heartbeatRunning = false;
    }
  }

  private async spawnLocked(record: ProcessRecord, spec: ProcessSpec): Promise<void> {
    markStarting(record, spec);
    let child: ManagedChild;
    try {
      child = await spawnChild(spec);
    } catch (error) {
      markSpawnFailed(record);
      throw error;
    }
    markStarted(record, child, Date.now());
    void child.exited.then((exit) => this.lock.write(() => void applyExit(record, child, exit)));
  }

  private async stopLocked(
    record: ProcessRecord,
    gracePeriodMs: number,
    signal: AbortSignal | undefined,
  ): Promise<StopOutcome> {
    const child = record.child;
    if (!child) return { kind: 'already-stopped', info: toInfo(record, false) };
    record.state = 'stopping';
    const result = await stopChild(child, {
      gracePeriodMs,
      killTimeoutMs: this.options.killTimeoutMs,
      ...(signal === undefined ? {} : { signal }),
    });
    if (result.kind === 'abandoned') throw abortedError(record.spec.id, signal as AbortSignal);
    applyExit(record, child, result.exit);
    const kind = result.kind === 'killed' ? 'killed' : result.kind === 'exited' ? 'exited' : 'already-stopped';
    return { kind, info: toInfo(record, false) };
  }

  private recordOf(id: string): ProcessRecord {
    const record = this.table.get(id);
    if (!record) throw new ProcmanError('not-found', `No process \`${id}\``, { processId: id });
    return record;
  }

  private gracePeriodOf(options: { readonly gracePeriodMs?: number }): number {
    return options.gracePeriodMs === undefined
      ? this.options.gracePeriodMs
      : argument.nonNegativeInteger('gracePeriodMs', options.gracePeriodMs);
  }

  private assertOpen(): void {
    if (this.closed) throw new ProcmanError('manager-closed', 'The process manager was shut down');
  }
}
