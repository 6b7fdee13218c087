/**
 * Runs one trial of a scenario module in a fresh plain-Node child process and
 * returns a typed outcome. On timeout the child and everything it started
 * (found by the scenario tag, also when reparented) is killed; processes a
 * trial leaves behind are killed and turn the trial into an error.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, SCENARIO_LOADER } from '../paths.js';
import { sameFileIn } from './duet.js';
import { SCENARIO_TAG_VARIABLE, killAll, listTaggedProcesses } from '../process/process-table.js';
import type { ProfileName } from '../profile.js';
import type { ChildMessage, RunTrialRequest, TrialOutput } from './protocol.js';
import { setting } from '../settings.js';

const CHILD_ENTRY = fileURLToPath(new URL('./child-entry.ts', import.meta.url));
const TAIL_BYTES = 8192;

export interface TrialRunOptions {
  readonly moduleUrl: string;
  readonly params: unknown;
  readonly profile: ProfileName;
  readonly trial: number;
  readonly timeoutMs: number;
  /** Extra environment for the child (the scenario tag is always added). */
  readonly env?: Readonly<Record<string, string>>;
  /** Forward the child's stdout/stderr to this process's stderr as it comes. */
  readonly echoOutput?: boolean;
  /**
   * The tree whose child entry and loader run the trial, and its working
   * directory (default: this one's; a duet run's base trials name the base tree).
   */
  readonly tree?: string;
}

interface TrialTiming {
  /** Spawn → the child's ready message, ms. */
  readonly startupMs: number;
  /** Spawn → exit, ms. */
  readonly wallMs: number;
}

export type TrialOutcome =
  | ({ readonly state: 'completed'; readonly output: TrialOutput } & TrialTiming)
  | ({ readonly state: 'errored'; readonly message: string; readonly log: string } & Partial<TrialTiming>)
  | ({ readonly state: 'timed-out'; readonly message: string; readonly log: string } & Partial<TrialTiming>);

class Tail {
  private text = '';
  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-TAIL_BYTES);
  }
  toString(): string {
    return this.text;
  }
}

function describeProcesses(entries: readonly { pid: number; command: string }[]): string {
  return entries.map((e) => `${e.pid} (${e.command})`).join(', ');
}

/**
 * Extra Node flags for every scenario child, for looking into a scenario
 * (`PLANEBENCH_NODE_FLAGS="--trace-gc"`, `--cpu-prof`); space-separated.
 */
export function extraNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return (setting('PLANEBENCH_NODE_FLAGS', env) ?? '').split(/\s+/).filter((flag) => flag.length > 0);
}

export function runTrial(options: TrialRunOptions): Promise<TrialOutcome> {
  const tag = randomUUID();
  const spawnedAt = performance.now();
  const tree = options.tree ?? REPO_ROOT;
  const inTree = (file: string): string => (tree === REPO_ROOT ? file : sameFileIn(file, REPO_ROOT, tree));
  const flags = ['--import', inTree(SCENARIO_LOADER), '--expose-gc', ...extraNodeFlags()];
  const child = spawn(process.execPath, [...flags, inTree(CHILD_ENTRY)], {
    cwd: tree,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
    env: { ...process.env, ...options.env, [SCENARIO_TAG_VARIABLE]: tag },
  });
  const log = new Tail();
  const collect = (chunk: Buffer) => {
    log.push(chunk);
    if (options.echoOutput) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  return new Promise<TrialOutcome>((resolve) => {
    let startupMs: number | undefined;
    let reply: ChildMessage | undefined;
    let timedOut = false;

    const timer = setTimeout(() => {
      timedOut = true;
      killAll([...listTaggedProcesses(tag).map((p) => p.pid), child.pid ?? -1]);
    }, options.timeoutMs);

    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        startupMs = performance.now() - spawnedAt;
        const request: RunTrialRequest = {
          type: 'run-trial',
          moduleUrl: options.moduleUrl,
          params: options.params,
          profile: options.profile,
          trial: options.trial,
        };
        child.send(request);
      } else {
        reply = message;
      }
    });

    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        state: 'errored',
        message: `Could not start the scenario child: ${error.message}`,
        log: log.toString(),
      });
    });

    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - spawnedAt;
      const timing = { wallMs, ...(startupMs === undefined ? {} : { startupMs }) };
      const leaked = listTaggedProcesses(tag);
      killAll(leaked.map((p) => p.pid));
      if (timedOut) {
        resolve({
          state: 'timed-out',
          message: `Trial ${options.trial} did not finish within ${options.timeoutMs} ms; killed it and ${leaked.length} process(es) it started`,
          log: log.toString(),
          ...timing,
        });
        return;
      }
      if (leaked.length > 0) {
        resolve({
          state: 'errored',
          message: `Trial ${options.trial} left ${leaked.length} process(es) running: ${describeProcesses(leaked)} (killed)`,
          log: log.toString(),
          ...timing,
        });
        return;
      }
      if (reply?.type === 'trial-completed' && startupMs !== undefined) {
        resolve({ state: 'completed', output: reply.output, startupMs, wallMs });
        return;
      }
      const message =
        reply?.type === 'trial-errored'
          ? `${reply.message}${reply.stack ? `\n${reply.stack}` : ''}`
          : `The scenario child exited (code ${code}, signal ${signal}) without a result`;
      resolve({ state: 'errored', message, log: log.toString(), ...timing });
    });
  });
}
