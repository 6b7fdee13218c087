/**
 * Caxton's published targets, used as the bounds the
 * specs assert. They are architectural bounds, far from this runtime's
 * numbers on any machine that runs the suite, not tuned thresholds.
 */
export const CAXTON = {
  /** Message throughput target, acceptable and critical, messages/s. */
  throughputPerSec: { target: 100_000, acceptable: 50_000, critical: 10_000 },
  latencyP50Ms: 1,
  latencyP99Ms: 10,
  spawnMs: 100,
  memoryPerAgentBytes: 10 * 1024 * 1024,
  cpuPerAgentPercent: 5,
  recoveryMs: 30_000,
  /** Peak-load scenario bound on p99. */
  peakP99Ms: 100,
  successRate: 0.99,
  sustainedDegradation: 0.05,
} as const;

export const SUITE = 'agents';
