/**
 * Manager options, resolved once into a readonly, fully defaulted object.
 * Defaults follow the original (hsu-procman-rust).
 */
import { expectedMessage, validators } from '../lib/validate.js';
import { ProcmanError } from './errors.js';

export interface ManagerOptions {
  /** Default time between SIGTERM and SIGKILL in a stop. */
  readonly gracePeriodMs?: number;
  /** How long to wait for an exit after SIGKILL before the stop fails. */
  readonly killTimeoutMs?: number;
  /** Heartbeat period; 0 turns the heartbeat off. */
  readonly heartbeatIntervalMs?: number;
}

export interface ActorQueueOptions {
  /** Commands waiting for the actor; a sender waits while it is full. */
  readonly commandCapacity?: number;
  /** Jobs handed to the operation runner and not yet finished. */
  readonly jobCapacity?: number;
  /** Operations queued behind the running one, per process (beyond: `queue-full`). */
  readonly perProcessPendingCapacity?: number;
  /** Operations queued in the whole manager (beyond: `queue-full`). */
  readonly globalPendingCapacity?: number;
  /** Completions the runner may post before it waits for the actor. */
  readonly completionCapacity?: number;
  /** Jobs the runner runs at the same time. */
  readonly runnerConcurrency?: number;
}

export type ActorManagerOptions = ManagerOptions & ActorQueueOptions;

export interface ResolvedManagerOptions {
  readonly gracePeriodMs: number;
  readonly killTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
}

export interface ResolvedActorOptions extends ResolvedManagerOptions {
  readonly commandCapacity: number;
  readonly jobCapacity: number;
  readonly perProcessPendingCapacity: number;
  readonly globalPendingCapacity: number;
  readonly completionCapacity: number;
  readonly runnerConcurrency: number;
}

export const MANAGER_DEFAULTS: ResolvedManagerOptions = Object.freeze({
  gracePeriodMs: 10_000,
  killTimeoutMs: 5_000,
  heartbeatIntervalMs: 2_000,
});

export const ACTOR_DEFAULTS: ResolvedActorOptions = Object.freeze({
  ...MANAGER_DEFAULTS,
  commandCapacity: 32,
  jobCapacity: 64,
  perProcessPendingCapacity: 32,
  globalPendingCapacity: 1024,
  completionCapacity: 256,
  runnerConcurrency: 8,
});

/** The src/lib validator family, failing with a ProcmanError (`invalid-argument`). */
export const argument = validators((name, rule, value) => {
  throw new ProcmanError('invalid-argument', expectedMessage(name, rule, value));
});

function pick<K extends string>(
  input: Partial<Record<K, number>>,
  defaults: Record<K, number>,
  key: K,
  check: (name: string, value: unknown) => number,
): number {
  const value = input[key];
  return value === undefined ? defaults[key] : check(key, value);
}

export function resolveManagerOptions(input: ManagerOptions = {}): ResolvedManagerOptions {
  return Object.freeze({
    gracePeriodMs: pick(input, MANAGER_DEFAULTS, 'gracePeriodMs', argument.nonNegativeInteger),
    killTimeoutMs: pick(input, MANAGER_DEFAULTS, 'killTimeoutMs', argument.positiveInteger),
    heartbeatIntervalMs: pick(input, MANAGER_DEFAULTS, 'heartbeatIntervalMs', argument.nonNegativeInteger),
  });
}

export function resolveActorOptions(input: ActorManagerOptions = {}): ResolvedActorOptions {
  const positive = (key: keyof ActorQueueOptions): number => pick(input, ACTOR_DEFAULTS, key, argument.positiveInteger);
  return Object.freeze({
    ...resolveManagerOptions(input),
    commandCapacity: positive('commandCapacity'),
    jobCapacity: positive('jobCapacity'),
    perProcessPendingCapacity: positive('perProcessPendingCapacity'),
    globalPendingCapacity: positive('globalPendingCapacity'),
    completionCapacity: positive('completionCapacity'),
    runnerConcurrency: positive('runnerConcurrency'),
  });
}

export function validateSpec(spec: { id?: unknown; command?: unknown }): void {
  argument.nonEmptyString('spec.id', spec.id);
  argument.nonEmptyString('spec.command', spec.command);
}
