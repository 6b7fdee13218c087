/**
 * The paced closed query loop of the original: call getAllProcessInfo() (or
 * the query given, e.g. one process's getProcessInfo()), wait
 * for the answer or the per-query timeout, sleep the pace, repeat until the
 * deadline. Completed latencies go into the histogram (µs); timeouts are
 * counted and their queries abandoned (they settle on their own).
 *
 * Halfway through each pace the loop also sends a bare query (src of the
 * floor: lib/bare-query.ts) the same way — after the same idle time, through
 * the same timeout race — so every trial measures what a query costs on this
 * machine in this minute without the manager, and the manager's share can be
 * told apart from the machine's state.
 */
import type { SampleRecorder } from '../../../src/harness/scenario.js';
import type { ProcessManager } from '../../../src/procman/index.js';
import { bareQueryOf } from './bare-query.js';
import type { ProcmanPerfConfig } from './perf-config.js';
import { sleepMs, withTimeout } from './with-timeout.js';

export interface QueryLoopOptions {
  readonly manager: ProcessManager;
  readonly now: () => number;
  readonly untilMs: number;
  readonly paceMs: number;
  readonly timeoutMs: number;
  /** The query each pace sends; default the manager's getAllProcessInfo(). */
  readonly query?: () => Promise<unknown>;
  /** The bare query probed halfway through each pace. */
  readonly bareQuery: () => Promise<unknown>;
  /** Omitted for warm-up loops. */
  readonly recorder?: SampleRecorder;
  /** Where this loop's query and bare-query latencies (µs) go; omitted for warm-up loops. */
  readonly samples?: QuerySamples;
}

export interface QuerySamples {
  readonly queryUs: number[];
  readonly bareUs: number[];
}

export interface QueryLoopCounts {
  samples: number;
  timeouts: number;
  errors: number;
}

async function timed(request: () => Promise<unknown>, options: QueryLoopOptions): Promise<number | 'timeout'> {
  const sentAt = options.now();
  const answer = await withTimeout(request(), options.timeoutMs);
  return answer.kind === 'timeout' ? 'timeout' : Math.max(1, (options.now() - sentAt) * 1000);
}

/** The loop options every procman workload shares: the original's pace and timeout, a bare query of n records. */
export function queryLoopOf(
  manager: ProcessManager,
  config: Pick<ProcmanPerfConfig, 'n' | 'queryPaceMs' | 'timeoutMs'>,
  now: () => number,
): Omit<QueryLoopOptions, 'untilMs'> {
  return { manager, now, paceMs: config.queryPaceMs, timeoutMs: config.timeoutMs, bareQuery: bareQueryOf(config.n) };
}

export async function runQueryLoop(options: QueryLoopOptions): Promise<QueryLoopCounts> {
  const counts: QueryLoopCounts = { samples: 0, timeouts: 0, errors: 0 };
  const halfPaceMs = options.paceMs / 2;
  while (options.now() < options.untilMs) {
    try {
      const latencyUs = await timed(options.query ?? (() => options.manager.getAllProcessInfo()), options);
      if (latencyUs === 'timeout') counts.timeouts += 1;
      else {
        counts.samples += 1;
        options.recorder?.record(latencyUs);
        options.samples?.queryUs.push(latencyUs);
      }
    } catch {
      counts.errors += 1;
    }
    await sleepMs(halfPaceMs);
    const bareUs = await timed(options.bareQuery, options);
    if (bareUs !== 'timeout') options.samples?.bareUs.push(bareUs);
    await sleepMs(halfPaceMs);
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
