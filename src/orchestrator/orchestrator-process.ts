/**
 * Starts `planebench orchestrator run|worker` as a child process in its own
 * process group, waits for its `ready` line, and stops it (SIGTERM drains,
 * SIGKILL of the group kills it and its tasks). Used by the perf test and tests.
 * It passes `--json` after the command and reads the JSON lines, unless
 * `json: false` asks for the human output (then `ready: …` is the ready line).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { OrchestratorError } from './errors.js';
import { CLI_MAIN, REPO_ROOT, TS_LOADER } from './paths.js';

export interface OrchestratorProcess {
  readonly pid: number;
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL of the group if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole process group (the process and its tasks). */
  killGroup(): void;
  /** The JSON lines the process printed on stdout (none with `json: false`). */
  readonly events: readonly Record<string, unknown>[];
  /** Every line the process printed on stdout. */
  readonly lines: readonly string[];
  /** Tail of stderr, for error messages. */
  stderrTail(): string;
}

export async function startOrchestratorProcess(
  args: readonly string[],
  options: { readyTimeoutMs?: number; env?: NodeJS.ProcessEnv; json?: boolean } = {},
): Promise<OrchestratorProcess> {
  const json = options.json ?? true;
  const [command, ...rest] = args;
  const argv = json && command !== undefined ? [command, '--json', ...rest] : [...args];
  const child: ChildProcess = spawn(process.execPath, ['--import', TS_LOADER, CLI_MAIN, ...argv], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  const pid = child.pid;
  if (pid === undefined) throw new OrchestratorError(`Cannot start orchestrator ${args[0] ?? ''}`);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const events: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (!json) {
        if (line.startsWith('ready: ')) resolve();
        return;
      }
      try {
        const event = JSON.parse(line) as Record<string, unknown>;
        events.push(event);
        if (event['event'] === 'ready') resolve();
      } catch {
        // not an event line
      }
    });
    void exited.then((code) =>
      reject(new OrchestratorError(`orchestrator ${args[0] ?? ''} exited with ${code} before ready: ${stderr}`)),
    );
  });
  const killGroup = (): void => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new OrchestratorError(`orchestrator ${args[0] ?? ''} not ready after ${timeoutMs} ms: ${stderr}`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    killGroup();
    await exited;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    pid,
    exited,
    events,
    lines,
    killGroup,
    stderrTail: () => stderr,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const grace = setTimeout(killGroup, graceMs);
      await exited;
      clearTimeout(grace);
      killGroup(); // anything the process left in its group
    },
  };
}
