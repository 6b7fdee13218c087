/**
 * A rotating log file. `write(line)` only queues the line: the event loop never
 * waits on the disk for a line. Queued lines are written in batches — one
 * write call per file a batch touches, never one per line — by a single drain
 * that starts on the next turn of the event loop (or at once on `flush()`);
 * lines handed in while a batch is being written form the next batch. Before a
 * line would take the file past `maxBytes` the file is rotated
 * (rotate-log-files.ts, plan-batch.ts).
 *
 * `flush()` resolves when every line handed in before the call is written to
 * the file; `close()` flushes, then closes it. Both hand the lines to the
 * operating system (a crash of the process loses none of them); neither calls
 * fsync. After `close()`, `write()` is `invalid-state`. A failed open, write or
 * rotation is kept: the lines not yet written are dropped (counted in
 * `stats().droppedLines`), `flush()` and `close()` reject with it and `write()`
 * throws it.
 *
 * The queue is bounded by `maxPendingLines`: a line handed in while that many
 * wait is dropped, not queued (`stats().droppedWhenFull`), as a lossy
 * non-blocking appender does — the caller never waits for the disk and the
 * queue never outgrows its bound. `flush()` counts a dropped line as settled.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveLoggingConfig, type LoggingConfig, type LoggingConfigInput } from '../config/logging-config.js';
import { DaemonError } from '../errors/daemon-error.js';
import { planBatch } from './plan-batch.js';
import { rotateLogFiles } from './rotate-log-files.js';

export interface LogWriterStats {
  /** Lines given to `write()`. */
  readonly linesHandedIn: number;
  /** Lines written to a file. */
  readonly linesWritten: number;
  /** Lines lost: to a failed open, write or rotation, or to a full queue. */
  readonly droppedLines: number;
  /** Of those, lines handed in while `maxPendingLines` were queued. */
  readonly droppedWhenFull: number;
  /** Lines queued, not yet written. */
  readonly pendingLines: number;
  /** Batches taken from the queue. */
  readonly batches: number;
  /** Write calls made to files (one per file a batch touches, more only after a partial write). */
  readonly writeCalls: number;
  readonly rotations: number;
  /** Size of the file being written, bytes. */
  readonly fileBytes: number;
}

interface FlushWaiter {
  /** Resolved once this many lines are written. */
  readonly lines: number;
  readonly resolve: () => void;
  readonly reject: (error: DaemonError) => void;
}

export class RotatingLogWriter {
  readonly config: LoggingConfig;
  #handle: FileHandle | null = null;
  #opening: Promise<void> | null = null;
  #fileBytes = 0;
  #queue: string[] = [];
  #handedIn = 0;
  #written = 0;
  #droppedOnFailure = 0;
  #droppedWhenFull = 0;
  #batches = 0;
  #writeCalls = 0;
  #rotations = 0;
  #draining = false;
  #scheduled = false;
  #waiters: FlushWaiter[] = [];
  #failure: DaemonError | null = null;
  #closing: Promise<void> | null = null;

  /** Validates the options like a daemon config's `logging` section. The file is opened on first use. */
  constructor(options: LoggingConfigInput) {
    this.config = resolveLoggingConfig(options);
  }

