/** What shutdown is about and what it produced. */

export type ShutdownReason =
  | { readonly kind: 'requested' }
  | { readonly kind: 'signal'; readonly signal: NodeJS.Signals }
  | { readonly kind: 'error'; readonly error: unknown };

export const REQUESTED: ShutdownReason = Object.freeze({ kind: 'requested' });

/** The phase in which a subsystem finished stopping, or `abandoned` if it never did. */
export type StopPhase = 'graceful' | 'forced' | 'abandoned';

export interface SubsystemStop {
  readonly name: string;
  readonly phase: StopPhase;
  /** Time from the stop request to the subsystem being done; null when abandoned. */
  readonly stoppedAfterMs: number | null;
}

/** The worst phase any subsystem needed: all graceful, some forced, or some abandoned. */
export type DrainOutcome = StopPhase;

export interface DrainResult {
  readonly outcome: DrainOutcome;
  readonly subsystems: readonly SubsystemStop[];
}

export interface ShutdownReport extends DrainResult {
  readonly reason: ShutdownReason;
  /** From the shutdown request to the end of the drain. */
  readonly durationMs: number;
  /** Names of the subsystems still running when they were abandoned (after the force timeout). */
  readonly abandoned: readonly string[];
}
