/**
 * Buffers one-way messages for one target and delivers them as a batch when
 * `batchSize` are buffered or `batchTimeoutMs` after the first one, waiting
 * for mailbox room instead of dropping (seed: MessageBatcher).
 */
import { option } from '../options/validate.js';
import type { Target } from '../messages/message.js';
import type { Performative } from '../messages/performative.js';
import type { BatchOutcome } from './router.js';
import { sendError } from './send-status.js';

export interface BatchSink {
  sendBatch(target: Target, performative: Performative, contents: readonly unknown[], from?: number): BatchOutcome;
  whenWritable(target: Target): Promise<void>;
}

export interface MessageBatcherOptions {
  readonly target: Target;
  readonly performative?: Performative;
  readonly batchSize: number;
  readonly batchTimeoutMs: number;
  /** Runs `callback` after `delayMs`; returns a canceller. Default setTimeout. */
  readonly schedule?: (callback: () => void, delayMs: number) => () => void;
}

export class MessageBatcher {
  private buffer: unknown[] = [];
  private cancelTimer: (() => void) | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private readonly batchSize: number;
  private readonly batchTimeoutMs: number;
  private readonly schedule: (callback: () => void, delayMs: number) => () => void;
  /** Batches handed to the sink. */
  batches = 0;

  constructor(
    private readonly sink: BatchSink,
    private readonly options: MessageBatcherOptions,
  ) {
    this.batchSize = option.positiveInteger('batchSize', options.batchSize);
    this.batchTimeoutMs = option.nonNegativeNumber('batchTimeoutMs', options.batchTimeoutMs);
    this.schedule =
      options.schedule ??
      ((callback, delayMs) => {
        const timer = setTimeout(callback, delayMs);
        return () => clearTimeout(timer);
      });
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Buffers a message; throws the error of an earlier failed flush. */
  add(content: unknown): void {
    if (this.failure) throw this.failure;
    this.buffer.push(content);
    if (this.buffer.length >= this.batchSize) {
      void this.flush().catch(() => undefined);
    } else if (this.cancelTimer === undefined) {
      this.cancelTimer = this.schedule(() => {
        this.cancelTimer = undefined;
        void this.flush().catch(() => undefined);
      }, this.batchTimeoutMs);
    }
  }

  /** Delivers everything buffered so far; resolves when all of it is queued. */
  flush(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.deliver(batch));
    return this.flushing;
  }

  private async deliver(batch: readonly unknown[]): Promise<void> {
    const { target } = this.options;
    const performative = this.options.performative ?? 'inform';
    let from = 0;
    while (from < batch.length) {
      const outcome = this.sink.sendBatch(target, performative, batch, from);
      this.batches++;
      from += outcome.delivered;
      if (outcome.status === 'delivered') continue;
      if (outcome.status !== 'mailbox-full') {
        this.failure = sendError(outcome.status, target);
        throw this.failure;
      }
      await this.sink.whenWritable(target);
    }
  }
}
