/**
 * A paced closed loop, as the procman scenarios define it: one request at a
 * time, started every `paceMs`; each waits at most `timeoutMs`, and a
 * request that times out is counted (its latency is not a sample). A
 * request that took longer than the pace starts the next one at once.
 */
import { realClock, type LoopClock } from './loop-clock.js';
import { check } from '../../lib/validate.js';

export interface PacedLoopOptions {
  readonly paceMs: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
  readonly request: () => Promise<unknown>;
  /** Latency of each answered request, ms. */
  readonly onLatency: (latencyMs: number) => void;
  readonly clock?: LoopClock;
  /** Stops the loop early. */
  readonly signal?: AbortSignal;
}

export interface PacedLoopResult {
  readonly attempted: number;
  readonly answered: number;
  readonly timeouts: number;
  readonly errors: number;
  readonly elapsedMs: number;
}

const TIMED_OUT = Symbol('timed out');

export async function runPacedLoop(options: PacedLoopOptions): Promise<PacedLoopResult> {
  for (const field of ['paceMs', 'durationMs', 'timeoutMs'] as const)
    check.nonNegativeNumber(field, options[field], 'ms');
  const clock = options.clock ?? realClock;
  const start = clock.now();
  let attempted = 0;
  let answered = 0;
  let timeouts = 0;
  let errors = 0;
  while (clock.now() - start < options.durationMs && !options.signal?.aborted) {
    const sentAt = clock.now();
    attempted += 1;
    const cancelTimer = new AbortController();
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      clock.sleep(options.timeoutMs, cancelTimer.signal).then(
        () => resolve(TIMED_OUT),
        () => undefined, // cancelled: the request answered first
      );
    });
    try {
      const outcome = await Promise.race([options.request(), timeout]);
      if (outcome === TIMED_OUT) timeouts += 1;
      else {
        answered += 1;
        options.onLatency(clock.now() - sentAt);
      }
    } catch {
      errors += 1;
    } finally {
      cancelTimer.abort();
    }
    const wait = sentAt + options.paceMs - clock.now();
    if (wait > 0) await clock.sleep(wait);
  }
  return { attempted, answered, timeouts, errors, elapsedMs: clock.now() - start };
}
