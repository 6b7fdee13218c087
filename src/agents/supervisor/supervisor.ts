/**
 * Restarts crashed agents by their policy and measures recovery time (crash to
 * the new incarnation being ready). When the policy gives up, the agent is
 * failed and its queued messages are failed with it.
 */
import type { CrashKind } from '../agent/agent-instance.js';
import { coerceError } from '../../lib/coerce-error.js';
import { decideRestart, type RestartPolicy } from './restart-policy.js';

export interface CrashReport {
  readonly agentId: string;
  readonly kind: CrashKind;
  readonly error: Error;
  readonly atMs: number;
}

export type SupervisorEvent =
  | {
      readonly type: 'restarted';
      readonly agentId: string;
      readonly kind: CrashKind;
      readonly attempt: number;
      readonly recoveryMs: number;
    }
  | { readonly type: 'gave-up'; readonly agentId: string; readonly kind: CrashKind; readonly reason: string };

/** Runs `callback` after `delayMs`; returns a function that cancels it. */
export type ScheduleFn = (callback: () => void, delayMs: number) => () => void;

export const realSchedule: ScheduleFn = (callback, delayMs) => {
  if (delayMs <= 0) {
    const immediate = setImmediate(callback);
    return () => clearImmediate(immediate);
  }
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
};

export interface SupervisedAgent {
  readonly id: string;
  readonly policy: RestartPolicy;
  /** Makes a new incarnation; throwing means the restart itself failed. */
  restart(): void;
  fail(reason: string): void;
}

export interface SupervisorOptions {
  readonly now: () => number;
  readonly schedule: ScheduleFn;
  readonly onEvent: (event: SupervisorEvent) => void;
}

export class Supervisor {
  private readonly crashTimes = new Map<string, number[]>();
  private readonly restarts = new Map<string, () => void>();

  constructor(private readonly options: SupervisorOptions) {}

  /** Restarts scheduled and not yet done. */
  get pendingRestarts(): number {
    return this.restarts.size;
  }

  handleCrash(agent: SupervisedAgent, crash: CrashReport): void {
    const history = this.crashTimes.get(agent.id) ?? [];
    const decision = decideRestart(agent.policy, crash.kind, history, crash.atMs);
    history.push(crash.atMs);
    const windowStart = crash.atMs - agent.policy.withinMs;
    this.crashTimes.set(
      agent.id,
      history.filter((atMs) => atMs >= windowStart),
    );
    if (decision.action === 'give-up') {
      this.giveUp(agent, crash.kind, decision.reason);
      return;
    }
    const cancel = this.options.schedule(() => {
      this.restarts.delete(agent.id);
      try {
        agent.restart();
      } catch (error: unknown) {
        this.giveUp(agent, crash.kind, `restart failed: ${coerceError(error, { show: 'json' }).message}`);
        return;
      }
      this.options.onEvent({
        type: 'restarted',
        agentId: agent.id,
        kind: crash.kind,
        attempt: decision.attempt,
        recoveryMs: this.options.now() - crash.atMs,
      });
    }, decision.delayMs);
    this.restarts.set(agent.id, cancel);
  }

  /** Cancels a scheduled restart and forgets the agent's history (it was stopped). */
  forget(agentId: string): void {
    this.restarts.get(agentId)?.();
    this.restarts.delete(agentId);
    this.crashTimes.delete(agentId);
  }

  private giveUp(agent: SupervisedAgent, kind: CrashKind, reason: string): void {
    this.crashTimes.delete(agent.id);
    agent.fail(reason);
    this.options.onEvent({ type: 'gave-up', agentId: agent.id, kind, reason });
  }
}
