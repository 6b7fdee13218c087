/**
 * perf-configs/quick.yaml: 10 runs × 5 tasks of 0.1 s, concurrency 20 (the ci profile runs it at full size).
 * Every task finishes with latency ≥ its duration; tasks/s is reported as a
 * fraction of the raw spawn ceiling of the same command at the same concurrency.
 */
import { byProfile } from '../../src/harness/index.js';
import { describeConfig, profile } from './support/orchestrator-spec.js';

describeConfig({
  config: 'quick',
  size: byProfile(profile, { smoke: { runs: 2 }, ci: {}, full: {} }),
  trials: byProfile(profile, { smoke: 1, ci: 2, full: 3 }),
  fullProfileOnly: false,
  trialTimeoutMs: 60_000,
});
