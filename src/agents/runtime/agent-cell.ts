/**
 * One agent as the runtime holds it: identity, mailbox, status and the current
 * incarnation. `drain` handles queued messages one at a time; an async handler
 * makes the agent `busy` until it settles, so an agent never handles two
 * messages at once.
 */
import type { AgentContext } from '../agent/agent-context.js';
import type { AgentInstance, AgentKind } from '../agent/agent-instance.js';
import type { Mailbox } from '../mailbox/mailbox.js';
import type { AgentMessage } from '../messages/message.js';
import type { RestartPolicy } from '../supervisor/restart-policy.js';

export type AgentStatus = 'running' | 'busy' | 'crashed' | 'failed' | 'stopped';

export interface AgentCheckpoint {
  readonly agentId: string;
  readonly kind: AgentKind;
  readonly incarnation: number;
  readonly handled: number;
  readonly atMs: number;
  readonly state: unknown;
}

/** What a cell needs from the runtime around it. */
export interface CellHost {
  completed(cell: AgentCell, message: AgentMessage, value: unknown): void;
  crashed(cell: AgentCell, message: AgentMessage, error: unknown): void;
  /** An async handler started (+1) or settled (-1); on -1 the host schedules the cell if it has mail. */
  busyChanged(cell: AgentCell, delta: 1 | -1): void;
}

export class AgentCell {
  status: AgentStatus = 'running';
  /** In the dispatcher's run queue. */
  queued = false;
  /** The message being handled and whether the handler replied to it itself. */
  current: AgentMessage | undefined;
  replied = false;
  incarnation = 1;
  handled = 0;
  lastCheckpoint: AgentCheckpoint | undefined;
  instance: AgentInstance;
  context!: AgentContext;

  constructor(
    readonly id: string,
    readonly kind: AgentKind,
    readonly capabilities: readonly string[],
    readonly mailbox: Mailbox<AgentMessage>,
    readonly policy: RestartPolicy,
    readonly createInstance: () => AgentInstance,
    private readonly host: CellHost,
  ) {
    this.instance = createInstance();
  }

  get available(): boolean {
    return this.status !== 'failed' && this.status !== 'stopped';
  }

  /** Handles up to `max` queued messages; returns how many it took. */
  drain(max: number): number {
    let taken = 0;
    const mailbox = this.mailbox;
    while (taken < max && this.status === 'running') {
      const message = mailbox.shift();
      if (message === undefined) break;
      taken++;
      this.process(message);
    }
    return taken;
  }

  private process(message: AgentMessage): void {
    this.current = message;
    this.replied = false;
    let result: unknown;
    try {
      result = this.instance.handle(message, this.context);
    } catch (error: unknown) {
      this.host.crashed(this, message, error);
      return;
    }
    if (result !== null && typeof result === 'object' && typeof (result as PromiseLike<unknown>).then === 'function') {
      this.status = 'busy';
      this.host.busyChanged(this, 1);
      const incarnation = this.incarnation;
      (result as PromiseLike<unknown>).then(
        (value) => this.settle(incarnation, message, value, undefined, false),
        (error: unknown) => this.settle(incarnation, message, undefined, error, true),
      );
      return;
    }
    this.host.completed(this, message, result);
  }

  private settle(incarnation: number, message: AgentMessage, value: unknown, error: unknown, failed: boolean): void {
    // Stopped or failed while the handler ran: the outcome has nowhere to go.
    if (this.status === 'busy' && incarnation === this.incarnation) {
      this.status = 'running';
      this.current = message;
      if (failed) this.host.crashed(this, message, error);
      else this.host.completed(this, message, value);
    }
    this.host.busyChanged(this, -1);
  }
}
