/**
 * One measured window: `readers` loops query the whole table, an optional loop
 * queries the cold processes one at a time, and optional stop+start churn
 * tasks cycle their targets — all until the same deadline.
 */
import type { SampleRecorder } from '../../../src/harness/scenario.js';
import type { ProcessManager, ProcessSpec } from '../../../src/procman/index.js';
import { bareQueryOf, newSamples } from './bare-query.js';
import { runChurn } from './churn.js';
import type { ChurnStats } from './churn.js';
import { coldQueryOf } from './cold-query.js';
import type { ProcmanPerfConfig } from './perf-config.js';
import { queryLoopOf, runQueryLoop, sumCounts } from './query-loop.js';
import type { QueryLoopCounts, QuerySamples } from './query-loop.js';

export interface WindowLoad {
  /** Independent getAllProcessInfo() loops. */
  readonly readers: number;
  /** Stop+start churn tasks over `churnTargets`; 0 for none. */
  readonly churnTasks: number;
  readonly churnTargets: readonly ProcessSpec[];
  /** Processes queried one at a time with getProcessInfo() by one more loop; empty for no such loop. */
  readonly coldIds: readonly string[];
}

export interface WindowRecorders {
  readonly query: SampleRecorder;
  /** Where the cold loop's latencies go; required when the load has cold processes. */
  readonly cold?: SampleRecorder;
}

export interface WindowOutcome {
  readonly query: QueryLoopCounts;
  /** Per reader: its query and bare-query latencies (the floor). */
  readonly samples: readonly QuerySamples[];
  readonly cold: QueryLoopCounts | undefined;
  readonly churn: ChurnStats | undefined;
}

export interface WindowOptions {
  readonly manager: ProcessManager;
  readonly config: ProcmanPerfConfig;
  readonly now: () => number;
  readonly untilMs: number;
  readonly load: WindowLoad;
  readonly recorders: WindowRecorders;
}

export async function runQueryWindow(options: WindowOptions): Promise<WindowOutcome> {
  const { manager, config, now, untilMs, load, recorders } = options;
  const loop = queryLoopOf(manager, config, now);
  const samples = Array.from({ length: load.readers }, newSamples);
  const coldLoop =
    load.coldIds.length === 0
      ? undefined
      : runQueryLoop({
          ...loop,
          untilMs,
          query: coldQueryOf(manager, load.coldIds),
          bareQuery: bareQueryOf(1),
          ...(recorders.cold === undefined ? {} : { recorder: recorders.cold }),
        });
  const churn =
    load.churnTasks > 0
      ? runChurn({
          manager,
          targets: load.churnTargets,
          tasks: load.churnTasks,
          now,
          untilMs,
          paceMs: config.churnPaceMs,
          operationTimeoutMs: config.stopTimeoutMs,
        })
      : undefined;
  const [loops, cold, churnStats] = await Promise.all([
    Promise.all(samples.map((s) => runQueryLoop({ ...loop, untilMs, recorder: recorders.query, samples: s }))),
    coldLoop,
    churn,
  ]);
  return { query: sumCounts(loops), samples, cold, churn: churnStats };
}
