/**
 * Fluent construction of a Daemon: its config, subsystems and tasks, signal
 * handling, and (for tests) its timers. `build()` resolves the options once.
 */
import { constants as osConstants } from 'node:os';
import type { DaemonConfig } from '../config/daemon-config.js';
import { DaemonError } from '../errors/daemon-error.js';
import { MetricsCollector } from '../metrics/metrics-collector.js';
import type { ShutdownReason } from '../shutdown/shutdown-types.js';
import type { RestartPolicy } from '../subsystem/restart-policy.js';
import type { SubsystemFn, SubsystemSpec } from '../subsystem/subsystem-types.js';
import { realTimers, type Timers } from '../time/timers.js';
import type { Daemon, ResolvedDaemonOptions } from './daemon.js';
import { DEFAULT_SIGNALS, KILL_EXIT_CODE } from './signal-handling.js';

export interface TaskOptions {
  readonly restartPolicy?: RestartPolicy;
  readonly healthCheck?: () => boolean | Promise<boolean>;
}

type KillHandler = (reason: ShutdownReason | undefined) => void;

/** The default kill: the daemon owns the process (it handles its signals), so it exits it. */
const exitProcess: KillHandler = () => {
  process.exit(KILL_EXIT_CODE);
};

const ignoreError = (): void => {};

export class DaemonBuilder {
  readonly #config: DaemonConfig;
  readonly #create: (options: ResolvedDaemonOptions) => Daemon;
  readonly #subsystems: SubsystemSpec[] = [];
  #signals: readonly NodeJS.Signals[] = DEFAULT_SIGNALS;
  #timers: Timers = realTimers;
  #onKill: KillHandler | null | undefined = undefined;
  #onError: (error: unknown) => void = ignoreError;
  #metrics: MetricsCollector | null = null;

  constructor(config: DaemonConfig, create: (options: ResolvedDaemonOptions) => Daemon) {
    if (typeof config !== 'object' || config === null) throw DaemonError.config('config', 'a DaemonConfig', config);
    this.#config = config;
    this.#create = create;
  }

  /** A subsystem given as a name and an async function. */
  withTask(name: string, run: SubsystemFn, options?: TaskOptions): this {
    this.#subsystems.push(
      options === undefined
        ? { name, run }
        : { name, run, restartPolicy: options.restartPolicy, healthCheck: options.healthCheck },
    );
    return this;
  }

  withSubsystem(spec: SubsystemSpec): this {
    this.#subsystems.push(spec);
    return this;
  }

  /** Shutdown on these signals while running (default SIGTERM and SIGINT). */
  withSignals(signals: readonly NodeJS.Signals[] = DEFAULT_SIGNALS): this {
    if (!Array.isArray(signals) || signals.length === 0) {
      throw DaemonError.config('signals', 'a non-empty array of signal names (use withoutSignals() for none)', signals);
    }
    for (const [i, signal] of signals.entries()) {
      if (
        typeof signal !== 'string' ||
        !Object.hasOwn(osConstants.signals, signal) ||
        signal === 'SIGKILL' ||
        signal === 'SIGSTOP'
      ) {
        throw DaemonError.config(`signals[${i}]`, 'a signal name a process can handle, such as SIGTERM', signal);
      }
    }
    this.#signals = signals;
    return this;
  }

  /** No signal handling: shutdown only through `daemon.shutdown()`. */
  withoutSignals(): this {
    this.#signals = [];
    return this;
  }

  withTimers(timers: Timers): this {
    this.#timers = timers;
    return this;
  }

  /**
   * What to do at the kill deadline. Default: exit the process with KILL_EXIT_CODE (137)
   * when the daemon handles signals, nothing otherwise. null for nothing.
   */
  onKillTimeout(handler: KillHandler | null): this {
    this.#onKill = handler;
    return this;
  }

  /** Errors the daemon survives (a failing monitoring tick). Default: ignored. */
  onError(handler: (error: unknown) => void): this {
    this.#onError = handler;
    return this;
  }

  /** Count what the daemon does (the Rust original's `metrics` feature); read it from `daemon.metrics`. */
  withMetrics(collector: MetricsCollector = new MetricsCollector()): this {
    if (!(collector instanceof MetricsCollector)) {
      throw DaemonError.config('metrics', 'a MetricsCollector', collector);
    }
    this.#metrics = collector;
    return this;
  }

  build(): Daemon {
    const signals = this.#signals;
    return this.#create({
      config: this.#config,
      subsystems: this.#subsystems,
      signals,
      timers: this.#timers,
      onKill: this.#onKill !== undefined ? this.#onKill : signals.length > 0 ? exitProcess : null,
      onError: this.#onError,
      metrics: this.#metrics,
    });
  }
}
