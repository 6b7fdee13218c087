/**
 * perf-configs/standard.yaml: 100 runs × 5 tasks of 0.1 s, concurrency 50. Runs at the full profile only.
 * Every task finishes with latency ≥ its duration; tasks/s is reported as a
 * fraction of the raw spawn ceiling of the same command at the same concurrency.
 */
import { describeConfig } from './support/orchestrator-spec.js';

describeConfig({ config: 'standard', size: {}, trials: 1, fullProfileOnly: true, trialTimeoutMs: 900_000 });
