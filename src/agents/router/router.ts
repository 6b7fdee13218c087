/**
 * Routes messages to agents by id or capability: one-way sends, batches and
 * request/reply with conversation ids. A full mailbox refuses the message and
 * the sender learns it (a status, or an AgentError): nothing is dropped.
 */
import type { RequestOptions } from '../agent/agent-context.js';
import { AgentError } from '../errors.js';
import type { AgentMessage, Target } from '../messages/message.js';
import type { Performative } from '../messages/performative.js';
import type { RuntimeMetrics } from '../metrics/runtime-metrics.js';
import type { AgentCell } from '../runtime/agent-cell.js';
import type { AgentDirectory } from '../runtime/agent-directory.js';
import type { Dispatcher } from '../runtime/dispatcher.js';
import { PendingRequests, type Timers } from './pending-requests.js';
import { sendError, type SendStatus } from './send-status.js';

export interface BatchOutcome {
  /** The first `delivered` contents were queued, in order; the rest were not. */
  readonly delivered: number;
  readonly status: SendStatus;
}

export type DeadLetterReason = 'agent-failed' | 'agent-stopped' | 'reply-without-requester';

export interface RouterHooks {
  deadLetter(message: AgentMessage, reason: DeadLetterReason): void;
}

export class Router {
  private nextId = 0;
  private closed = false;
  private readonly pending: PendingRequests;

  constructor(
    private readonly directory: AgentDirectory,
    private readonly dispatcher: Dispatcher,
    private readonly metrics: RuntimeMetrics,
    private readonly now: () => number,
    timers: Timers,
    private readonly hooks: RouterHooks,
  ) {
    this.pending = new PendingRequests(timers);
  }

  get pendingRequests(): number {
    return this.pending.size;
  }

  resolve(target: Target): AgentCell | undefined {
    if (typeof target === 'string') return this.directory.get(target);
    return target.kind === 'agent' ? this.directory.get(target.id) : this.directory.pick(target.capability);
  }

  private missStatus(target: Target): Exclude<SendStatus, 'delivered'> {
    if (this.closed) return 'runtime-closed';
    return typeof target !== 'string' && target.kind === 'capability' ? 'no-capable-agent' : 'unknown-agent';
  }

  private deliver(cell: AgentCell, message: AgentMessage): SendStatus {
    if (!cell.available) return 'agent-unavailable';
    if (!cell.mailbox.push(message)) {
      this.metrics.counters.rejected++;
      return 'mailbox-full';
    }
    this.metrics.counters.delivered++;
    if (cell.status === 'running' && !cell.queued) this.dispatcher.schedule(cell);
    return 'delivered';
  }

  /** Sends a one-way message; the status says whether it was queued. */
  trySend(target: Target, performative: Performative, content: unknown, sender?: string): SendStatus {
    this.metrics.counters.sent++;
    const cell = this.closed ? undefined : this.resolve(target);
    if (cell === undefined) return this.missStatus(target);
    return this.deliver(cell, this.oneWay(cell, performative, content, sender));
  }

  private oneWay(
    cell: AgentCell,
    performative: Performative,
    content: unknown,
    sender: string | undefined,
  ): AgentMessage {
    return { performative, sender, receiver: cell.id, content, conversationId: 0, replyWith: 0, inReplyTo: 0 };
  }

  /** Sends a one-way message; throws an AgentError when it was not queued. */
  send(target: Target, performative: Performative, content: unknown, sender?: string): void {
    const status = this.trySend(target, performative, content, sender);
    if (status !== 'delivered') throw sendError(status, target, this.resolve(target)?.id);
  }

  /** Sends, waiting for room while the mailbox is full (back-pressure as waiting). */
  async sendWhenReady(target: Target, performative: Performative, content: unknown, sender?: string): Promise<void> {
    for (;;) {
      const cell = this.closed ? undefined : this.resolve(target);
      if (cell !== undefined && cell.available && cell.mailbox.isFull) {
        await cell.mailbox.whenWritable();
        continue;
      }
      this.metrics.counters.sent++;
      const status =
        cell === undefined
          ? this.missStatus(target)
          : this.deliver(cell, this.oneWay(cell, performative, content, sender));
      if (status !== 'delivered') throw sendError(status, target, cell?.id);
      return;
    }
  }

