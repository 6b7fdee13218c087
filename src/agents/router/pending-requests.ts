/**
 * Requests waiting for their reply, by `replyWith` id, each with its start
 * time (for the latency histogram) and an optional timeout.
 */
import type { AgentMessage } from '../messages/message.js';

export interface Timers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PendingRequest {
  readonly receiver: string;
  readonly startedAtMs: number;
  readonly resolve: (reply: AgentMessage) => void;
  readonly reject: (error: Error) => void;
  timer: unknown;
}

export class PendingRequests {
  private readonly byId = new Map<number, PendingRequest>();

  constructor(private readonly timers: Timers) {}

  get size(): number {
    return this.byId.size;
  }

  add(replyWith: number, request: PendingRequest, timeoutMs: number | undefined, onTimeout: () => void): void {
    this.byId.set(replyWith, request);
    if (timeoutMs !== undefined) request.timer = this.timers.setTimeout(onTimeout, timeoutMs);
  }

  /** Removes and returns the request; undefined if it already settled. */
  take(replyWith: number): PendingRequest | undefined {
    const request = this.byId.get(replyWith);
    if (request === undefined) return undefined;
    this.byId.delete(replyWith);
    if (request.timer !== undefined) this.timers.clearTimeout(request.timer);
    return request;
  }

  takeAll(): PendingRequest[] {
    const all = [...this.byId.keys()].map((id) => this.take(id) as PendingRequest);
    return all;
  }
}
