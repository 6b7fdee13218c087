/**
 * A daemon: its subsystems, its shutdown coordinator, its monitoring loop and,
 * when the config has a `logging` section, its rotating log file.
 * `run()` opens the log, starts every subsystem, runs the monitoring loop until
 * shutdown is requested (a signal or `shutdown()`), drains the subsystems
 * through the graceful → force phases, then flushes and closes the log (within
 * the kill deadline: the lines the subsystems logged while stopping are kept)
 * and resolves with the report. Build one with `Daemon.builder(config)`.
 */
import type { DaemonConfig } from '../config/daemon-config.js';
import { DaemonError } from '../errors/daemon-error.js';
import { RotatingLogWriter } from '../logging/rotating-log-writer.js';
import { DAEMON_METRICS, type MetricsCollector } from '../metrics/metrics-collector.js';
import { ShutdownCoordinator } from '../shutdown/shutdown-coordinator.js';
import type { ShutdownReason, ShutdownReport } from '../shutdown/shutdown-types.js';
import type { EventStream } from '../subsystem/event-stream.js';
import { SubsystemManager } from '../subsystem/subsystem-manager.js';
import type { SubsystemEvent, SubsystemSpec } from '../subsystem/subsystem-types.js';
import type { Timers } from '../time/timers.js';
import { DaemonBuilder } from './daemon-builder.js';
import { runMonitorLoop } from './monitor-loop.js';
import { removePidFile, writePidFile } from './pid-file.js';
import { installSignalHandlers } from './signal-handling.js';

export type DaemonState = 'built' | 'running' | 'stopping' | 'stopped';

export interface ResolvedDaemonOptions {
  readonly config: DaemonConfig;
  readonly subsystems: readonly SubsystemSpec[];
  /** Signals that request shutdown while running; empty for none. */
  readonly signals: readonly NodeJS.Signals[];
  readonly timers: Timers;
  /** Called at the kill deadline if `run()` has not finished or left work abandoned; null for none. */
  readonly onKill: ((reason: ShutdownReason | undefined) => void) | null;
  /** Errors the daemon survives (a failing health-check tick). */
  readonly onError: (error: unknown) => void;
  /** Where the daemon counts starts, stops, failures, restarts, health checks and shutdown time; null for nowhere. */
  readonly metrics: MetricsCollector | null;
}

export class Daemon {
  readonly config: DaemonConfig;
  readonly coordinator: ShutdownCoordinator;
  readonly subsystems: SubsystemManager;
  readonly #options: ResolvedDaemonOptions;
  readonly #log: RotatingLogWriter | null;
  #logClosed: Promise<void> | null = null;
  /** The log's open failure, which `run()` rejects with: not reported again at close. */
  #logOpenFailure: unknown = undefined;
  #state: DaemonState = 'built';
  #run: Promise<ShutdownReport> | null = null;

  constructor(options: ResolvedDaemonOptions) {
    this.#options = options;
    this.config = options.config;
    this.coordinator = new ShutdownCoordinator(options.config, options.timers);
    this.subsystems = new SubsystemManager(this.coordinator, options.timers, options.metrics);
    for (const spec of options.subsystems) this.subsystems.register(spec);
    this.#log = options.config.logging === null ? null : new RotatingLogWriter(options.config.logging);
  }

  get state(): DaemonState {
    return this.#state;
  }

  /** The collector given to `withMetrics()`; null when built without. */
  get metrics(): MetricsCollector | null {
    return this.#options.metrics;
  }

  get events(): EventStream<SubsystemEvent> {
    return this.subsystems.events;
  }

  /**
   * Appends a line to the log file of the config's `logging` section; does nothing
   * without one. Returns at once (the line is written with the next batch). After the
   * daemon has stopped it is `invalid-state`.
   */
  log(line: string): void {
    this.#log?.write(line);
  }

  /** The writer behind `log()` (its `flush()` and `stats()`); null without a `logging` section. */
  get logWriter(): RotatingLogWriter | null {
    return this.#log;
  }

  /** Runs until shutdown and resolves with the shutdown report. Only once per daemon. */
  run(): Promise<ShutdownReport> {
    if (this.#run !== null) return Promise.reject(DaemonError.invalidState('The daemon was already run'));
    this.#run = this.#runOnce();
    return this.#run;
  }

  /** Requests shutdown; true if this call started it. Works before, during and after `run()`. */
  shutdown(reason?: ShutdownReason): boolean {
    return this.coordinator.initiate(reason);
  }

  async #runOnce(): Promise<ShutdownReport> {
    const { config, signals, timers, onKill, onError } = this.#options;
    const removeSignalHandlers = signals.length > 0 ? installSignalHandlers(signals, this.coordinator) : null;
    let wrotePidFile = false;
    try {
      if (config.pidFile !== null) {
        await writePidFile(config.pidFile);
        wrotePidFile = true;
      }
      if (this.#log !== null) {
        await this.#log.open().catch((error: unknown) => {
          this.#logOpenFailure = error;
          throw error;
        });
      }
      this.#state = 'running';
      if (!this.coordinator.isShutdown) {
        this.subsystems.startAll();
        await runMonitorLoop({
          coordinator: this.coordinator,
          timers,
          intervalMs: config.healthCheckIntervalMs,
          onTick: () => this.subsystems.checkHealth(),
          onError,
        });
      }
      this.#state = 'stopping';
      const disarmKill =
        onKill === null ? null : this.coordinator.armKillDeadline(() => onKill(this.coordinator.reason));
      const report = await this.subsystems.stopAll();
      this.#options.metrics?.recordTiming(DAEMON_METRICS.shutdownMs, report.durationMs);
      // Before the kill deadline is disarmed: a log that cannot be written does not hang the process.
      if (this.#log !== null) await this.#closeLog(this.#log);
      // Abandoned work may keep the process alive: then the kill deadline stays armed.
      if (report.outcome !== 'abandoned') disarmKill?.();
      return report;
    } finally {
      removeSignalHandlers?.();
      if (this.#log !== null) await this.#closeLog(this.#log);
      if (wrotePidFile && config.pidFile !== null) await removePidFile(config.pidFile);
      this.#state = 'stopped';
    }
  }

  /**
   * Flushes and closes the log once; a failure goes to `onError` (the report still stands),
   * unless it is the open failure `run()` already rejects with.
   */
  #closeLog(log: RotatingLogWriter): Promise<void> {
    this.#logClosed ??= log.close().catch((error: unknown) => {
      if (error !== this.#logOpenFailure) this.#options.onError(error);
    });
    return this.#logClosed;
  }

  static builder(config: DaemonConfig): DaemonBuilder {
    return new DaemonBuilder(config, (options) => new Daemon(options));
  }
}

/** 0 when every subsystem stopped (gracefully or forced), 1 when some were abandoned. */
export function exitCodeFor(report: ShutdownReport): number {
  return report.outcome === 'abandoned' ? 1 : 0;
}
