/**
 * The orchestrator's side of the spawn server (spawn-server-main.mjs): a small
 * Node process that spawns the tasks, so the large scheduler or worker never
 * forks and a spawn costs its event loop one line written to a pipe. Each task
 * leads its own process group; timeouts and kills reach the whole group.
 *
 * If the server dies, every task it was running is ended here: its process
 * group is killed (the pid it reported is the group's id) and the task ends as
 * `spawner-lost`; a task whose start was not reported yet ends the same way (it
 * may never have started). The next spawn starts a new server. Closing the
 * server's stdin (`close`, or this process dying) makes it kill every task it
 * runs and exit.
 *
 * Why a server and a pipe of JSON lines: docs/decisions.md, "Tasks are spawned
 * by a spawn server".
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { monotonicUs, type ClockUs } from '../clock.js';
import type { SpawnServerReply, TaskExit } from './spawn-protocol.js';

export type { TaskExit } from './spawn-protocol.js';

const SERVER_MAIN = fileURLToPath(new URL('./spawn-server-main.mjs', import.meta.url));

export interface TaskProcessResult {
  readonly exit: TaskExit;
  /** Wall-clock µs just before the spawn call. */
  readonly spawnedAtUs: number;
  /** Wall-clock µs when the exit was observed. */
  readonly exitedAtUs: number;
}

export interface TaskHandle {
  readonly result: Promise<TaskProcessResult>;
  /** Kills the task's whole process group. */
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnTaskRequest {
  readonly command: readonly string[];
  /** 0 = no limit. */
  readonly timeoutMs: number;
  /** Called once the task runs, with the wall-clock µs just before its spawn call. */
  readonly onStarted?: (spawnedAtUs: number) => void;
}

/** What the executor spawns tasks with (the spawn server; a fake in unit tests). */
export interface TaskSpawner {
  /** Starts the spawner ahead of the first task, so a pick-up does not pay its start. */
  start(): void;
  /** The spawner process's pid while it runs (the parent of the task processes). */
  readonly pid?: number | undefined;
  spawn(request: SpawnTaskRequest): TaskHandle;
  /** Ends the spawner; tasks still running are killed. */
  close(): Promise<void>;
}

export interface SpawnServerOptions {
  readonly now: ClockUs;
  /** Working directory of the tasks (default: this process's). */
  readonly cwd?: string;
  /** Told when the server died unasked, with what it was running. */
  readonly onServerLost?: (message: string) => void;
}

interface PendingTask {
  readonly onStarted: ((spawnedAtUs: number) => void) | undefined;
  readonly resolve: (result: TaskProcessResult) => void;
  /** Its process group, once started. */
  pid: number | undefined;
  spawnedAtUs: number | undefined;
}

type ServerProcess = ChildProcessByStdio<Writable, Readable, null>;

export class SpawnServer implements TaskSpawner {
  private server: ServerProcess | undefined;
  private serverPid: Promise<number> | undefined;
  private readonly tasks = new Map<number, PendingTask>();
  private nextId = 1;
  private unread = '';
  private closing = false;

  constructor(private readonly options: SpawnServerOptions) {}

  get pid(): number | undefined {
    return this.server?.pid;
  }

  /** The running server's pid, once it said it is ready (for tests and resource readings). */
  ready(): Promise<number> {
    this.start();
    return this.serverPid!;
  }

