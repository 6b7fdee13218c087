/**
 * Sustained load (seed: benchmark_sustained_load): a constant request rate for
 * a long stretch (minutes at full instead of 24 h). No leak: the JS heap plus
 * external memory settled after GC at the end, against the same reading after
 * the first interval. Degradation: the last third of the intervals against the
 * first third (completed rate and p99).
 */
import { SloMonitor, type SloAlert } from '../../src/agents/index.js';
import { requestLatencyHistogram, startReceivingAgents, warmUp } from './support/load-scenario.js';
import type { LoadAgentsParams } from './support/load-scenario.js';
import { defineScenario } from '../../src/harness/scenario.js';
import type { IntervalFigures } from './support/interval-figures.js';
import { settledMemory } from './support/memory.js';
import { runRequestLoad } from './support/request-load.js';

interface Params extends LoadAgentsParams {
  readonly ratePerSec: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly intervalMs: number;
}

function thirds(intervals: readonly IntervalFigures[]): { first: IntervalFigures[]; last: IntervalFigures[] } {
  const size = Math.max(1, Math.floor(intervals.length / 3));
  return { first: intervals.slice(0, size), last: intervals.slice(-size) };
}

/**
 * An interval's p99 with its unanswered requests counted: when more than 1 %
 * of what it sent was never answered, its p99 is one of those, which waited
 * at least until the load gave up on them (`loadEndedMs`, from the start of the load).
 */
function p99CountingUnansweredUs(interval: IntervalFigures, intervalMs: number, loadEndedMs: number): number {
  if (interval.received >= 0.99 * interval.sent) return interval.p99Us;
  return Math.max(interval.p99Us, (loadEndedMs - (interval.startMs + intervalMs)) * 1000);
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]) => (values.length === 0 ? 0 : sum(values) / values.length);

export default defineScenario<Params>(async (ctx) => {
  const { params } = ctx;
  const { runtime, payload } = await startReceivingAgents(ctx, params);
  const phase = { name: 'sustained', ratePerSec: params.ratePerSec };

  // Warm-up at the same rate, then the baseline memory reading.
  await warmUp(ctx, runtime, payload, { ...phase, durationMs: params.warmupMs, intervalMs: params.intervalMs });
  const baseline = settledMemory();

  // The runtime's own SLO monitor watches the run (Caxton's p99 10 ms, 1 % errors).
  const alerts: SloAlert[] = [];
  runtime.metrics.intervalSnapshot();
  const monitor = new SloMonitor({
    thresholds: { p99LatencyUs: 10_000, errorRate: 0.01, minSamples: 100 },
    read: () => runtime.metrics.intervalSnapshot(),
    onAlert: (alert) => alerts.push(alert),
  });
  monitor.start(params.intervalMs);
  const latency = requestLatencyHistogram(ctx, ['p50', 'p99', 'p99.9', 'max']);
  const loadStartedMs = ctx.now();
  const result = await runRequestLoad({
    runtime,
    capability: 'work',
    payload,
    phases: [{ ...phase, durationMs: params.durationMs }],
    intervalMs: params.intervalMs,
    latency,
  });
  monitor.stop();
  const loadEndedMs = ctx.now() - loadStartedMs;
  const end = settledMemory();

  const full = result.intervals.filter((interval) => interval.startMs + params.intervalMs <= params.durationMs);
  const { first, last } = thirds(full);
  const firstRate = sum(first.map((i) => i.received)) / first.length;
  const lastRate = sum(last.map((i) => i.received)) / last.length;
  ctx.value('successRate', 'fraction', result.successRate);
  ctx.value('throughputDegradation', 'ratio', firstRate === 0 ? 1 : Math.max(0, (firstRate - lastRate) / firstRate), {
    gate: false,
  });
  ctx.value(
    'p99LastToFirstRatio',
    'ratio',
    mean(last.map((i) => i.p99Us)) / Math.max(1, mean(first.map((i) => i.p99Us))),
    { gate: false },
  );
  const firstInterval = full[0];
  const lastInterval = full[full.length - 1];
  if (firstInterval === undefined || lastInterval === undefined || full.length < 2) {
    throw new Error(`Expected at least two full intervals of ${params.intervalMs} ms, got ${full.length}`);
  }
  const firstP99Us = p99CountingUnansweredUs(firstInterval, params.intervalMs, loadEndedMs);
  const lastP99Us = p99CountingUnansweredUs(lastInterval, params.intervalMs, loadEndedMs);
  ctx.value('firstIntervalP99Us', 'latencyUs', firstP99Us, { gate: false });
  ctx.value('lastIntervalP99Us', 'latencyUs', lastP99Us, { gate: false });
  ctx.value('p99LastIntervalToFirstRatio', 'ratio', lastP99Us / Math.max(1, firstP99Us), { gate: false });
  ctx.value('heapGrowthBytes', 'bytes', end.heapAndExternalBytes - baseline.heapAndExternalBytes, { gate: false });
  ctx.value(
    'heapGrowthPerMessageBytes',
    'bytes',
    (end.heapAndExternalBytes - baseline.heapAndExternalBytes) / Math.max(1, result.sent),
    { gate: false },
  );
  ctx.value('sloAlertsFired', 'count', alerts.filter((alert) => alert.state === 'firing').length, { gate: false });
  ctx.note('sloAlerts', alerts);
  ctx.note('sent', result.sent);
  ctx.note('rssGrowthBytes', end.rssBytes - baseline.rssBytes);
  ctx.note('firstErrors', result.firstErrors);
  ctx.note('intervals', result.intervals);
  runtime.close();
});