  /**
   * Queues `contents[from..]` to one agent (a capability target is resolved
   * once for the whole batch) until its mailbox is full.
   */
  sendBatch(
    target: Target,
    performative: Performative,
    contents: readonly unknown[],
    from = 0,
    sender?: string,
  ): BatchOutcome {
    const cell = this.closed ? undefined : this.resolve(target);
    if (cell === undefined) {
      this.metrics.counters.sent++;
      return { delivered: 0, status: this.missStatus(target) };
    }
    let delivered = 0;
    for (let index = from; index < contents.length; index++) {
      this.metrics.counters.sent++;
      const status = this.deliver(cell, this.oneWay(cell, performative, contents[index], sender));
      if (status !== 'delivered') return { delivered, status };
      delivered++;
    }
    return { delivered, status: 'delivered' };
  }

  /** Waits until the target's mailbox has room (at once if it has, or if the target is gone). */
  whenWritable(target: Target): Promise<void> {
    const cell = this.resolve(target);
    return cell === undefined ? Promise.resolve() : cell.mailbox.whenWritable();
  }

  /**
   * Sends a request and resolves with the reply message (`inform`, `failure`,
   * `refuse`, …). Rejects with an AgentError when the request could not be
   * queued, timed out, or its agent failed before answering.
   */
  request(target: Target, content: unknown, options?: RequestOptions, sender?: string): Promise<AgentMessage> {
    this.metrics.counters.sent++;
    const cell = this.closed ? undefined : this.resolve(target);
    if (cell === undefined) return Promise.reject(sendError(this.missStatus(target), target));
    const replyWith = ++this.nextId;
    const message: AgentMessage = {
      performative: options?.performative ?? 'request',
      sender,
      receiver: cell.id,
      content,
      conversationId: options?.conversationId ?? replyWith,
      replyWith,
      inReplyTo: 0,
    };
    const status = this.deliver(cell, message);
    if (status !== 'delivered') return Promise.reject(sendError(status, target, cell.id));
    this.metrics.counters.requests++;
    const startedAtMs = this.now();
    const timeoutMs = options?.timeoutMs;
    return new Promise<AgentMessage>((resolve, reject) => {
      this.pending.add(
        replyWith,
        { receiver: cell.id, startedAtMs, resolve, reject, timer: undefined },
        timeoutMs,
        () => {
          if (this.pending.take(replyWith) === undefined) return;
          this.metrics.counters.timeouts++;
          reject(
            new AgentError(
              'request-timeout',
              `Agent \`${cell.id}\` did not answer request ${replyWith} within ${timeoutMs} ms`,
              {
                agentId: cell.id,
              },
            ),
          );
        },
      );
    });
  }

  /** Answers `original` (if it expects a reply) on behalf of agent `from`. */
  reply(original: AgentMessage, performative: Performative, content: unknown, from: string): void {
    if (original.replyWith === 0) return;
    const counters = this.metrics.counters;
    counters.replies++;
    if (performative === 'failure') counters.failureReplies++;
    const reply: AgentMessage = {
      performative,
      sender: from,
      receiver: original.sender ?? '',
      content,
      conversationId: original.conversationId,
      replyWith: 0,
      inReplyTo: original.replyWith,
    };
    const pending = this.pending.take(original.replyWith);
    if (pending !== undefined) {
      this.metrics.recordRequestLatencyUs((this.now() - pending.startedAtMs) * 1000);
      pending.resolve(reply);
      return;
    }
    // Nobody awaits it (the request timed out): hand it to the sending agent, or record it.
    const senderCell = original.sender === undefined ? undefined : this.directory.get(original.sender);
    if (senderCell === undefined || this.deliver(senderCell, reply) !== 'delivered') {
      this.deadLetter(reply, 'reply-without-requester');
    }
  }

  /** Fails every message still queued for an agent that is gone: requests reject, the rest are dead letters. */
  failQueued(cell: AgentCell, reason: 'agent-failed' | 'agent-stopped'): void {
    for (const message of cell.mailbox.drainAll()) {
      if (message.replyWith === 0) {
        this.deadLetter(message, reason);
        continue;
      }
      // A request whose requester already learned its fate (timed out, runtime closed) needs nothing more.
      this.pending.take(message.replyWith)?.reject(sendError('agent-unavailable', cell.id, cell.id));
    }
    cell.mailbox.wakeWriters();
  }

  /** Rejects the request a stopped agent was still handling (its outcome has nowhere to go). */
  failInFlight(message: AgentMessage, agentId: string): void {
    if (message.replyWith === 0) return;
    this.pending.take(message.replyWith)?.reject(sendError('agent-unavailable', agentId, agentId));
  }

  close(): void {
    this.closed = true;
    for (const pending of this.pending.takeAll()) {
      pending.reject(
        new AgentError('runtime-closed', `The runtime closed before agent \`${pending.receiver}\` answered`),
      );
    }
  }

  private deadLetter(message: AgentMessage, reason: DeadLetterReason): void {
    this.metrics.counters.deadLetters++;
    this.hooks.deadLetter(message, reason);
  }
}
