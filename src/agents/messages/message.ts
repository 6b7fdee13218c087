import type { Performative } from './performative.js';

/**
 * One message as an agent receives it. Ids are numbers (0 = none) so the hot
 * path allocates no strings.
 */
export interface AgentMessage<C = unknown> {
  readonly performative: Performative;
  /** Agent id of the sender; undefined for a message from outside the runtime. */
  readonly sender: string | undefined;
  /** Agent id of the receiver. */
  readonly receiver: string;
  readonly content: C;
  /** Groups a request with its replies; 0 when the message is not part of one. */
  readonly conversationId: number;
  /** Set on a message that expects a reply: the id the reply will carry as `inReplyTo`. */
  readonly replyWith: number;
  /** Set on a reply: the `replyWith` of the message it answers. */
  readonly inReplyTo: number;
}

/** Where a message goes: one agent by id, or any agent with a capability. */
export type Target =
  | string
  | { readonly kind: 'agent'; readonly id: string }
  | { readonly kind: 'capability'; readonly capability: string };

export function toAgent(id: string): Target {
  return { kind: 'agent', id };
}

export function toCapability(capability: string): Target {
  return { kind: 'capability', capability };
}

export function describeTarget(target: Target): string {
  if (typeof target === 'string') return `agent \`${target}\``;
  return target.kind === 'agent' ? `agent \`${target.id}\`` : `capability \`${target.capability}\``;
}
