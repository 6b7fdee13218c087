/**
 * Open-loop, constant-rate load with an optional linear ramp. Requests are
 * sent at their intended times whether or not earlier ones have answered,
 * and latency is measured from the *intended* send time, so a stall in the
 * system (or in this generator) shows up in the numbers instead of being
 * hidden (coordinated omission).
 */
import { coerceError } from '../../lib/coerce-error.js';
import { realClock, type LoopClock } from './loop-clock.js';
import { check } from '../../lib/validate.js';

export interface OpenLoopOptions {
  /** Target rate, requests per second. */
  readonly ratePerSec: number;
  readonly durationMs: number;
  /** Linear ramp from `rampStartRatePerSec` to `ratePerSec` over this time; default 0 (no ramp). */
  readonly rampUpMs?: number;
  readonly rampStartRatePerSec?: number;
  /** Sends one request; rejects on failure. */
  readonly send: (index: number) => Promise<unknown>;
  /** Called for every answered request with its latency from the intended send time, ms. */
  readonly onLatency: (latencyMs: number, intendedAtMs: number) => void;
  readonly onError?: (error: unknown, intendedAtMs: number) => void;
  /** How long to wait for outstanding requests after the last send, ms; default 5000. */
  readonly drainTimeoutMs?: number;
  /** Longest sleep between scheduling passes, ms; default 1. */
  readonly tickMs?: number;
  readonly clock?: LoopClock;
}

export interface OpenLoopResult {
  readonly sent: number;
  readonly completed: number;
  readonly errors: number;
  /** Requests still unanswered when the drain timeout ran out. */
  readonly unanswered: number;
  /** Largest number of requests in flight at once. */
  readonly peakInFlight: number;
  /** Time from the first intended send to the end of sending, ms. */
  readonly sendWindowMs: number;
}

/**
 * The intended send time (ms from start) of request `index`: constant rate
 * r after a linear ramp from r0 over R ms, i.e. the inverse of
 * N(t) = r0·t + (r − r0)·t²/(2R) during the ramp and N(R) + r·(t − R) after.
 */
export function intendedSendTimeMs(index: number, ratePerSec: number, rampUpMs = 0, rampStartRatePerSec = 0): number {
  const r = ratePerSec / 1000;
  if (rampUpMs <= 0) return index / r;
  const r0 = rampStartRatePerSec / 1000;
  const rampCount = ((r0 + r) / 2) * rampUpMs;
  if (index >= rampCount) return rampUpMs + (index - rampCount) / r;
  const a = (r - r0) / (2 * rampUpMs);
  if (a === 0) return index / r0;
  return (-r0 + Math.sqrt(r0 * r0 + 4 * a * index)) / (2 * a);
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  check.positiveNumber('ratePerSec', options.ratePerSec, 'requests per second');
  if (options.rampStartRatePerSec !== undefined) {
    check.nonNegativeNumber('rampStartRatePerSec', options.rampStartRatePerSec, 'requests per second');
  }
  check.positiveNumber('durationMs', options.durationMs, 'ms');
  const clock = options.clock ?? realClock;
  const tickMs = options.tickMs ?? 1;
  const rampUpMs = options.rampUpMs ?? 0;
  const rampStart = options.rampStartRatePerSec ?? 0;
  const start = clock.now();
  let index = 0;
  let completed = 0;
  let errors = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let drained: (() => void) | undefined;

  const settle = () => {
    inFlight -= 1;
    if (inFlight === 0) drained?.();
  };

  const fire = (i: number, intendedAt: number) => {
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    let pending: Promise<unknown>;
    try {
      pending = options.send(i);
    } catch (error) {
      pending = Promise.reject(coerceError(error));
    }
    pending.then(
      () => {
        completed += 1;
        options.onLatency(clock.now() - intendedAt, intendedAt);
        settle();
      },
      (error: unknown) => {
        errors += 1;
        options.onError?.(error, intendedAt);
        settle();
      },
    );
  };

  for (;;) {
    const elapsed = clock.now() - start;
    let next = intendedSendTimeMs(index, options.ratePerSec, rampUpMs, rampStart);
    while (next <= elapsed && next < options.durationMs) {
      fire(index, start + next);
      index += 1;
      next = intendedSendTimeMs(index, options.ratePerSec, rampUpMs, rampStart);
    }
    if (next >= options.durationMs) break;
    await clock.sleep(Math.min(tickMs, Math.max(0, next - (clock.now() - start))));
  }
  const sendWindowMs = clock.now() - start;

  if (inFlight > 0) {
    const drainTimeoutMs = options.drainTimeoutMs ?? 5000;
    const allAnswered = new Promise<void>((resolve) => (drained = resolve));
    await Promise.race([allAnswered, clock.sleep(drainTimeoutMs)]);
  }
  return { sent: index, completed, errors, unanswered: inFlight, peakInFlight, sendWindowMs };
}
