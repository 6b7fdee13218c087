/**
 * Owns the subsystems: registers them, starts and stops them, restarts them by
 * their policy, and reports their state as stats and as an event stream.
 * Each run of a subsystem gets its own ShutdownHandle from the coordinator, so
 * one subsystem can be stopped or restarted alone, and daemon shutdown reaches
 * all of them at once.
 */
import { checkName } from '../config/validate-config.js';
import { DaemonError } from '../errors/daemon-error.js';
import type { ShutdownCoordinator } from '../shutdown/shutdown-coordinator.js';
import type { ShutdownHandle } from '../shutdown/shutdown-handle.js';
import type { ShutdownReason, ShutdownReport } from '../shutdown/shutdown-types.js';
import { DAEMON_METRICS, type MetricsCollector } from '../metrics/metrics-collector.js';
import { realTimers, type TimerHandle, type Timers } from '../time/timers.js';
import { EventStream } from './event-stream.js';
import { checkRestartPolicy, decideRestart, NEVER, type RestartPolicy, type RunExit } from './restart-policy.js';
import type {
  SubsystemEvent,
  SubsystemFn,
  SubsystemId,
  SubsystemInfo,
  SubsystemSpec,
  SubsystemState,
  SubsystemStats,
} from './subsystem-types.js';

interface Entry {
  readonly id: SubsystemId;
  readonly name: string;
  readonly run: SubsystemFn;
  readonly policy: RestartPolicy;
  readonly healthCheck: (() => boolean | Promise<boolean>) | undefined;
  state: SubsystemState;
  /** The handle of the current run; null when not running. */
  handle: ShutdownHandle | null;
  stopRequested: boolean;
  /** Restarts since the last clean exit (for `always`: since the last explicit start). */
  attempt: number;
  restartCount: number;
  restartTimer: TimerHandle | null;
  startedAtMs: number | undefined;
  stoppedAtMs: number | undefined;
  lastError: unknown;
  healthy: boolean | undefined;
}

const COMPLETED: RunExit = Object.freeze({ kind: 'completed' });

export class SubsystemManager {
  readonly events = new EventStream<SubsystemEvent>();
  readonly #coordinator: ShutdownCoordinator;
  readonly #timers: Timers;
  readonly #metrics: MetricsCollector | null;
  readonly #entries = new Map<SubsystemId, Entry>();
  readonly #names = new Set<string>();
  #nextId = 1;
  #totalRestarts = 0;
  #watchingShutdown = false;

  constructor(coordinator: ShutdownCoordinator, timers: Timers = realTimers, metrics: MetricsCollector | null = null) {
    this.#coordinator = coordinator;
    this.#timers = timers;
    this.#metrics = metrics;
  }

  get size(): number {
    return this.#entries.size;
  }