  /** Queues one line (a newline is appended). Returns at once. */
  write(line: string): void {
    if (this.#closing !== null) throw DaemonError.invalidState(`The log \`${this.config.file}\` is closed`);
    if (this.#failure !== null) throw this.#failure;
    this.#handedIn += 1;
    if (this.#queue.length >= this.config.maxPendingLines) {
      this.#droppedWhenFull += 1;
      return;
    }
    this.#queue.push(line);
    if (!this.#draining && !this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#onTurn);
    }
  }

  /** Opens the file (creating its folder); at most once. Rejects with an IO DaemonError. */
  open(): Promise<void> {
    this.#opening ??= this.#openFile();
    return this.#opening;
  }

  /** Resolves when every line handed in before this call is written to the file. */
  flush(): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    const lines = this.#handedIn;
    if (this.#settled() >= lines) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#waiters.push({ lines, resolve, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  /** Flushes, then closes the file. The same promise for every call. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  get closed(): boolean {
    return this.#closing !== null;
  }

  stats(): LogWriterStats {
    return {
      linesHandedIn: this.#handedIn,
      linesWritten: this.#written,
      droppedLines: this.#droppedOnFailure + this.#droppedWhenFull,
      droppedWhenFull: this.#droppedWhenFull,
      pendingLines: this.#queue.length,
      batches: this.#batches,
      writeCalls: this.#writeCalls,
      rotations: this.#rotations,
      fileBytes: this.#fileBytes,
    };
  }

  readonly #onTurn = (): void => {
    this.#scheduled = false;
    if (!this.#draining && this.#queue.length > 0) void this.#drain();
  };

  async #openFile(): Promise<void> {
    const { file } = this.config;
    try {
      await mkdir(dirname(file), { recursive: true });
      const handle = await open(file, 'a');
      this.#handle = handle;
      this.#fileBytes = (await handle.stat()).size;
    } catch (error) {
      throw this.#fail(DaemonError.io(`Could not open log file \`${file}\``, error));
    }
  }

  /** Writes batches until the queue is empty. Only one drain runs at a time. */
  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      await this.open();
      while (this.#queue.length > 0) {
        const lines = this.#queue;
        this.#queue = [];
        this.#batches += 1;
        await this.#writeBatch(lines);
        this.#settleWaiters();
      }
    } catch (error) {
      this.#fail(
        error instanceof DaemonError
          ? error
          : DaemonError.io(`Could not write log file \`${this.config.file}\``, error),
      );
    } finally {
      this.#draining = false;
    }
  }

  async #writeBatch(lines: string[]): Promise<void> {
    const segments = planBatch(this.#fileBytes, this.config.maxBytes, lines);
    for (const { rotateBefore, from, to } of segments) {
      if (rotateBefore) await this.#rotate();
      const part = from === 0 && to === lines.length ? lines : lines.slice(from, to);
      await this.#append(Buffer.from(`${part.join('\n')}\n`));
      // Counted per segment, so a failure later in the batch drops only what is left.
      this.#written += to - from;
    }
  }

  async #append(buffer: Buffer): Promise<void> {
    const handle = this.#requireHandle();
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
      this.#writeCalls += 1;
      offset += bytesWritten;
    }
    this.#fileBytes += buffer.length;
  }

  /** The old file is closed while the files are renamed (its writes are done): one round trip less. */
  async #rotate(): Promise<void> {
    const handle = this.#requireHandle();
    this.#handle = null;
    const closing = handle.close();
    try {
      await rotateLogFiles(this.config.file, this.config.maxFiles);
      this.#handle = await open(this.config.file, 'a');
    } finally {
      await closing;
    }
    this.#fileBytes = 0;
    this.#rotations += 1;
  }

  #requireHandle(): FileHandle {
    if (this.#handle === null) throw DaemonError.invalidState(`The log \`${this.config.file}\` is not open`);
    return this.#handle;
  }

  /** Lines handed in that are done with: written, or dropped because the queue was full. */
  #settled(): number {
    return this.#written + this.#droppedWhenFull;
  }

  #settleWaiters(): void {
    const settled = this.#settled();
    while (this.#waiters.length > 0 && this.#waiters[0]!.lines <= settled) this.#waiters.shift()!.resolve();
  }

  /** Keeps the first failure, drops the queue and rejects every waiter; returns the failure. */
  #fail(error: DaemonError): DaemonError {
    this.#failure ??= error;
    this.#droppedOnFailure = this.#handedIn - this.#settled();
    this.#queue = [];
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(this.#failure);
    return this.#failure;
  }

  async #close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.#opening?.catch(() => {});
      const handle = this.#handle;
      this.#handle = null;
      if (handle !== null) await handle.close();
    }
  }
}
