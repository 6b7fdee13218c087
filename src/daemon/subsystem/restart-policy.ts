/**
 * When a subsystem's run ends on its own (not because it was asked to stop),
 * its restart policy decides whether and after how long it runs again.
 */
import { DaemonError } from '../errors/daemon-error.js';
import { check, MAX_TIMER_MS } from '../config/validate-config.js';

export type RestartPolicy =
  | { readonly kind: 'never' }
  /** Restart after every exit, clean or failed. */
  | { readonly kind: 'always'; readonly delayMs?: number; readonly maxRestarts?: number }
  /** Restart only after a failure (a rejected or thrown run). */
  | { readonly kind: 'on-failure'; readonly delayMs?: number; readonly maxRestarts?: number }
  /** Restart after a failure with delays initialDelayMs · factor^n, capped at maxDelayMs, at most maxAttempts times in a row. */
  | {
      readonly kind: 'exponential-backoff';
      readonly initialDelayMs: number;
      readonly maxDelayMs: number;
      readonly maxAttempts: number;
      readonly factor?: number;
    };

export const NEVER: RestartPolicy = Object.freeze({ kind: 'never' });

export type RunExit = { readonly kind: 'completed' } | { readonly kind: 'failed'; readonly error: unknown };

export type RestartDecision =
  { readonly restart: true; readonly delayMs: number } | { readonly restart: false; readonly exhausted: boolean };

const NO_RESTART: RestartDecision = Object.freeze({ restart: false, exhausted: false });
const EXHAUSTED: RestartDecision = Object.freeze({ restart: false, exhausted: true });

/**
 * @param attempt restarts made since the subsystem last ran to a clean exit
 *   (for `always`: since it was started), 0 for the first restart.
 */
export function decideRestart(policy: RestartPolicy, exit: RunExit, attempt: number): RestartDecision {
  switch (policy.kind) {
    case 'never':
      return NO_RESTART;
    case 'always':
      if (attempt >= (policy.maxRestarts ?? Infinity)) return EXHAUSTED;
      return { restart: true, delayMs: policy.delayMs ?? 0 };
    case 'on-failure':
      if (exit.kind === 'completed') return NO_RESTART;
      if (attempt >= (policy.maxRestarts ?? Infinity)) return EXHAUSTED;
      return { restart: true, delayMs: policy.delayMs ?? 0 };
    case 'exponential-backoff': {
      if (exit.kind === 'completed') return NO_RESTART;
      if (attempt >= policy.maxAttempts) return EXHAUSTED;
      const delay = policy.initialDelayMs * (policy.factor ?? 2) ** attempt;
      return { restart: true, delayMs: Math.min(Math.round(delay), policy.maxDelayMs) };
    }
  }
}

/** Validates a policy at registration; errors name the field path (`restartPolicy.maxDelayMs`). */
export function checkRestartPolicy(field: string, policy: unknown): RestartPolicy {
  if (typeof policy !== 'object' || policy === null) {
    throw DaemonError.config(field, 'a restart policy object', policy);
  }
  const p = policy as Record<string, unknown>;
  switch (p['kind']) {
    case 'never':
      return policy as RestartPolicy;
    case 'always':
    case 'on-failure':
      if (p['delayMs'] !== undefined)
        check.integerInRange(`${field}.delayMs`, p['delayMs'], 0, MAX_TIMER_MS, 'milliseconds');
      if (p['maxRestarts'] !== undefined)
        check.integerInRange(`${field}.maxRestarts`, p['maxRestarts'], 0, Number.MAX_SAFE_INTEGER);
      return policy as RestartPolicy;
    case 'exponential-backoff': {
      const initial = check.integerInRange(
        `${field}.initialDelayMs`,
        p['initialDelayMs'],
        0,
        MAX_TIMER_MS,
        'milliseconds',
      );
      const max = check.integerInRange(`${field}.maxDelayMs`, p['maxDelayMs'], 0, MAX_TIMER_MS, 'milliseconds');
      if (max < initial)
        throw DaemonError.config(`${field}.maxDelayMs`, `at least \`initialDelayMs\` (${initial})`, max);
      check.integerInRange(`${field}.maxAttempts`, p['maxAttempts'], 0, Number.MAX_SAFE_INTEGER);
      const factor = p['factor'];
      if (factor !== undefined && (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 1)) {
        throw DaemonError.config(`${field}.factor`, 'a finite number of at least 1', factor);
      }
      return policy as RestartPolicy;
    }
    default:
      throw DaemonError.config(`${field}.kind`, 'one of never, always, on-failure, exponential-backoff', p['kind']);
  }
}
