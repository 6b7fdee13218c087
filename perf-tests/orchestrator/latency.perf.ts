/**
 * perf-configs/latency.yaml: 50 runs × 5 tasks of 0.01 s, concurrency 50: short tasks, so overhead dominates (ci runs it at full size).
 * Every task finishes with latency ≥ its duration; tasks/s is reported as a
 * fraction of the raw spawn ceiling of the same command at the same concurrency.
 */
import { byProfile } from '../../src/harness/index.js';
import { describeConfig, profile } from './support/orchestrator-spec.js';

describeConfig({
  config: 'latency',
  size: byProfile(profile, { smoke: { runs: 10 }, ci: {}, full: {} }),
  trials: byProfile(profile, { smoke: 1, ci: 2, full: 3 }),
  fullProfileOnly: false,
  trialTimeoutMs: 120_000,
});
