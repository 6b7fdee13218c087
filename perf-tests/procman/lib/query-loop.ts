/**
 * The paced closed query loop of the original: call getAllProcessInfo(), wait
 * for the answer or the per-query timeout, sleep the pace, repeat until the
 * deadline. Completed latencies go into the histogram (µs); timeouts are
 * counted and their queries abandoned (they settle on their own).
 */
import type { SampleRecorder } from '../../../src/harness/scenario.js';
import type { ProcessManager } from '../../../src/procman/index.js';
import { sleepMs, withTimeout } from './with-timeout.js';

export interface QueryLoopOptions {
  readonly manager: ProcessManager;
  readonly now: () => number;
  readonly untilMs: number;
  readonly paceMs: number;
  readonly timeoutMs: number;
  /** Omitted for warm-up loops. */
  readonly recorder?: SampleRecorder;
}

export interface QueryLoopCounts {
  samples: number;
  timeouts: number;
  errors: number;
}

export async function runQueryLoop(options: QueryLoopOptions): Promise<QueryLoopCounts> {
  const counts: QueryLoopCounts = { samples: 0, timeouts: 0, errors: 0 };
  while (options.now() < options.untilMs) {
    const sentAt = options.now();
    try {
      const answer = await withTimeout(options.manager.getAllProcessInfo(), options.timeoutMs);
      if (answer.kind === 'timeout') counts.timeouts += 1;
      else {
        counts.samples += 1;
        options.recorder?.record(Math.max(1, (options.now() - sentAt) * 1000));
      }
    } catch {
      counts.errors += 1;
    }
    await sleepMs(options.paceMs);
  }
  return counts;
}

export function sumCounts(all: readonly QueryLoopCounts[]): QueryLoopCounts {
  return all.reduce(
    (sum, c) => ({
      samples: sum.samples + c.samples,
      timeouts: sum.timeouts + c.timeouts,
      errors: sum.errors + c.errors,
    }),
    { samples: 0, timeouts: 0, errors: 0 },
  );
}
