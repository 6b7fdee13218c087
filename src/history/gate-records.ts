/**
 * What a run leaves in the trend history for the history verdict
 * (src/history/judge-run.ts): its id and testbed, and per metric its rules
 * (gated or not: a metric the newest reference run does not gate is not
 * judged) and trial values, on the bench of the same name. The history the
 * action keeps holds benches of gated metrics only; there the machine-speed
 * reference (cpuCalibrationNs) gets a bench of its own
 * (src/history/record-run.ts).
 */
import { CALIBRATION_METRIC } from '../harness/runner/cpu-calibration.js';
import type { Metric } from '../harness/result-model.js';
import { benchmarkName } from '../harness/result-model.js';
import { testbedOf } from '../harness/testbed.js';
import type { ResultsFile } from '../gate/results-file.js';
import type { BenchmarkRun, GateRecord, HistoryBench } from './benchmark-data.js';

/** The gate records of a run's completed scenarios, by bench name (suite/scenario/variant/metric). */
export function gateRecords(results: ResultsFile): ReadonlyMap<string, GateRecord> {
  const records = new Map<string, GateRecord>();
  for (const scenario of results.scenarios) {
    if (scenario.state !== 'completed') continue;
    for (const m of scenario.metrics) {
      if (m.trials.length === 0) continue;
      records.set(benchmarkName(scenario, m), {
        kind: m.kind,
        stat: m.stat,
        gated: m.gated,
        noise: m.noise,
        trials: m.trials,
      });
    }
  }
  return records;
}

/** Whether the history the action keeps needs a bench of its own for this metric's record. */
export function recordedOnPages(metric: Pick<Metric, 'name' | 'gated'>): boolean {
  return metric.gated || metric.name === CALIBRATION_METRIC;
}

/** The run-level fields: its id, and its testbed when the environment names one. */
export function runFields(results: ResultsFile): Pick<BenchmarkRun, 'runId' | 'testbed'> {
  const testbed = testbedOf(results.environment);
  return { runId: results.runId, ...(testbed ? { testbed } : {}) };
}

/** The benches, each with its gate record when the run has one for it. */
export function withGateRecords(
  benches: readonly HistoryBench[],
  records: ReadonlyMap<string, GateRecord>,
): HistoryBench[] {
  return benches.map((b) => {
    const gate = records.get(b.name);
    return gate ? { ...b, gate } : b;
  });
}
