import type { AgentMessage, Target } from '../messages/message.js';
import type { Performative } from '../messages/performative.js';

export interface RequestOptions {
  /** Default `request`. */
  readonly performative?: Performative;
  /** Rejects with a `request-timeout` AgentError when no reply came in time; default: no limit. */
  readonly timeoutMs?: number;
  /** Continues a conversation instead of starting a new one. */
  readonly conversationId?: number;
}

/** What a handler can do while it handles one message. */
export interface AgentContext {
  readonly agentId: string;
  readonly capabilities: readonly string[];
  /** Answers the message being handled (when it expects a reply). Without a call, the
   * handler's return value is sent as `inform`. */
  reply(performative: Performative, content: unknown): void;
  /** Sends a one-way message; throws an AgentError on back-pressure or an unknown target. */
  send(target: Target, performative: Performative, content: unknown): void;
  /** Sends a request and resolves with the reply. */
  request(target: Target, content: unknown, options?: RequestOptions): Promise<AgentMessage>;
}
