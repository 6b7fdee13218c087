/**
 * Spawns one managed process with execa, as the leader of its own process
 * group, and exposes its exit as a promise that never rejects.
 */
import { execa } from 'execa';
import { ProcmanError } from '../errors.js';
import type { ExitInfo, ProcessSpec } from '../types.js';
import { signalGroup, trackGroup, untrackGroup } from './process-group.js';

export interface ManagedChild {
  readonly pid: number;
  /** Resolves once when the process has exited. */
  readonly exited: Promise<ExitInfo>;
  /** The exit, once it happened. */
  exit(): ExitInfo | null;
}

export async function spawnChild(spec: ProcessSpec): Promise<ManagedChild> {
  const subprocess = execa(spec.command, [...(spec.args ?? [])], {
    detached: true,
    stdio: 'ignore',
    reject: false,
    buffer: false,
    cleanup: false,
    ...(spec.env === undefined ? {} : { env: { ...spec.env } }),
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
  });
  // The result promise resolves on exit (reject: false); the 'exit' event below is what we use.
  subprocess.catch(() => undefined);

  let exitInfo: ExitInfo | null = null;
  const exited = new Promise<ExitInfo>((resolve) => {
    subprocess.once('exit', (code, signal) => {
      exitInfo = { code, signal, atMs: Date.now() };
      resolve(exitInfo);
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onSpawn = (): void => {
      subprocess.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      subprocess.off('spawn', onSpawn);
      reject(
        new ProcmanError('spawn-failed', `Could not spawn \`${spec.id}\` (${spec.command}): ${error.message}`, {
          processId: spec.id,
          cause: error,
        }),
      );
    };
    subprocess.once('spawn', onSpawn);
    subprocess.once('error', onError);
  });

  const pid = subprocess.pid;
  if (pid === undefined) {
    throw new ProcmanError('spawn-failed', `Spawned \`${spec.id}\` has no pid`, { processId: spec.id });
  }
  trackGroup(pid);
  void exited.then(() => {
    // The leader is gone; descendants left in its group go with it.
    signalGroup(pid, 'SIGKILL');
    untrackGroup(pid);
  });
  return { pid, exited, exit: () => exitInfo };
}