  start(): void {
    if (this.server) return;
    this.closing = false;
    const server = spawn(process.execPath, [SERVER_MAIN], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.server = server;
    this.unread = '';
    let onReady: (pid: number) => void = () => undefined;
    let onFailed: (error: Error) => void = () => undefined;
    this.serverPid = new Promise<number>((resolve, reject) => {
      onReady = resolve;
      onFailed = reject;
    });
    this.serverPid.catch(() => undefined); // a caller of ready() sees it; nobody else must
    server.stdout.setEncoding('utf8').on('data', (chunk: string) => this.read(chunk, onReady));
    server.stdin.on('error', () => undefined); // EPIPE when it died: its exit handler ends the tasks
    server.once('error', (error) => onFailed(error));
    server.once('exit', (code, signal) => {
      if (this.server === server) this.server = undefined;
      const how = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      onFailed(new Error(`The spawn server ${how} before it was ready`));
      this.serverLost(`the spawn server ${how} while the task ran; its process group was killed`);
    });
    this.setRef(false);
  }

  spawn(request: SpawnTaskRequest): TaskHandle {
    if (request.command.length === 0) {
      const nowUs = this.options.now();
      const exit: TaskExit = { kind: 'spawn-failed', message: 'empty command' };
      return { result: Promise.resolve({ exit, spawnedAtUs: nowUs, exitedAtUs: nowUs }), kill: () => undefined };
    }
    this.start();
    const id = this.nextId++;
    let pending: PendingTask | undefined;
    const result = new Promise<TaskProcessResult>((resolve) => {
      pending = { onStarted: request.onStarted, resolve, pid: undefined, spawnedAtUs: undefined };
    });
    this.tasks.set(id, pending!);
    this.setRef(true);
    this.write({
      spawn: id,
      command: request.command,
      cwd: this.options.cwd ?? process.cwd(),
      timeoutMs: request.timeoutMs,
    });
    return { result, kill: (signal = 'SIGKILL') => this.kill(id, signal) };
  }

  /** Closes the server's stdin (it kills what still runs and exits) and waits for its exit. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.closing = true;
    this.setRef(true); // its exit is awaited: it must hold this process open till then
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    server.stdin.end();
    await exited;
  }

  private kill(id: number, signal: NodeJS.Signals): void {
    const task = this.tasks.get(id);
    if (!task) return;
    if (this.server) this.write({ kill: id, signal });
    else killGroup(task.pid, signal);
  }

  private write(message: object): void {
    const stdin = this.server!.stdin;
    // Requests of one event-loop turn go out in one write.
    if (!stdin.writableCorked) {
      stdin.cork();
      process.nextTick(() => stdin.uncork());
    }
    stdin.write(`${JSON.stringify(message)}\n`);
  }

  private read(chunk: string, onReady: (pid: number) => void): void {
    this.unread += chunk;
    let end: number;
    while ((end = this.unread.indexOf('\n')) >= 0) {
      const line = this.unread.slice(0, end);
      this.unread = this.unread.slice(end + 1);
      const reply = JSON.parse(line) as SpawnServerReply;
      if ('ready' in reply) onReady(reply.ready);
      else if ('started' in reply) {
        const task = this.tasks.get(reply.started);
        if (!task) continue;
        task.pid = reply.pid;
        task.spawnedAtUs = this.wallUs(reply.atUs);
        task.onStarted?.(task.spawnedAtUs);
      } else {
        const task = this.tasks.get(reply.exited);
        if (!task) continue;
        this.tasks.delete(reply.exited);
        task.resolve({
          exit: reply.exit,
          spawnedAtUs: task.spawnedAtUs ?? this.wallUs(reply.spawnedAtUs), // the start as reported
          exitedAtUs: this.wallUs(reply.atUs),
        });
      }
    }
    if (this.tasks.size === 0 && !this.closing) this.setRef(false);
  }

  /** The server's monotonic µs on this process's clock. */
  private wallUs(serverMonotonicUs: number): number {
    return this.options.now() - (monotonicUs() - serverMonotonicUs);
  }

  private serverLost(message: string): void {
    if (this.tasks.size === 0) return;
    if (!this.closing) this.options.onServerLost?.(`${message} (${this.tasks.size} tasks)`);
    const nowUs = this.options.now();
    for (const task of this.tasks.values()) {
      killGroup(task.pid, 'SIGKILL');
      task.resolve({
        exit: { kind: 'spawner-lost', message },
        spawnedAtUs: task.spawnedAtUs ?? nowUs,
        exitedAtUs: nowUs,
      });
    }
    this.tasks.clear();
  }

  /** Holds this process open only while tasks run: an idle server keeps nothing alive. */
  private setRef(ref: boolean): void {
    const server = this.server;
    if (!server) return;
    for (const handle of [server, server.stdin, server.stdout] as { ref(): void; unref(): void }[]) {
      if (ref) handle.ref();
      else handle.unref();
    }
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}
