import { AgentError } from '../errors.js';
import { describeTarget, type Target } from '../messages/message.js';

/** The outcome of one delivery attempt; anything but `delivered` means the message was not queued. */
export type SendStatus =
  'delivered' | 'mailbox-full' | 'unknown-agent' | 'no-capable-agent' | 'agent-unavailable' | 'runtime-closed';

export function sendError(status: Exclude<SendStatus, 'delivered'>, target: Target, agentId?: string): AgentError {
  const where = describeTarget(target);
  const details = agentId === undefined ? {} : { agentId };
  switch (status) {
    case 'mailbox-full':
      return new AgentError(
        'mailbox-full',
        `Mailbox of agent \`${agentId}\` is full; the message was not queued (back-pressure)`,
        details,
      );
    case 'unknown-agent':
      return new AgentError('unknown-agent', `No ${where}`, details);
    case 'no-capable-agent':
      return new AgentError('no-capable-agent', `No available agent offers ${where}`, details);
    case 'agent-unavailable':
      return new AgentError(
        'agent-unavailable',
        `Agent \`${agentId}\` has failed or stopped; the message was not queued`,
        details,
      );
    case 'runtime-closed':
      return new AgentError('runtime-closed', `The runtime is closed; nothing was sent to ${where}`, details);
  }
}
