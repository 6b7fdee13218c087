import { option } from '../options/validate.js';
import { realTimers, type Timers } from '../router/pending-requests.js';
import { realSchedule, type ScheduleFn } from '../supervisor/supervisor.js';
import type { CapabilityRouting } from './agent-directory.js';

export interface AgentRuntimeOptions {
  /** Monotonic milliseconds; default performance.now. */
  readonly now?: () => number;
  /** Default mailbox capacity of an agent; default 1024. */
  readonly mailboxCapacity?: number;
  /** Messages handled per dispatcher turn before yielding to the event loop; default 4096. */
  readonly turnBudget?: number;
  /** Messages one agent handles before the next queued agent gets a turn; default 256. */
  readonly perAgentBatch?: number;
  /** Default round-robin. */
  readonly capabilityRouting?: CapabilityRouting;
  /** Schedules restarts (injectable for tests). */
  readonly scheduleRestart?: ScheduleFn;
  /** Request timeouts (injectable for tests). */
  readonly timers?: Timers;
}

export interface ResolvedAgentRuntimeOptions {
  readonly now: () => number;
  readonly mailboxCapacity: number;
  readonly turnBudget: number;
  readonly perAgentBatch: number;
  readonly capabilityRouting: CapabilityRouting;
  readonly scheduleRestart: ScheduleFn;
  readonly timers: Timers;
}

export function resolveRuntimeOptions(options: AgentRuntimeOptions = {}): ResolvedAgentRuntimeOptions {
  return Object.freeze({
    now: options.now ?? (() => performance.now()),
    mailboxCapacity: option.positiveInteger('mailboxCapacity', options.mailboxCapacity ?? 1024),
    turnBudget: option.positiveInteger('turnBudget', options.turnBudget ?? 4096),
    perAgentBatch: option.positiveInteger('perAgentBatch', options.perAgentBatch ?? 256),
    capabilityRouting: option.oneOf('capabilityRouting', options.capabilityRouting ?? 'round-robin', [
      'round-robin',
      'least-loaded',
    ] as const),
    scheduleRestart: options.scheduleRestart ?? realSchedule,
    timers: options.timers ?? realTimers,
  });
}
