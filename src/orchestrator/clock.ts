/**
 * Wall-clock microseconds with microsecond resolution. `Date.now()` has only
 * millisecond resolution, so the monotonic clock (CLOCK_MONOTONIC, shared by
 * every process on the host) is anchored to the wall clock once, at a
 * millisecond edge, which makes timestamps written by different processes
 * comparable to a few microseconds.
 */
import { hrtime } from 'node:process';

export type ClockUs = () => number;

let anchorUs: number | undefined;

/** The host's monotonic clock (shared by every process), µs. */
export function monotonicUs(): number {
  return Number(hrtime.bigint() / 1000n);
}

function calibrate(): number {
  const start = Date.now();
  let now = Date.now();
  while (now === start) now = Date.now(); // spins < 1 ms, once per process
  return now * 1000 - monotonicUs();
}

/** Wall-clock microseconds since the epoch. */
export const wallClockUs: ClockUs = () => {
  anchorUs ??= calibrate();
  return anchorUs + monotonicUs();
};
