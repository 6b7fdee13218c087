/**
 * Wall-clock microseconds with microsecond resolution. `Date.now()` has only
 * millisecond resolution, so the monotonic clock (CLOCK_MONOTONIC, shared by
 * every process on the host) is anchored to the wall clock once, at a
 * millisecond edge, which makes timestamps written by different processes
 * comparable to a few microseconds. The edge lies between the last
 * `Date.now()` that read the old millisecond and the first that read the new
 * one, so its bracket runs from a monotonic read before the first of those two
 * calls to one after the second: a process descheduled anywhere around the
 * edge widens the bracket instead of moving the anchor. An edge whose bracket
 * is wider than EDGE_BRACKET_US is measured again, and the narrowest of at
 * most EDGE_ATTEMPTS is kept.
 */
import { hrtime } from 'node:process';

export type ClockUs = () => number;

const EDGE_BRACKET_US = 20;
const EDGE_ATTEMPTS = 5;

let anchorUs: number | undefined;

function monotonicUs(): number {
  return Number(hrtime.bigint() / 1000n);
}

/** One millisecond edge of the wall clock: the anchor it gives and the width of its bracket. */
export interface ClockEdge {
  readonly anchorUs: number;
  readonly bracketUs: number;
}

/** The two clocks an edge is read from. */
export interface ClockReaders {
  readonly wallMs: () => number;
  readonly monotonicUs: () => number;
}

const SYSTEM_CLOCKS: ClockReaders = { wallMs: Date.now, monotonicUs };

export function edge(clocks: ClockReaders = SYSTEM_CLOCKS): ClockEdge {
  let lowUs = clocks.monotonicUs();
  const start = clocks.wallMs();
  for (;;) {
    const readUs = clocks.monotonicUs();
    const now = clocks.wallMs(); // spins < 1 ms
    if (now !== start) {
      const highUs = clocks.monotonicUs();
      return { anchorUs: now * 1000 - Math.round((lowUs + highUs) / 2), bracketUs: highUs - lowUs };
    }
    // That call still read the old millisecond, so the edge comes after `readUs`.
    lowUs = readUs;
  }
}

/** The anchor of the narrowest edge: edges are measured until one is narrow enough, at most EDGE_ATTEMPTS. */
export function calibrate(measureEdge: () => ClockEdge = edge): number {
  let best = measureEdge();
  for (let attempt = 1; attempt < EDGE_ATTEMPTS && best.bracketUs > EDGE_BRACKET_US; attempt += 1) {
    const next = measureEdge();
    if (next.bracketUs < best.bracketUs) best = next;
  }
  return best.anchorUs;
}

/** Wall-clock microseconds since the epoch. */
export const wallClockUs: ClockUs = () => {
  anchorUs ??= calibrate();
  return anchorUs + monotonicUs();
};