  register(spec: SubsystemSpec): SubsystemId {
    const index = this.#entries.size;
    const name = checkName(`subsystems[${index}].name`, spec.name);
    if (typeof spec.run !== 'function') throw DaemonError.config(`subsystems[${index}].run`, 'a function', spec.run);
    if (this.#names.has(name))
      throw DaemonError.config(`subsystems[${index}].name`, 'a name no other subsystem has', name);
    const policy =
      spec.restartPolicy === undefined
        ? NEVER
        : checkRestartPolicy(`subsystems[${index}].restartPolicy`, spec.restartPolicy);
    const id = this.#nextId++;
    this.#names.add(name);
    this.#entries.set(id, {
      id,
      name,
      run: spec.run,
      policy,
      healthCheck: spec.healthCheck,
      state: 'registered',
      handle: null,
      stopRequested: false,
      attempt: 0,
      restartCount: 0,
      restartTimer: null,
      startedAtMs: undefined,
      stoppedAtMs: undefined,
      lastError: undefined,
      healthy: undefined,
    });
    return id;
  }

  idOf(name: string): SubsystemId {
    for (const entry of this.#entries.values()) if (entry.name === name) return entry.id;
    throw new DaemonError('subsystem-not-found', `No subsystem is named \`${name}\``, { subsystem: name });
  }

  /** Starts one subsystem that is not running. */
  start(id: SubsystemId): void {
    const entry = this.#get(id);
    if (this.#coordinator.isShutdown) throw DaemonError.invalidState(`Cannot start \`${entry.name}\`: shutdown began`);
    if (entry.handle !== null || entry.restartTimer !== null) {
      throw DaemonError.invalidState(`Cannot start \`${entry.name}\`: it is ${entry.state}`);
    }
    entry.attempt = 0;
    this.#launch(entry);
  }

  /** Starts every subsystem that is not running or about to restart. */
  startAll(): void {
    if (this.#coordinator.isShutdown) throw DaemonError.invalidState('Cannot start subsystems: shutdown began');
    for (const entry of this.#entries.values()) {
      if (entry.handle === null && entry.restartTimer === null) {
        entry.attempt = 0;
        this.#launch(entry);
      }
    }
  }

  /** Stops one subsystem through the graceful and force phases; cancels a pending restart. */
  async stop(id: SubsystemId): Promise<SubsystemInfo> {
    const entry = this.#get(id);
    if (entry.restartTimer !== null) {
      this.#timers.clearTimeout(entry.restartTimer);
      entry.restartTimer = null;
      this.#setState(entry, 'stopped');
    }
    const handle = entry.handle;
    if (handle === null) return this.#info(entry);
    entry.stopRequested = true;
    this.#setState(entry, 'stopping');
    await this.#coordinator.stopHandle(handle);
    return this.#info(entry);
  }

  /** Initiates daemon shutdown (if not yet) and drains every subsystem. */
  stopAll(reason?: ShutdownReason): Promise<ShutdownReport> {
    this.#coordinator.initiate(reason);
    return this.#coordinator.waitForShutdown();
  }

  /** Stops a subsystem (if running) and starts it again; counts as a restart. */
  async restart(id: SubsystemId): Promise<void> {
    const entry = this.#get(id);
    if (this.#coordinator.isShutdown)
      throw DaemonError.invalidState(`Cannot restart \`${entry.name}\`: shutdown began`);
    await this.stop(id);
    if (this.#coordinator.isShutdown)
      throw DaemonError.invalidState(`Cannot restart \`${entry.name}\`: shutdown began`);
    entry.restartCount += 1;
    this.#totalRestarts += 1;
    this.#metrics?.increment(DAEMON_METRICS.subsystemRestarts);
    entry.attempt = 0;
    this.#launch(entry);
  }

  /** Runs the health check of every running subsystem that has one. */
  async checkHealth(): Promise<void> {
    const checks: Promise<void>[] = [];
    for (const entry of this.#entries.values()) {
      const check = entry.healthCheck;
      if (check === undefined || entry.state !== 'running') continue;
      this.#metrics?.increment(DAEMON_METRICS.healthChecks);
      checks.push(
        (async () => {
          let healthy: boolean;
          try {
            healthy = (await check()) === true;
          } catch {
            healthy = false;
          }
          entry.healthy = healthy;
          if (this.events.hasSubscribers) {
            this.events.emit({
              type: 'health-checked',
              id: entry.id,
              name: entry.name,
              healthy,
              atMs: this.#timers.now(),
            });
          }
        })(),
      );
    }
    await Promise.all(checks);
  }

  info(id: SubsystemId): SubsystemInfo {
    return this.#info(this.#get(id));
  }

  stats(): SubsystemStats {
    const counts: Record<SubsystemState, number> = {
      registered: 0,
      running: 0,
      stopping: 0,
      stopped: 0,
      failed: 0,
      restarting: 0,
      abandoned: 0,
    };
    const subsystems: SubsystemInfo[] = [];
    for (const entry of this.#entries.values()) {
      counts[entry.state] += 1;
      subsystems.push(this.#info(entry));
    }
    return {
      total: this.#entries.size,
      running: counts.running,
      stopping: counts.stopping,
      stopped: counts.stopped,
      failed: counts.failed,
      restarting: counts.restarting,
      abandoned: counts.abandoned,
      totalRestarts: this.#totalRestarts,
      subsystems,
    };
  }

  #get(id: SubsystemId): Entry {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw new DaemonError('subsystem-not-found', `No subsystem has id ${id}`);
    return entry;
  }

  #launch(entry: Entry): void {
    if (!this.#watchingShutdown) this.#watchShutdown();
    const handle = this.#coordinator.createHandle(entry.name);
    entry.handle = handle;
    entry.stopRequested = false;
    entry.startedAtMs = this.#timers.now();
    this.#metrics?.increment(DAEMON_METRICS.subsystemStarts);
    this.#setState(entry, 'running');
    let result: Promise<void> | void;
    try {
      result = entry.run(handle);
    } catch (error) {
      // A synchronous throw is a failed run, handled as asynchronously as a rejection would be.
      queueMicrotask(() => this.#onExit(entry, handle, { kind: 'failed', error }));
      return;
    }
    Promise.resolve(result).then(
      () => this.#onExit(entry, handle, COMPLETED),
      (error: unknown) => this.#onExit(entry, handle, { kind: 'failed', error }),
    );
  }

  #onExit(entry: Entry, handle: ShutdownHandle, exit: RunExit): void {
    handle.ready();
    this.#metrics?.increment(exit.kind === 'failed' ? DAEMON_METRICS.subsystemFailures : DAEMON_METRICS.subsystemStops);
    // A run that was abandoned, or replaced by a newer run, no longer owns the entry.
    if (entry.handle !== handle) return;
    entry.handle = null;
    entry.stoppedAtMs = this.#timers.now();
    if (exit.kind === 'failed') entry.lastError = exit.error;
    const failedState: SubsystemState = exit.kind === 'failed' ? 'failed' : 'stopped';
    if (entry.stopRequested || this.#coordinator.isShutdown) {
      this.#setState(entry, failedState, exit);
      return;
    }
    if (exit.kind === 'completed' && entry.policy.kind !== 'always') entry.attempt = 0;
    const decision = decideRestart(entry.policy, exit, entry.attempt);
    if (!decision.restart) {
      this.#setState(entry, failedState, exit);
      if (decision.exhausted && this.events.hasSubscribers) {
        this.events.emit({ type: 'restart-exhausted', id: entry.id, name: entry.name, atMs: this.#timers.now() });
      }
      return;
    }
    const attempt = entry.attempt;
    entry.attempt += 1;
    this.#setState(entry, 'restarting', exit);
    if (this.events.hasSubscribers) {
      this.events.emit({
        type: 'restart-scheduled',
        id: entry.id,
        name: entry.name,
        attempt,
        delayMs: decision.delayMs,
        atMs: this.#timers.now(),
      });
    }
    entry.restartTimer = this.#timers.setTimeout(() => {
      entry.restartTimer = null;
      entry.restartCount += 1;
      this.#totalRestarts += 1;
      this.#metrics?.increment(DAEMON_METRICS.subsystemRestarts);
      this.#launch(entry);
    }, decision.delayMs);
  }

  #watchShutdown(): void {
    this.#watchingShutdown = true;
    this.#coordinator.onAbandoned((handle) => {
      for (const entry of this.#entries.values()) {
        if (entry.handle === handle) {
          this.#markAbandoned(entry, handle);
          return;
        }
      }
    });
    this.#coordinator.onInitiated(() => {
      for (const entry of this.#entries.values()) {
        if (entry.restartTimer !== null) {
          this.#timers.clearTimeout(entry.restartTimer);
          entry.restartTimer = null;
          this.#setState(entry, 'stopped');
        } else if (entry.handle !== null && entry.state === 'running') {
          this.#setState(entry, 'stopping');
        }
      }
    });
  }

  #markAbandoned(entry: Entry, handle: ShutdownHandle): void {
    if (entry.handle !== handle) return;
    entry.handle = null;
    entry.stoppedAtMs = this.#timers.now();
    this.#setState(entry, 'abandoned');
  }

  #setState(entry: Entry, state: SubsystemState, exit?: RunExit): void {
    entry.state = state;
    if (!this.events.hasSubscribers) return;
    const atMs = this.#timers.now();
    if (state === 'failed' && exit?.kind === 'failed') {
      this.events.emit({ type: 'state-changed', id: entry.id, name: entry.name, state, atMs, error: exit.error });
    } else {
      this.events.emit({ type: 'state-changed', id: entry.id, name: entry.name, state, atMs });
    }
  }

  #info(entry: Entry): SubsystemInfo {
    return {
      id: entry.id,
      name: entry.name,
      state: entry.state,
      restartPolicy: entry.policy,
      restartCount: entry.restartCount,
      startedAtMs: entry.startedAtMs,
      stoppedAtMs: entry.stoppedAtMs,
      lastError: entry.lastError,
      healthy: entry.healthy,
    };
  }
}
