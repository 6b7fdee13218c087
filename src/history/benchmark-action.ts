/**
 * github-action-benchmark inputs: customSmallerIsBetter and
 * customBiggerIsBetter, arrays of { name, unit, value, range?, extra? }.
 * The action accepts garbage silently, so every entry is checked here.
 */
import type { ScenarioResult } from '../harness/result-model.js';
import { benchmarkName } from '../harness/result-model.js';

export interface BenchmarkEntry {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly range?: string;
  readonly extra?: string;
}

export interface BenchmarkFiles {
  readonly smaller: BenchmarkEntry[];
  readonly bigger: BenchmarkEntry[];
}

export function checkBenchmarkEntry(entry: BenchmarkEntry): BenchmarkEntry {
  if (typeof entry.name !== 'string' || entry.name.trim() === '') {
    throw new TypeError(`Expected benchmark \`name\` to be a non-empty string, got \`${String(entry.name)}\``);
  }
  if (typeof entry.unit !== 'string' || entry.unit.trim() === '') {
    throw new TypeError(
      `Expected benchmark \`unit\` of ${entry.name} to be a non-empty string, got \`${String(entry.unit)}\``,
    );
  }
  if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) {
    throw new TypeError(
      `Expected benchmark \`value\` of ${entry.name} to be a finite number, got \`${String(entry.value)}\``,
    );
  }
  return entry;
}

function spread(trials: readonly number[]): string {
  const min = Math.min(...trials);
  const max = Math.max(...trials);
  return `${trials.length} trials, ${min.toPrecision(4)} … ${max.toPrecision(4)}`;
}

export interface BenchmarkFileOptions {
  /**
   * Only the metrics the gate judges: the files github-action-benchmark reads,
   * whose own alert compares one point with the previous and would raise alarms
   * on maxima and calibration loops (the local trend keeps every metric).
   */
  readonly gatedOnly?: boolean;
}

export function toBenchmarkFiles(
  results: readonly ScenarioResult[],
  options: BenchmarkFileOptions = {},
): BenchmarkFiles {
  const files: BenchmarkFiles = { smaller: [], bigger: [] };
  for (const result of results) {
    if (result.state !== 'completed') continue;
    for (const metric of result.metrics) {
      if (options.gatedOnly && !metric.gated) continue;
      const half = (Math.max(...metric.trials) - Math.min(...metric.trials)) / 2;
      const entry = checkBenchmarkEntry({
        name: benchmarkName(result, metric),
        unit: metric.unit,
        value: metric.value,
        range: `± ${half.toPrecision(3)}`,
        extra: `${spread(metric.trials)}; profile ${result.profile}${metric.gated ? '' : '; not gated'}`,
      });
      (metric.direction === 'smaller' ? files.smaller : files.bigger).push(entry);
    }
  }
  return files;
}
