/**
 * perf-configs/heavy.yaml: 1000 runs × 10 tasks of 0.05 s, concurrency 500. Runs at the full profile only.
 * Every task finishes with latency ≥ its duration; tasks/s is reported as a
 * fraction of the raw spawn ceiling of the same command at the same concurrency.
 */
import { describeConfig } from './support/orchestrator-spec.js';

describeConfig({ config: 'heavy', size: {}, trials: 1, fullProfileOnly: true, trialTimeoutMs: 900_000 });
