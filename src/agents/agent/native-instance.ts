import type { AgentMessage } from '../messages/message.js';
import type { AgentContext } from './agent-context.js';
import type { AgentInstance } from './agent-instance.js';

export type NativeHandler = (message: AgentMessage, context: AgentContext) => unknown;

/** A native agent's behaviour: a JS handler with optional checkpointable state. */
export interface NativeBehaviour {
  handle: NativeHandler;
  checkpoint?(): unknown;
  restore?(state: unknown): void;
}

export function createNativeInstance(behaviour: NativeBehaviour): AgentInstance {
  return {
    kind: 'native',
    handle: (message, context) => behaviour.handle(message, context),
    checkpoint: () => (behaviour.checkpoint ? structuredClone(behaviour.checkpoint()) : undefined),
    restore: (state) => behaviour.restore?.(structuredClone(state)),
    memoryBytes: () => 0,
    dispose: () => undefined,
  };
}
