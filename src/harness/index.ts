/**
 * The measurement kit as perf specs (perf-tests/) use it: defining a scenario,
 * measuring it in trials, reading its results, profiles and settings, load
 * generators and micro-benchmarks, and a few helpers. The rest of src/harness
 * (trial runner, child entry, quiet-CPU wait, environment fingerprint) is the
 * kit's own.
 *
 * Scenario modules (`*.scenario.ts` and what only they import) run inside the
 * measured child process and keep importing the modules they need directly:
 * this index would load the parent's side (trial runner, quiet-CPU wait,
 * results hand-off) into the process being measured.
 */

// Scenarios: what a scenario module exports and the context it records into.
export {
  defineScenario,
  type HistogramOptions,
  type SampleRecorder,
  type ScenarioContext,
  type ScenarioFn,
  type ScenarioModule,
  type ValueOptions,
} from './scenario.js';

// Measuring: trials of a scenario in child processes, and their results.
export { measureInterleaved, measureScenario, ScenarioFailedError, type MeasureOptions } from './measure-scenario.js';
export { findMetric, type Metric, type MetricStat, type ScenarioResult } from './result-model.js';
export type { MetricKindName, NoiseThreshold } from './metric-kinds.js';

// Profiles and settings.
export { byProfile, resolveProfile, type ProfileName } from './profile.js';
export { setting, type SettingName } from './settings.js';
export { REPO_ROOT } from './paths.js';
export { duetBaseTree } from './runner/duet.js';

// Load generators, micro-benchmarks, histograms, stall monitoring.
export { intendedSendTimeMs, runOpenLoop, type OpenLoopOptions, type OpenLoopResult } from './load/open-loop.js';
export { runPacedLoop, type PacedLoopOptions, type PacedLoopResult } from './load/paced-loop.js';
export { realClock, type LoopClock } from './load/loop-clock.js';
export { microBench, microBenchAsync, type MicroBenchOptions, type MicroBenchResult } from './load/micro-bench.js';
export { recordMicroBench } from './load/record-micro-bench.js';
export { createHistogram, enableWasmHistograms, type Histogram } from './histogram/histogram.js';
export { StallMonitor, type StallSummary } from './resources/stall-monitor.js';

// Processes and statistics.
export { SCENARIO_TAG_VARIABLE } from './process/process-table.js';
export { median } from './stats/median.js';
