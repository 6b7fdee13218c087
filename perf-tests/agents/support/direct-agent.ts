/**
 * An agent instance outside any runtime, to time `handle` alone (seed:
 * bench_agent_response_time): the message and a context that only collects replies.
 */
import type {
  AgentContext,
  AgentInstance,
  AgentKind,
  AgentMessage,
  WasmAgentModule,
} from '../../../src/agents/index.js';
import { resolveAgentSpec } from '../../../src/agents/index.js';
import { workerSpec } from './agents.js';

export function directInstance(kind: AgentKind, module: WasmAgentModule, memoryLimitPages = 16): AgentInstance {
  return resolveAgentSpec(workerSpec({ kind, module, memoryLimitPages }), `direct-${kind}`, 16).createInstance();
}

export function requestMessage(content: unknown): AgentMessage {
  return {
    performative: 'request',
    sender: undefined,
    receiver: 'direct',
    content,
    conversationId: 1,
    replyWith: 1,
    inReplyTo: 0,
  };
}

export const silentContext: AgentContext = {
  agentId: 'direct',
  capabilities: [],
  reply: () => undefined,
  send: () => undefined,
  request: () => Promise.reject(new Error('a direct agent cannot send requests')),
};
