/**
 * The one error class of the agent runtime. `code` says what went wrong; the
 * boolean facts let a caller branch without parsing messages.
 */
export type AgentErrorCode =
  | 'invalid-option'
  | 'unknown-agent'
  | 'no-capable-agent'
  | 'duplicate-agent'
  | 'mailbox-full'
  | 'agent-unavailable'
  | 'request-timeout'
  | 'runtime-closed'
  | 'memory-limit-exceeded'
  | 'wasm-compile-failed'
  | 'wasm-abi-mismatch'
  | 'handler-failed';

export interface AgentErrorDetails {
  readonly agentId?: string;
  readonly cause?: unknown;
}

export class AgentError extends Error {
  override readonly name = 'AgentError';
  readonly code: AgentErrorCode;
  readonly agentId: string | undefined;
  /** The message could not be queued because the receiver's mailbox is full. */
  readonly isBackPressure: boolean;
  /** The agent ran out of the memory its limit allows. */
  readonly isMemoryLimit: boolean;
  readonly timedOut: boolean;

  constructor(code: AgentErrorCode, message: string, details: AgentErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.agentId = details.agentId;
    this.isBackPressure = code === 'mailbox-full';
    this.isMemoryLimit = code === 'memory-limit-exceeded';
    this.timedOut = code === 'request-timeout';
  }
}
