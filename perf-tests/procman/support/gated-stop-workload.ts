/**
 * The workload every gated-stop scenario shares (after the original's
 * perf_*.rs): start the fleet, warm up, put a gated stop in flight, then for
 * one window run query loops (readers) and optional stop+start churn while the
 * gate opens after the hold. The same code runs against v1 and v2.
 *
 * With churn, a second window follows once the gated stop is over: the same
 * churn and queries with nothing else in flight (`churnWindow…` metrics), so
 * what the churn itself does to the queries is measured apart from the gate;
 * v1's runs longer (churnWindowMs).
 * In the gated window v1's churn waits behind the gated stop's write lock like
 * every query, which leaves the gate's one timeout as all v1 shows there.
 */
import { StallMonitor } from '../../../src/harness/resources/stall-monitor.js';
import type { ScenarioContext } from '../../../src/harness/scenario.js';
import { createProcessManager } from '../../../src/procman/index.js';
import type { ProcmanVariant } from '../../../src/procman/index.js';
import { waitForFile } from '../../../src/procman/testing/wait-for-file.js';
import { GATED_ID, planFleet, startFleet } from './fleet.js';
import type { Fleet } from './fleet.js';
import { churnWindowMs, gateHoldMs, minExpectedSamples } from './perf-config.js';
import type { ProcmanPerfConfig } from './perf-config.js';
import { recordOverFloor } from './bare-query.js';
import { queryLoopOf, runQueryLoop } from './query-loop.js';
import { runQueryWindow } from './query-window.js';
import type { WindowLoad, WindowOutcome } from './query-window.js';
import { queryHistogram, recordChurnStats, recordQueryCounts } from './record-window.js';
import { withTimeout } from './with-timeout.js';

export interface GatedStopShape {
  /** Independent query loops. */
  readonly readers: number;
  /** Stop+start churn tasks; 0 for none. */
  readonly churnTasks: number;
  /**
   * The gated process is the hot one: its gated stop is the long operation and
   * the churn cycles it alone; the plain processes are cold (no lifecycle
   * change) and one more loop queries them one at a time (`coldQuery…`).
   * Otherwise the churn cycles the plain processes.
   */
  readonly hot?: boolean;
}

export interface GatedStopParams {
  readonly variant: ProcmanVariant;
  readonly config: ProcmanPerfConfig;
}

/** The gated process may take as long as it likes to stop; the gate, not SIGKILL, ends it. */
const GATED_GRACE_MS = 60_000;
const ACK_TIMEOUT_MS = 5_000;
const STOP_SETTLE_TIMEOUT_MS = 30_000;

function loadOf(shape: GatedStopShape, fleet: Fleet): WindowLoad {
  return {
    readers: shape.readers,
    churnTasks: shape.churnTasks,
    churnTargets: shape.hot ? [fleet.gated] : fleet.plain,
    coldIds: shape.hot ? fleet.plain.map((spec) => spec.id) : [],
  };
}

function recordCold(ctx: ScenarioContext<GatedStopParams>, prefix: string, outcome: WindowOutcome): void {
  if (outcome.cold) recordQueryCounts(ctx, prefix, outcome.cold, ctx.params.variant);
}

export async function runGatedStopWorkload(
  ctx: ScenarioContext<GatedStopParams>,
  name: string,
  shape: GatedStopShape,
): Promise<void> {
  const { variant, config } = ctx.params;
  const now = (): number => ctx.now();
  const holdMs = gateHoldMs(config.windowMs);
  const manager = createProcessManager(variant);
  const fleet = planFleet(config.n, name);
  const churn = shape.churnTasks > 0;
  const load = loadOf(shape, fleet);
  const hasCold = load.coldIds.length > 0;
  try {
    await startFleet(manager, fleet);
    await runQueryLoop({ ...queryLoopOf(manager, config, now), untilMs: now() + config.warmupMs });

    const stopStartedAt = now();
    const stopping = manager.stop(GATED_ID, { gracePeriodMs: GATED_GRACE_MS }).then(() => now() - stopStartedAt);
    stopping.catch(() => undefined);
    await waitForFile(fleet.gate.ack, ACK_TIMEOUT_MS);

    const stalls = new StallMonitor();
    stalls.start();
    const windowStart = now();
    const gateTimer = setTimeout(() => fleet.openGate(), holdMs);
    // With stop+start churn the p99 is the one or two queries that met a GC pause or a fork
    // (see gcPauseMaxUs): reported; gated on p50 and p95 (docs/decisions.md, "Procman churn
    // windows gate query p50 and p95, not p99").
    const gated = await runQueryWindow({
      manager,
      config,
      now,
      untilMs: windowStart + config.windowMs,
      load,
      recorders: {
        query: queryHistogram(ctx, '', { churn }),
        ...(hasCold ? { cold: queryHistogram(ctx, 'cold', { churn }) } : {}),
      },
    });
    const measuredMs = now() - windowStart;
    const stallSummary = await stalls.stop();
    clearTimeout(gateTimer);
    fleet.openGate();
    const stopped = await withTimeout(stopping, STOP_SETTLE_TIMEOUT_MS);
    if (stopped.kind === 'timeout')
      throw new Error(`The gated stop did not finish ${STOP_SETTLE_TIMEOUT_MS} ms after the gate opened`);

    recordQueryCounts(ctx, '', gated.query, variant);
    recordOverFloor(ctx, gated.samples, { p50: true, p95: true });
    ctx.value('gatedStopMs', 'latencyMs', stopped.value, { gate: false });
    recordCold(ctx, 'cold', gated);
    if (gated.churn) {
      recordChurnStats(ctx, '', gated.churn);
      ctx.note('churn', gated.churn);
    }
    ctx.value('loopDelayMaxUs', 'latencyUs', stallSummary.loopDelayMaxUs, { gate: false });
    ctx.value('gcPauseMaxUs', 'latencyUs', stallSummary.gcPauseMaxUs, { gate: false });

    if (churn) {
      const churnOnly = await runQueryWindow({
        manager,
        config,
        now,
        untilMs: now() + churnWindowMs(config, variant),
        load,
        recorders: {
          query: queryHistogram(ctx, 'churnWindow', { churn }),
          ...(hasCold ? { cold: queryHistogram(ctx, 'churnWindowCold', { churn }) } : {}),
        },
      });
      recordQueryCounts(ctx, 'churnWindow', churnOnly.query, variant);
      recordCold(ctx, 'churnWindowCold', churnOnly);
      if (churnOnly.churn) recordChurnStats(ctx, 'churnWindow', churnOnly.churn);
    }

    ctx.note('stalls', stallSummary);
    ctx.note('shape', shape);
    ctx.note('gateHoldMs', holdMs);
    if (churn) ctx.note('churnWindowMs', churnWindowMs(config, variant));
    ctx.note('minExpectedSamples', minExpectedSamples(config.windowMs, config.queryPaceMs));
    ctx.note('measuredWindowMs', Math.round(measuredMs));
  } finally {
    fleet.openGate();
    await manager.shutdown({ gracePeriodMs: 2_000 });
    fleet.remove();
  }
}
