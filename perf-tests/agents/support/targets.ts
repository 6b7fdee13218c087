/**
 * Caxton's published targets, used as the bounds the specs assert. They are
 * architectural bounds, far from this runtime's numbers on any machine that
 * runs the suite, not tuned thresholds. The table itself (target, acceptable,
 * critical) is src/report/agents-targets.ts, which also classifies the
 * suite's metrics in report.md.
 */
import { AGENT_TARGETS } from '../../../src/report/agents-targets.js';

export const CAXTON = {
  /** Message throughput target, acceptable and critical, messages/s. */
  throughputPerSec: AGENT_TARGETS.messageThroughput,
  latencyP50Ms: AGENT_TARGETS.messageLatencyP50.target,
  latencyP99Ms: AGENT_TARGETS.messageLatencyP99.target,
  spawnMs: AGENT_TARGETS.agentSpawn.target,
  memoryPerAgentBytes: AGENT_TARGETS.memoryPerAgent.target,
  cpuPerAgentPercent: AGENT_TARGETS.cpuPerAgent.target,
  recoveryMs: AGENT_TARGETS.recovery.target,
  /** Peak-load scenario bound on p99. */
  peakP99Ms: 100,
  successRate: 0.99,
  sustainedDegradation: 0.05,
  /** WASM time over native time on the same task: the upper end of Caxton's expected 10–50 % overhead. */
  wasmOverheadRatio: 1.5,
} as const;

export const SUITE = 'agents';
