/**
 * perf-configs/memory.yaml: 100 runs × 20 tasks of 2 s, concurrency 100: long tasks, scheduler memory. Runs at the full profile only.
 * Every task finishes with latency ≥ its duration; tasks/s is reported as a
 * fraction of the raw spawn ceiling of the same command at the same concurrency.
 */
import { describeConfig } from './support/orchestrator-spec.js';

describeConfig({ config: 'memory', size: {}, trials: 1, fullProfileOnly: true, trialTimeoutMs: 900_000 });
