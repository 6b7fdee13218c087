/**
 * What the executor and the spawn server (spawn-server-main.mjs) say to each
 * other, one JSON object per line, and what a task's end looks like. Times in
 * the server's replies are the host's monotonic clock in µs.
 */

export type TaskExit =
  | { readonly kind: 'exited'; readonly exitCode: number }
  | { readonly kind: 'killed'; readonly signal: string; readonly timedOut: boolean }
  | { readonly kind: 'spawn-failed'; readonly message: string }
  /** The spawn server died while the task ran; its process group was killed. */
  | { readonly kind: 'spawner-lost'; readonly message: string };

export interface SpawnRequest {
  readonly spawn: number;
  readonly command: readonly string[];
  readonly cwd: string;
  /** 0 = no limit. */
  readonly timeoutMs: number;
}

export interface KillRequest {
  readonly kill: number;
  readonly signal: NodeJS.Signals;
}

export type SpawnServerReply =
  | { readonly ready: number }
  | { readonly started: number; readonly pid: number; readonly atUs: number }
  | { readonly exited: number; readonly spawnedAtUs: number; readonly atUs: number; readonly exit: TaskExit };
