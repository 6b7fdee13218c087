import type { CrashKind } from '../agent/agent-instance.js';
import type { AgentMessage } from '../messages/message.js';
import type { DeadLetterReason } from '../router/router.js';

/** Events of an AgentRuntime, by name. */
export interface RuntimeEventMap {
  crash: { readonly agentId: string; readonly kind: CrashKind; readonly error: Error; readonly atMs: number };
  restart: {
    readonly agentId: string;
    readonly kind: CrashKind;
    readonly attempt: number;
    readonly recoveryMs: number;
  };
  'gave-up': { readonly agentId: string; readonly kind: CrashKind; readonly reason: string };
  'dead-letter': { readonly message: AgentMessage; readonly reason: DeadLetterReason };
}

export type RuntimeEventName = keyof RuntimeEventMap;
