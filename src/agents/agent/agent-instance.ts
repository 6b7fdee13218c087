import { AgentError } from '../errors.js';
import { Wasm } from '../wasm/webassembly-api.js';
import type { AgentMessage } from '../messages/message.js';
import type { AgentContext } from './agent-context.js';

export type AgentKind = 'native' | 'wasm';

/** Why an agent crashed: its handler threw, its WebAssembly trapped, or it ran out of memory. */
export type CrashKind = 'error' | 'trap' | 'memory-limit';

/** One live incarnation of an agent; a restart makes a new one. */
export interface AgentInstance {
  readonly kind: AgentKind;
  /** Handles a message; returns the reply content, or a promise of it. Throwing is a crash. */
  handle(message: AgentMessage, context: AgentContext): unknown;
  /** The agent's state as a value that can be stored and later given to `restore`. */
  checkpoint(): unknown;
  restore(state: unknown): void;
  /** Linear memory the instance owns outside the JS heap (WASM), in bytes. */
  memoryBytes(): number;
  dispose(): void;
}

export function classifyCrash(error: unknown): CrashKind {
  if (error instanceof Wasm.RuntimeError) return 'trap';
  if (error instanceof AgentError && error.isMemoryLimit) return 'memory-limit';
  if (error instanceof RangeError && /memory/i.test(error.message)) return 'memory-limit';
  return 'error';
}
