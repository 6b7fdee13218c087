/**
 * Restart policies: never, always (after a fixed delay) or exponential backoff,
 * each with a restart intensity limit (at most `maxRestarts` within `withinMs`;
 * beyond it the supervisor gives up and the agent is failed).
 */
import type { CrashKind } from '../agent/agent-instance.js';
import { option, invalidOption } from '../options/validate.js';

const CRASH_KINDS: readonly CrashKind[] = ['error', 'trap', 'memory-limit'];

interface LimitInput {
  readonly maxRestarts?: number;
  readonly withinMs?: number;
  /** Crash kinds that are restarted; others fail the agent. Default: all. */
  readonly restartOn?: readonly CrashKind[];
}

export type RestartPolicyInput =
  | { readonly kind: 'never' }
  | ({ readonly kind: 'always'; readonly delayMs?: number } & LimitInput)
  | ({
      readonly kind: 'backoff';
      readonly initialDelayMs?: number;
      readonly maxDelayMs?: number;
      readonly factor?: number;
    } & LimitInput);

export interface RestartPolicy {
  readonly kind: 'never' | 'always' | 'backoff';
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  readonly maxRestarts: number;
  readonly withinMs: number;
  readonly restartOn: readonly CrashKind[];
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = Object.freeze({
  kind: 'always',
  initialDelayMs: 0,
  maxDelayMs: 0,
  factor: 1,
  maxRestarts: 10,
  withinMs: 60_000,
  restartOn: CRASH_KINDS,
});

export function resolveRestartPolicy(input: RestartPolicyInput | undefined, name = 'restartPolicy'): RestartPolicy {
  if (input === undefined) return DEFAULT_RESTART_POLICY;
  const kind = option.oneOf(`${name}.kind`, input.kind, ['never', 'always', 'backoff'] as const);
  if (input.kind === 'never') return Object.freeze({ ...DEFAULT_RESTART_POLICY, kind, maxRestarts: 0 });
  const maxRestarts = option.nonNegativeInteger(
    `${name}.maxRestarts`,
    input.maxRestarts ?? DEFAULT_RESTART_POLICY.maxRestarts,
  );
  const withinMs = option.nonNegativeNumber(`${name}.withinMs`, input.withinMs ?? DEFAULT_RESTART_POLICY.withinMs);
  const restartOn = input.restartOn ?? CRASH_KINDS;
  for (const [index, crashKind] of restartOn.entries())
    option.oneOf(`${name}.restartOn[${index}]`, crashKind, CRASH_KINDS);
  if (input.kind === 'always') {
    const delayMs = option.nonNegativeNumber(`${name}.delayMs`, input.delayMs ?? 0);
    return Object.freeze({
      kind,
      initialDelayMs: delayMs,
      maxDelayMs: delayMs,
      factor: 1,
      maxRestarts,
      withinMs,
      restartOn,
    });
  }
  const initialDelayMs = option.nonNegativeNumber(`${name}.initialDelayMs`, input.initialDelayMs ?? 10);
  const maxDelayMs = option.nonNegativeNumber(`${name}.maxDelayMs`, input.maxDelayMs ?? 5_000);
  const factor = option.nonNegativeNumber(`${name}.factor`, input.factor ?? 2);
  if (factor < 1) throw invalidOption(`${name}.factor`, 'a number of at least 1', factor);
  if (maxDelayMs < initialDelayMs)
    throw invalidOption(`${name}.maxDelayMs`, `at least \`initialDelayMs\` (${initialDelayMs})`, maxDelayMs);
  return Object.freeze({ kind, initialDelayMs, maxDelayMs, factor, maxRestarts, withinMs, restartOn });
}

export type RestartDecision =
  | { readonly action: 'restart'; readonly delayMs: number; readonly attempt: number }
  | { readonly action: 'give-up'; readonly reason: string };

/**
 * Decides what follows a crash. `recentCrashesMs` are the times of earlier
 * crashes of this agent (any order); only those within the window count.
 */
export function decideRestart(
  policy: RestartPolicy,
  crashKind: CrashKind,
  recentCrashesMs: readonly number[],
  nowMs: number,
): RestartDecision {
  if (policy.kind === 'never') return { action: 'give-up', reason: 'restart policy is `never`' };
  if (!policy.restartOn.includes(crashKind)) {
    return { action: 'give-up', reason: `restart policy does not restart a \`${crashKind}\` crash` };
  }
  const inWindow = recentCrashesMs.filter((atMs) => nowMs - atMs <= policy.withinMs).length;
  if (inWindow >= policy.maxRestarts) {
    return {
      action: 'give-up',
      reason: `${inWindow + 1} crashes within ${policy.withinMs} ms exceed \`maxRestarts\` (${policy.maxRestarts})`,
    };
  }
  const attempt = inWindow + 1;
  const delayMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** inWindow);
  return { action: 'restart', delayMs, attempt };
}
