/**
 * The one contract both process managers implement: what a managed process is,
 * the states it goes through, and the operations and queries on it.
 */

/** What to run. `id` names the process inside a manager. */
export interface ProcessSpec {
  readonly id: string;
  readonly command: string;
  readonly args?: readonly string[];
  /** Added to the manager's own environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

export type ProcessState = 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** How a process instance ended. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** `Date.now()` when the exit was observed. */
  readonly atMs: number;
}

/** A snapshot of one managed process; plain data, safe to keep. */
export interface ProcessInfo {
  readonly id: string;
  readonly state: ProcessState;
  /** The current (or last known) pid; also the process-group id. */
  readonly pid: number | null;
  /** How many times the process was started again after its first start. */
  readonly restartCount: number;
  readonly lastExit: ExitInfo | null;
  /** `Date.now()` of the last heartbeat that saw the process alive. */
  readonly lastSeenAtMs: number | null;
  /** Resident memory seen by the last heartbeat. */
  readonly memoryBytes: number | null;
  /** True while an operation on this process is in flight (v2: answers come from the cached state). */
  readonly busy: boolean;
}

export interface StopOptions {
  /** Time between SIGTERM and SIGKILL; default: the manager's `gracePeriodMs`. */
  readonly gracePeriodMs?: number;
  /**
   * Cancels the caller's wait and the operation. A stop not yet begun is dropped;
   * a stop in flight stops waiting: the signal already sent stands, the process
   * stays `stopping` and becomes `stopped` when it exits.
   */
  readonly signal?: AbortSignal;
}

export interface OperationOptions {
  readonly signal?: AbortSignal;
}

export type StartOutcome =
  | { readonly kind: 'started'; readonly info: ProcessInfo }
  | { readonly kind: 'already-running'; readonly info: ProcessInfo };

export type StopOutcome =
  /** Exited within the grace period after SIGTERM. */
  | { readonly kind: 'exited'; readonly info: ProcessInfo }
  /** Ignored SIGTERM for the grace period and was killed with SIGKILL. */
  | { readonly kind: 'killed'; readonly info: ProcessInfo }
  | { readonly kind: 'already-stopped'; readonly info: ProcessInfo };

export interface RestartOutcome {
  readonly stop: StopOutcome['kind'];
  readonly info: ProcessInfo;
}

export interface ProcessManager {
  /** Which design this is, for results: `v1` (locked) or `v2` (actor). */
  readonly variant: 'v1' | 'v2';
  /** Registers (or updates) the spec and starts the process unless it is already running. */
  start(spec: ProcessSpec, options?: OperationOptions): Promise<StartOutcome>;
  stop(id: string, options?: StopOptions): Promise<StopOutcome>;
  restart(id: string, options?: StopOptions): Promise<RestartOutcome>;
  getAllProcessInfo(): Promise<ProcessInfo[]>;
  getProcessInfo(id: string): Promise<ProcessInfo>;
  /** Stops every process (SIGTERM, grace period, SIGKILL) and refuses further operations. */
  shutdown(options?: { readonly gracePeriodMs?: number }): Promise<void>;
}
