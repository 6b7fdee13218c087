/**
 * Shape B of the original's perf_procman_v1_vs_v2 (fair for v1 and v2): n
 * plain processes and no gated one; for one window, min(concurrency, 8) tasks
 * stop and start every process in turn while one paced loop queries
 * getAllProcessInfo. No long operation: whatever the queries wait for is the
 * lifecycle work itself.
 */
import { StallMonitor } from '../../../src/harness/resources/stall-monitor.js';
import type { ScenarioContext } from '../../../src/harness/scenario.js';
import { createProcessManager } from '../../../src/procman/index.js';
import { recordOverFloor } from './bare-query.js';
import { planPlainFleet } from './fleet.js';
import type { GatedStopParams } from './gated-stop-workload.js';
import { minExpectedSamples } from './perf-config.js';
import { queryLoopOf, runQueryLoop } from './query-loop.js';
import { runQueryWindow } from './query-window.js';
import { queryHistogram, recordChurnStats, recordQueryCounts } from './record-window.js';

/** The original's bound on the bulk churn's concurrency. */
const MAX_CHURN_TASKS = 8;

export type BulkStopStartParams = GatedStopParams;

export async function runBulkStopStartWorkload(ctx: ScenarioContext<BulkStopStartParams>, name: string): Promise<void> {
  const { variant, config } = ctx.params;
  const now = (): number => ctx.now();
  const manager = createProcessManager(variant);
  const specs = planPlainFleet(config.n, name);
  const churnTasks = Math.min(config.concurrency, MAX_CHURN_TASKS);
  try {
    await Promise.all(specs.map((spec) => manager.start(spec)));
    await runQueryLoop({ ...queryLoopOf(manager, config, now), untilMs: now() + config.warmupMs });

    const stalls = new StallMonitor();
    stalls.start();
    const windowStart = now();
    const outcome = await runQueryWindow({
      manager,
      config,
      now,
      untilMs: windowStart + config.windowMs,
      load: { readers: 1, churnTasks, churnTargets: specs, coldIds: [] },
      recorders: { query: queryHistogram(ctx, '', { churn: true }) },
    });
    const measuredMs = now() - windowStart;
    const stallSummary = await stalls.stop();

    recordQueryCounts(ctx, '', outcome.query, variant);
    recordOverFloor(ctx, outcome.samples, { p50: true, p95: true });
    if (outcome.churn) {
      recordChurnStats(ctx, '', outcome.churn);
      ctx.note('churn', outcome.churn);
    }
    ctx.value('loopDelayMaxUs', 'latencyUs', stallSummary.loopDelayMaxUs, { gate: false });
    ctx.value('gcPauseMaxUs', 'latencyUs', stallSummary.gcPauseMaxUs, { gate: false });
    ctx.note('stalls', stallSummary);
    ctx.note('churnTasks', churnTasks);
    ctx.note('minExpectedSamples', minExpectedSamples(config.windowMs, config.queryPaceMs));
    ctx.note('measuredWindowMs', Math.round(measuredMs));
  } finally {
    await manager.shutdown({ gracePeriodMs: 2_000 });
  }
}
