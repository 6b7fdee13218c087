/**
 * Open-loop load in phases of constant rate (baseline → burst → baseline).
 * Requests go out at their intended times whether or not earlier ones were
 * answered, and latency counts from the intended time (no coordinated
 * omission), across phase boundaries too, so a backlog left by a burst shows
 * up in the phase after it.
 */
import { realClock, type LoopClock } from '../../../src/harness/load/loop-clock.js';

export interface LoadPhase {
  readonly name: string;
  readonly durationMs: number;
  readonly ratePerSec: number;
}

export interface PhasedLoadOptions {
  readonly phases: readonly LoadPhase[];
  readonly send: (index: number) => Promise<unknown>;
  /** Every settled request: its intended time (ms from start), latency (ms) or error. */
  readonly onSettled: (intendedAtMs: number, latencyMs: number, error: unknown) => void;
  readonly onSent?: (intendedAtMs: number) => void;
  readonly drainTimeoutMs?: number;
  readonly clock?: LoopClock;
}

export interface PhasedLoadResult {
  readonly sent: number;
  readonly completed: number;
  readonly errors: number;
  readonly unanswered: number;
  /** Start of each phase, ms from the start of the load. */
  readonly phaseStartsMs: readonly number[];
  readonly totalMs: number;
}

/** Intended send times (ms from start) of every request, phase by phase. */
export function phaseSchedule(phases: readonly LoadPhase[]): { starts: number[]; counts: number[] } {
  const starts: number[] = [];
  const counts: number[] = [];
  let atMs = 0;
  for (const [index, phase] of phases.entries()) {
    if (!(phase.durationMs > 0) || !(phase.ratePerSec > 0)) {
      throw new RangeError(
        `Expected phase ${index} (\`${phase.name}\`) to have a positive duration and rate, got ${phase.durationMs} ms at ${phase.ratePerSec}/s`,
      );
    }
    starts.push(atMs);
    counts.push(Math.floor((phase.ratePerSec * phase.durationMs) / 1000));
    atMs += phase.durationMs;
  }
  return { starts, counts };
}

export async function runPhasedLoad(options: PhasedLoadOptions): Promise<PhasedLoadResult> {
  const clock = options.clock ?? realClock;
  const { starts, counts } = phaseSchedule(options.phases);
  const totalMs = options.phases.reduce((sum, phase) => sum + phase.durationMs, 0);
  let sent = 0;
  let completed = 0;
  let errors = 0;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const origin = clock.now();

  const fire = (index: number, intendedAtMs: number) => {
    inFlight++;
    sent++;
    options.onSent?.(intendedAtMs);
    let pending: Promise<unknown>;
    try {
      pending = options.send(index);
    } catch (error: unknown) {
      pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    pending.then(
      () => {
        completed++;
        options.onSettled(intendedAtMs, clock.now() - origin - intendedAtMs, undefined);
        if (--inFlight === 0) drained?.();
      },
      (error: unknown) => {
        errors++;
        options.onSettled(intendedAtMs, clock.now() - origin - intendedAtMs, error);
        if (--inFlight === 0) drained?.();
      },
    );
  };

  let index = 0;
  for (let phase = 0; phase < options.phases.length; phase++) {
    const { ratePerSec } = options.phases[phase] as LoadPhase;
    const start = starts[phase] as number;
    const count = counts[phase] as number;
    let inPhase = 0;
    while (inPhase < count) {
      const elapsed = clock.now() - origin;
      let next = start + (inPhase * 1000) / ratePerSec;
      while (inPhase < count && next <= elapsed) {
        fire(index++, next);
        inPhase++;
        next = start + (inPhase * 1000) / ratePerSec;
      }
      if (inPhase < count) await clock.sleep(Math.min(1, Math.max(0, next - (clock.now() - origin))));
    }
  }
  // Let the last phase run out its time before draining.
  const rest = totalMs - (clock.now() - origin);
  if (rest > 0) await clock.sleep(rest);
  if (inFlight > 0) {
    const allAnswered = new Promise<void>((resolve) => (drained = resolve));
    await Promise.race([allAnswered, clock.sleep(options.drainTimeoutMs ?? 5000)]);
  }
  return { sent, completed, errors, unanswered: inFlight, phaseStartsMs: starts, totalMs };
}
