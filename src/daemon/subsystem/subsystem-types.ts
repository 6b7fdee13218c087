/** The shapes a subsystem is described by and reported in. */
import type { ShutdownHandle } from '../shutdown/shutdown-handle.js';
import type { RestartPolicy } from './restart-policy.js';

export type SubsystemId = number;

/** A subsystem's work: runs until `shutdown.signal` aborts (or finishes on its own). */
export type SubsystemFn = (shutdown: ShutdownHandle) => Promise<void> | void;

export interface SubsystemSpec {
  readonly name: string;
  readonly run: SubsystemFn;
  /** Default: never restart. */
  readonly restartPolicy?: RestartPolicy;
  /** Called by the monitoring loop while the subsystem runs; false or a throw means unhealthy. */
  readonly healthCheck?: () => boolean | Promise<boolean>;
}

export type SubsystemState = 'registered' | 'running' | 'stopping' | 'stopped' | 'failed' | 'restarting' | 'abandoned';

export interface SubsystemInfo {
  readonly id: SubsystemId;
  readonly name: string;
  readonly state: SubsystemState;
  readonly restartPolicy: RestartPolicy;
  readonly restartCount: number;
  /** Monotonic ms of the last start / stop, undefined before the first. */
  readonly startedAtMs: number | undefined;
  readonly stoppedAtMs: number | undefined;
  readonly lastError: unknown;
  /** Result of the last health check; undefined before the first. */
  readonly healthy: boolean | undefined;
}

export interface SubsystemStats {
  readonly total: number;
  readonly running: number;
  readonly stopping: number;
  readonly stopped: number;
  readonly failed: number;
  readonly restarting: number;
  readonly abandoned: number;
  readonly totalRestarts: number;
  readonly subsystems: readonly SubsystemInfo[];
}

export type SubsystemEvent =
  | {
      readonly type: 'state-changed';
      readonly id: SubsystemId;
      readonly name: string;
      readonly state: SubsystemState;
      readonly atMs: number;
      /** Set when the state is `failed`. */
      readonly error?: unknown;
    }
  | {
      readonly type: 'restart-scheduled';
      readonly id: SubsystemId;
      readonly name: string;
      /** 0 for the first restart since the last clean run. */
      readonly attempt: number;
      readonly delayMs: number;
      readonly atMs: number;
    }
  | { readonly type: 'restart-exhausted'; readonly id: SubsystemId; readonly name: string; readonly atMs: number }
  | {
      readonly type: 'health-checked';
      readonly id: SubsystemId;
      readonly name: string;
      readonly healthy: boolean;
      readonly atMs: number;
    };
