/**
 * Starts daemon-main.ts as a real child process in its own process group and
 * follows its stdout protocol. Used by the signal tests and the
 * shutdown-latency scenario; `kill()` removes the whole group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface DaemonChildOptions {
  /** Node executable and arguments before the script (e.g. a TS loader). */
  readonly nodeArgs: readonly string[];
  /** Path of daemon-main (.ts with a loader, or compiled .js). */
  readonly script: string;
  readonly args?: readonly string[];
  /** Max wait for `ready`, ms. */
  readonly readyTimeoutMs?: number;
}

export interface DaemonExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Parsed `report` line, if the daemon printed one. */
  readonly report: unknown;
  readonly stderr: string;
}

export interface DaemonChild {
  readonly pid: number;
  readonly process: ChildProcess;
  /** Resolves when the child has exited (and its stdio closed). */
  readonly exited: Promise<DaemonExit>;
  /** Resolves on the child's 'exit' event, ms (performance.now) — stdio may still be open. */
  readonly exitEventAtMs: Promise<number>;
  /** SIGKILL to the whole process group; safe to call when it is already gone. */
  kill(): void;
}

export async function spawnDaemonChild(options: DaemonChildOptions): Promise<DaemonChild> {
  const child = spawn(process.execPath, [...options.nodeArgs, options.script, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${options.script}`);
  const killGroup = (): void => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };

  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let report: unknown = undefined;
  let onReady: (() => void) | null = null;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (line.startsWith('ready ')) onReady?.();
    else if (line.startsWith('report ')) report = JSON.parse(line.slice('report '.length));
  });

  const exitEventAtMs = new Promise<number>((resolve) => child.once('exit', () => resolve(performance.now())));
  const exited = new Promise<DaemonExit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, report, stderr })),
  );

  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`daemon not ready after ${readyTimeoutMs} ms; stderr: ${stderr}`)),
        readyTimeoutMs,
      );
      onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      void exited.then((exit) => {
        clearTimeout(timer);
        reject(
          new Error(`daemon exited before ready (code ${exit.code}, signal ${exit.signal}); stderr: ${exit.stderr}`),
        );
      });
    });
  } catch (error) {
    killGroup();
    await exited;
    throw error;
  }
  return { pid, process: child, exited, exitEventAtMs, kill: killGroup };
}
