/**
 * Wall-clock microseconds with microsecond resolution. `Date.now()` has only
 * millisecond resolution, so the monotonic clock (CLOCK_MONOTONIC, shared by
 * every process on the host) is anchored to the wall clock once, at a
 * millisecond edge, which makes timestamps written by different processes
 * comparable to a few microseconds. The edge is bracketed by a monotonic read
 * before and after it; a process descheduled inside the bracket (a loaded
 * machine) would anchor its clock late by as long as it was away, so an edge
 * whose bracket is wider than EDGE_BRACKET_US is measured again, and the
 * narrowest of at most EDGE_ATTEMPTS is kept.
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

function edge(): ClockEdge {
  const start = Date.now();
  let beforeUs = monotonicUs();
  let now = Date.now();
  while (now === start) {
    beforeUs = monotonicUs();
    now = Date.now(); // spins < 1 ms
  }
  const afterUs = monotonicUs();
  return { anchorUs: now * 1000 - Math.round((beforeUs + afterUs) / 2), bracketUs: afterUs - beforeUs };
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
