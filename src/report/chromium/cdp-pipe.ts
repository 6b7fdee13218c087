/**
 * A minimal Chrome DevTools Protocol client over --remote-debugging-pipe
 * (fd 3: commands in, fd 4: replies and events out, NUL-terminated JSON),
 * so no WebSocket and no npm package is needed. The browser runs in its own
 * process group, which `close` kills whole (renderer, GPU and zygote
 * children included).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

export class ChromiumError extends Error {
  override readonly name = 'ChromiumError';
  constructor(
    message: string,
    readonly stderrTail: string,
    options?: ErrorOptions,
  ) {
    super(stderrTail ? `${message}\n--- chromium stderr (tail) ---\n${stderrTail}` : message, options);
  }
}

export interface CdpEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly sessionId?: string;
}

interface Pending {
  readonly resolve: (value: Record<string, unknown>) => void;
  readonly reject: (error: Error) => void;
  readonly method: string;
}

export class CdpPipe {
  readonly events = new EventEmitter();
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';
  private stderr = '';
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly input: Writable,
  ) {
    const output = child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    child.on('exit', (code, signal) => this.gone(`chromium exited (code ${code}, signal ${signal})`));
    child.on('error', (error) => this.gone(`chromium could not start: ${error.message}`));
  }

  private gone(reason: string): void {
    if (this.exited) return;
    this.exited = true;
    const error = new ChromiumError(reason, this.stderr);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.events.emit('exit');
  }

  static launch(binary: string, args: readonly string[]): CdpPipe {
    const child = spawn(binary, ['--remote-debugging-pipe', ...args], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    return new CdpPipe(child, child.stdio[3] as Writable);
  }

  get stderrTail(): string {
    return this.stderr;
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new ChromiumError(`chromium is gone; cannot send ${method}`, this.stderr));
    const id = this.nextId;
    this.nextId += 1;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.input.write(`${message}\0`);
    });
  }

  /** Resolves with the next event of that name (in that session). */
  once(method: string, sessionId?: string): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const onEvent = (event: CdpEvent): void => {
        if (event.method !== method || (sessionId && event.sessionId !== sessionId)) return;
        this.events.off('event', onEvent);
        this.events.off('exit', onExit);
        resolve(event);
      };
      const onExit = (): void => {
        this.events.off('event', onEvent);
        reject(new ChromiumError(`chromium exited while waiting for ${method}`, this.stderr));
      };
      this.events.on('event', onEvent);
      this.events.once('exit', onExit);
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\0');
    while (end >= 0) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      end = this.buffer.indexOf('\0');
      const message = JSON.parse(text) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      if (message.id !== undefined) {
        const p = this.pending.get(message.id);
        if (!p) continue;
        this.pending.delete(message.id);
        if (message.error) p.reject(new ChromiumError(`${p.method}: ${message.error.message}`, ''));
        else p.resolve(message.result ?? {});
      } else if (message.method) {
        const event: CdpEvent = {
          method: message.method,
          params: message.params ?? {},
          ...(message.sessionId ? { sessionId: message.sessionId } : {}),
        };
        this.events.emit('event', event);
      }
    }
  }

  /** Asks the browser to close, then kills its whole process group; resolves when it has exited. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.events.once('exit', resolve));
    this.send('Browser.close').catch(() => undefined);
    const pid = this.child.pid;
    const killGroup = (): void => {
      try {
        if (pid !== undefined) process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(killGroup, 3_000);
    await exited;
    clearTimeout(timer);
    killGroup(); // children that outlived the browser process
  }
}
