/**
 * Drives request/reply load from a phased open-loop generator against agents
 * reached by capability, and records what load scenarios report: latency from
 * the intended send time (µs, HDR), per-interval figures and success counts.
 */
import type { AgentRuntime } from '../../../src/agents/index.js';
import { toCapability } from '../../../src/agents/index.js';
import { coerceError } from '../../../src/lib/coerce-error.js';
import type { SampleRecorder } from '../../../src/harness/scenario.js';
import { IntervalRecorder, type IntervalFigures } from './interval-figures.js';
import { runPhasedLoad, type LoadPhase, type PhasedLoadResult } from './phased-load.js';

export interface RequestLoadOptions {
  readonly runtime: AgentRuntime;
  readonly capability: string;
  readonly payload: unknown;
  readonly phases: readonly LoadPhase[];
  readonly intervalMs: number;
  readonly latency: SampleRecorder;
  readonly drainTimeoutMs?: number;
}

export interface RequestLoadResult extends PhasedLoadResult {
  /** Requests answered with `inform`. */
  readonly succeeded: number;
  readonly successRate: number;
  readonly intervals: readonly IntervalFigures[];
  readonly firstErrors: readonly string[];
}

export async function runRequestLoad(options: RequestLoadOptions): Promise<RequestLoadResult> {
  const { runtime, payload } = options;
  const target = toCapability(options.capability);
  const intervals = new IntervalRecorder(options.intervalMs, 0);
  let succeeded = 0;
  const firstErrors: string[] = [];
  const result = await runPhasedLoad({
    phases: options.phases,
    send: async () => {
      const reply = await runtime.request(target, payload);
      if (reply.performative !== 'inform') throw new Error(`answered \`${reply.performative}\``);
    },
    onSent: (intendedAtMs) => intervals.sent(intendedAtMs),
    onSettled: (intendedAtMs, latencyMs, error) => {
      if (error === undefined) {
        succeeded++;
        options.latency.record(latencyMs * 1000);
        intervals.received(intendedAtMs, latencyMs * 1000);
      } else {
        intervals.error(intendedAtMs);
        if (firstErrors.length < 5) firstErrors.push(coerceError(error, { show: 'json' }).message);
      }
    },
    ...(options.drainTimeoutMs === undefined ? {} : { drainTimeoutMs: options.drainTimeoutMs }),
  });
  return {
    ...result,
    succeeded,
    successRate: result.sent === 0 ? 0 : succeeded / result.sent,
    intervals: intervals.figures(),
    firstErrors,
  };
}
