/**
 * The daemon's configuration: a readonly, fully defaulted, validated object.
 * Build it with `configBuilder()` (fluent, validates each field as it is set)
 * or `createConfig(input)` (an options object resolved once).
 */
import { availableParallelism } from 'node:os';
import { DaemonError } from '../errors/daemon-error.js';
import { resolveLoggingConfig, type LoggingConfig, type LoggingConfigInput } from './logging-config.js';
import {
  check,
  checkName,
  checkPidFile,
  checkTimeoutOrder,
  MAX_TIMER_MS,
  MAX_WORKER_THREADS,
  MIN_HEALTH_CHECK_INTERVAL_MS,
} from './validate-config.js';

export interface DaemonConfig {
  readonly name: string;
  /** Graceful phase: subsystems are asked to stop and have this long, ms. */
  readonly shutdownTimeoutMs: number;
  /** End of the force phase: still-running subsystems are abandoned, ms after shutdown began. */
  readonly forceTimeoutMs: number;
  /** Kill deadline: the process must be gone this long after shutdown began, ms. */
  readonly killTimeoutMs: number;
  /** Where to write the process id while running; null for none. */
  readonly pidFile: string | null;
  /** Interval of the monitoring loop (health checks), ms. */
  readonly healthCheckIntervalMs: number;
  /**
   * Worker threads the application's runtime should use (the Rust original's Tokio
   * `worker_threads`); 0 = as many as the machine offers (`resolveWorkerThreads`).
   * The library itself starts no threads: it is the size an application gives its pools.
   */
  readonly workerThreads: number;
  /** The rotating log file behind `daemon.log()`; null for no log file (then `log()` does nothing). */
  readonly logging: LoggingConfig | null;
}

export type DaemonConfigInput = Partial<Omit<DaemonConfig, 'logging'>> & {
  readonly logging?: LoggingConfigInput | null;
};

export const CONFIG_DEFAULTS: DaemonConfig = Object.freeze({
  name: 'daemon',
  shutdownTimeoutMs: 5_000,
  forceTimeoutMs: 10_000,
  killTimeoutMs: 15_000,
  pidFile: null,
  healthCheckIntervalMs: 30_000,
  workerThreads: 0,
  logging: null,
});

export class ConfigBuilder {
  #name = CONFIG_DEFAULTS.name;
  #shutdownTimeoutMs = CONFIG_DEFAULTS.shutdownTimeoutMs;
  #forceTimeoutMs = CONFIG_DEFAULTS.forceTimeoutMs;
  #killTimeoutMs = CONFIG_DEFAULTS.killTimeoutMs;
  #pidFile: string | null = CONFIG_DEFAULTS.pidFile;
  #healthCheckIntervalMs = CONFIG_DEFAULTS.healthCheckIntervalMs;
  #workerThreads = CONFIG_DEFAULTS.workerThreads;
  #logging: LoggingConfig | null = CONFIG_DEFAULTS.logging;

  name(value: string): this {
    this.#name = checkName('name', value);
    return this;
  }

  shutdownTimeoutMs(value: number): this {
    this.#shutdownTimeoutMs = check.integerInRange('shutdownTimeoutMs', value, 1, MAX_TIMER_MS, 'milliseconds');
    return this;
  }

  forceTimeoutMs(value: number): this {
    this.#forceTimeoutMs = check.integerInRange('forceTimeoutMs', value, 1, MAX_TIMER_MS, 'milliseconds');
    return this;
  }

  killTimeoutMs(value: number): this {
    this.#killTimeoutMs = check.integerInRange('killTimeoutMs', value, 1, MAX_TIMER_MS, 'milliseconds');
    return this;
  }

  pidFile(value: string | null): this {
    this.#pidFile = checkPidFile('pidFile', value);
    return this;
  }

  healthCheckIntervalMs(value: number): this {
    this.#healthCheckIntervalMs = check.integerInRange(
      'healthCheckIntervalMs',
      value,
      MIN_HEALTH_CHECK_INTERVAL_MS,
      MAX_TIMER_MS,
      'milliseconds',
    );
    return this;
  }

  /** Worker threads for the application's runtime; 0 = one per available CPU. */
  workerThreads(value: number): this {
    this.#workerThreads = check.integerInRange(
      'workerThreads',
      value,
      0,
      MAX_WORKER_THREADS,
      'threads',
      'one per available CPU',
    );
    return this;
  }

  /** The rotating log file: `{ file, maxBytes?, maxFiles? }` (defaults in LOGGING_DEFAULTS), or null for none. */
  logging(value: LoggingConfigInput | null): this {
    this.#logging = value === null ? null : resolveLoggingConfig(value, 'logging');
    return this;
  }

  /** Checks the rules between fields (graceful ≤ force ≤ kill) and returns the frozen config. */
  build(): DaemonConfig {
    checkTimeoutOrder(this.#shutdownTimeoutMs, this.#forceTimeoutMs, this.#killTimeoutMs);
    return Object.freeze({
      name: this.#name,
      shutdownTimeoutMs: this.#shutdownTimeoutMs,
      forceTimeoutMs: this.#forceTimeoutMs,
      killTimeoutMs: this.#killTimeoutMs,
      pidFile: this.#pidFile,
      healthCheckIntervalMs: this.#healthCheckIntervalMs,
      workerThreads: this.#workerThreads,
      logging: this.#logging,
    });
  }
}

export function configBuilder(): ConfigBuilder {
  return new ConfigBuilder();
}

/** Resolves an options object once: unknown keys are rejected, missing ones defaulted. */
export function createConfig(input: DaemonConfigInput = {}): DaemonConfig {
  if (typeof input !== 'object' || input === null) throw DaemonError.config('config', 'an object', input);
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(CONFIG_DEFAULTS, key)) {
      const known = Object.keys(CONFIG_DEFAULTS).join(', ');
      throw new DaemonError('config-invalid', `Unknown config field \`${key}\`; the fields are ${known}`, {
        field: key,
      });
    }
  }
  const builder = new ConfigBuilder();
  if (input.name !== undefined) builder.name(input.name);
  if (input.shutdownTimeoutMs !== undefined) builder.shutdownTimeoutMs(input.shutdownTimeoutMs);
  if (input.forceTimeoutMs !== undefined) builder.forceTimeoutMs(input.forceTimeoutMs);
  if (input.killTimeoutMs !== undefined) builder.killTimeoutMs(input.killTimeoutMs);
  if (input.pidFile !== undefined) builder.pidFile(input.pidFile);
  if (input.healthCheckIntervalMs !== undefined) builder.healthCheckIntervalMs(input.healthCheckIntervalMs);
  if (input.workerThreads !== undefined) builder.workerThreads(input.workerThreads);
  if (input.logging !== undefined) builder.logging(input.logging);
  return builder.build();
}

/** The defaults, validated (they always are): the analogue of `Config::new()`. */
export function defaultConfig(): DaemonConfig {
  return CONFIG_DEFAULTS;
}

/** The worker thread count a config asks for: its `workerThreads`, or the machine's available parallelism when 0. */
export function resolveWorkerThreads(config: DaemonConfig, available: () => number = availableParallelism): number {
  return config.workerThreads === 0 ? available() : config.workerThreads;
}
