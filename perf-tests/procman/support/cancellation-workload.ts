/**
 * The cancellation workload (after the original's perf_cancellation_semantics):
 * a gated stop is cancelled by its caller mid-flight, strict probes follow at
 * once, then a warm-up and a normal query window with the gate still closed.
 *
 * The cancelled stop leaves its cleanup undone: the process got its SIGTERM
 * and is still `stopping`. A second stop (the retry that finishes it) is sent
 * with the gate still closed and strict probes follow: v1 runs the retry under
 * its write lock, so the probes wait for the gate; v2 runs it in the operation
 * runner and answers at once. Then the gate opens and the retry must finish.
 */
import type { SampleRecorder, ScenarioContext } from '../../../src/harness/scenario.js';
import { createProcessManager, isProcmanError } from '../../../src/procman/index.js';
import type { ProcessManager, ProcmanVariant } from '../../../src/procman/index.js';
import { waitForFile } from '../../../src/procman/testing/wait-for-file.js';
import { GATED_ID, planFleet, startFleet } from './fleet.js';
import { minExpectedSamples } from './perf-config.js';
import type { ProcmanPerfConfig } from './perf-config.js';
import { newSamples, recordOverFloor } from './bare-query.js';
import { queryLoopOf, runQueryLoop } from './query-loop.js';
import { QUERY_LATENCY_NOISE } from './query-noise.js';
import { withTimeout } from './with-timeout.js';

export interface CancellationParams {
  readonly variant: ProcmanVariant;
  readonly config: ProcmanPerfConfig;
}

const GATED_GRACE_MS = 60_000;
const ACK_TIMEOUT_MS = 5_000;

/** cancelProbeCount queries one after another, each against the strict probe timeout; returns the timeouts. */
async function probeQueries(
  manager: ProcessManager,
  config: ProcmanPerfConfig,
  now: () => number,
  recorder: SampleRecorder,
): Promise<number> {
  let timeouts = 0;
  for (let i = 0; i < config.cancelProbeCount; i += 1) {
    const sentAt = now();
    const answer = await withTimeout(manager.getAllProcessInfo(), config.cancelProbeTimeoutMs);
    if (answer.kind === 'timeout') timeouts += 1;
    else recorder.record(Math.max(1, (now() - sentAt) * 1000));
  }
  return timeouts;
}

export async function runCancellationWorkload(ctx: ScenarioContext<CancellationParams>, name: string): Promise<void> {
  const { variant, config } = ctx.params;
  const now = (): number => ctx.now();
  const manager = createProcessManager(variant);
  const fleet = planFleet(config.n, name);
  const loop = queryLoopOf(manager, config, now);
  try {
    await startFleet(manager, fleet);
    const controller = new AbortController();
    const stopping = manager.stop(GATED_ID, { gracePeriodMs: GATED_GRACE_MS, signal: controller.signal });
    stopping.catch(() => undefined);
    await waitForFile(fleet.gate.ack, ACK_TIMEOUT_MS);

    const abortedAt = now();
    controller.abort(new Error('the caller gave up'));
    const released = await withTimeout(
      stopping.then(
        () => 'completed' as const,
        (error: unknown) => (isProcmanError(error, 'aborted') ? ('aborted' as const) : ('failed' as const)),
      ),
      config.timeoutMs,
    );
    const releaseUs = (now() - abortedAt) * 1000;

    // Strict probes right after the abort, before any warm-up.
    const probes = ctx.histogram('cancelProbeLatencyUs', 'latencyUs', { stats: ['max'], gate: false });
    const probeTimeouts = await probeQueries(manager, config, now, probes);

    await runQueryLoop({ ...loop, untilMs: now() + config.warmupMs });
    const recorder = ctx.histogram('queryLatencyUs', 'latencyUs', {
      stats: ['p50', 'p95', 'p99', 'max'],
      noise: QUERY_LATENCY_NOISE,
    });
    const samples = newSamples();
    const counts = await runQueryLoop({ ...loop, untilMs: now() + config.windowMs, recorder, samples });

    // The retry, sent with the gate still closed, and strict probes while it is in flight.
    const retry = manager.stop(GATED_ID, { gracePeriodMs: GATED_GRACE_MS }).then(
      () => true,
      () => false,
    );
    const retryProbes = ctx.histogram('retryProbeLatencyUs', 'latencyUs', { stats: ['max'], gate: false });
    const retryProbeTimeouts = await probeQueries(manager, config, now, retryProbes);
    fleet.openGate();
    const second = await withTimeout(retry, config.stopTimeoutMs);
    const secondStopAccepted = second.kind === 'done' && second.value;

    const gateV2 = variant === 'v2';
    ctx.value('cancelProbeTimeouts', 'count', probeTimeouts, { gate: gateV2 });
    ctx.value('abortReleaseUs', 'latencyUs', Math.max(1, releaseUs), { gate: false });
    ctx.value('abortedCallerReleased', 'fraction', released.kind === 'done' && released.value === 'aborted' ? 1 : 0, {
      gate: false,
    });
    ctx.value('retryProbeTimeouts', 'count', retryProbeTimeouts, { gate: gateV2 });
    ctx.value('queryTimeouts', 'count', counts.timeouts, { gate: gateV2 });
    recordOverFloor(ctx, [samples], { p50: true, p95: true });
    ctx.value('querySamples', 'completedCount', counts.samples, { gate: false });
    ctx.value('queryErrors', 'count', counts.errors, { gate: false });
    ctx.value('secondStopAccepted', 'fraction', secondStopAccepted ? 1 : 0, { gate: false });
    ctx.note('callerAfterAbort', released.kind === 'done' ? released.value : 'still waiting');
    ctx.note('minExpectedSamples', minExpectedSamples(config.windowMs, config.queryPaceMs));
  } finally {
    fleet.openGate();
    await manager.shutdown({ gracePeriodMs: 2_000 });
    fleet.remove();
  }
}
