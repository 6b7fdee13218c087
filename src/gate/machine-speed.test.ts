import { captureEnvironment } from '../harness/environment.js';
import { METRIC_KINDS } from '../harness/metric-kinds.js';
import type { Metric, ScenarioResult } from '../harness/result-model.js';
import { median } from '../harness/stats/median.js';
import { verdictLabel } from '../report/comparison-rows.js';
import { syntheticResult } from '../test-support/fixture-results.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { compareRun } from './compare-run.js';
import { compareSides } from './compare-sides.js';
import { machineSpeedRatio, scaledToMachine, speedDiffers } from './machine-speed.js';
import { updateBaselines } from './update-baselines.js';

const environment = captureEnvironment('ci');
let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

function metric(name: string, kind: 'durationNs' | 'latencyUs', trials: readonly number[], gated = true): Metric {
  const k = METRIC_KINDS[kind];
  return {
    name,
    kind,
    unit: k.unit,
    direction: k.direction,
    stat: 'value',
    value: median(trials),
    trials,
    gated,
    noise: k.noise,
  };
}

/** A micro-benchmark, a latency, and the trial processes' reference time. */
function run(microNs: number, latencyUs: number, calibrationNs: number): ScenarioResult {
  return syntheticResult([1], {
    metrics: [
      metric('createNs.median', 'durationNs', [microNs, microNs * 1.01, microNs * 0.99]),
      metric('queryUs', 'latencyUs', [latencyUs, latencyUs * 1.01, latencyUs * 0.99]),
      metric('cpuCalibrationNs', 'durationNs', [calibrationNs, calibrationNs, calibrationNs], false),
    ],
    histograms: {},
  });
}

describe('machine-speed check', () => {
  it('measures the run against the baseline reference', () => {
    expect(machineSpeedRatio(run(1, 1, 16), { cpuCalibrationNs: { value: 10 } })).toBeCloseTo(1.6);
    expect(machineSpeedRatio(run(1, 1, 16), {})).toBeUndefined();
    expect(speedDiffers(1.6)).toBe(true);
    expect(speedDiffers(1 / 1.6)).toBe(true);
    expect(speedDiffers(1.1)).toBe(false);
    expect(speedDiffers(undefined)).toBe(false);
    expect(scaledToMachine([10, 20], 'smaller', 1.5)).toEqual([15, 30]);
    expect(scaledToMachine([100], 'bigger', 2)).toEqual([50]);
  });

  it('a CPU-bound metric as much slower as the machine is unchanged, and the report says why', () => {
    updateBaselines(dir.path, [run(87, 1000, 10)], environment, []);
    const comparison = compareRun([run(140, 1000, 16)], dir.path);
    expect(comparison.failed).toBe(false);
    const micro = comparison.scenarios[0]!.metrics.find((m) => m.metric === 'createNs.median')!;
    expect(micro.status).toBe('unchanged');
    expect(verdictLabel(micro)).toBe('unchanged (machine 1.60× slower: explains it)');
  });

  it('a change larger than the machine explains still regressed: 2× slower code on a 1.5× slower machine', () => {
    updateBaselines(dir.path, [run(87, 1000, 10)], environment, []);
    const comparison = compareRun([run(174, 1000, 15)], dir.path);
    expect(comparison.regressions.map((r) => r.metric)).toEqual(['createNs.median']);
    const micro = comparison.scenarios[0]!.metrics.find((m) => m.metric === 'createNs.median')!;
    expect(verdictLabel(micro)).toBe("regressed (beyond the machine's 1.50× slower)");
  });

  it('judges a change the machine cannot explain: slower code on a faster machine regressed', () => {
    updateBaselines(dir.path, [run(87, 1000, 16)], environment, []);
    const comparison = compareRun([run(174, 1000, 10)], dir.path);
    expect(comparison.regressions.map((r) => r.metric)).toEqual(['createNs.median']);
  });

  it('still judges latencies, and CPU-bound metrics when the speed matches', () => {
    updateBaselines(dir.path, [run(87, 1000, 10)], environment, []);
    const slowerMachine = compareRun([run(87, 3000, 16)], dir.path);
    expect(slowerMachine.regressions.map((r) => r.metric)).toEqual(['queryUs']);
    const sameMachine = compareRun([run(140, 1000, 10.5)], dir.path);
    expect(sameMachine.regressions.map((r) => r.metric)).toEqual(['createNs.median']);
  });

  it('a head that makes its own metric speed-sensitive is judged by the reference kind, and the report says so', () => {
    const withKind = (kind: 'durationNs' | 'latencyUs', value: number, calibrationNs: number): ScenarioResult =>
      syntheticResult([1], {
        metrics: [
          metric('queryUs', kind, [value, value * 1.01, value * 0.99, value * 1.02, value * 0.98]),
          metric('cpuCalibrationNs', 'durationNs', [calibrationNs, calibrationNs, calibrationNs], false),
        ],
        histograms: {},
      });
    const slowerMachine = { mode: 'committed' } as const;
    const explained = compareSides(
      [withKind('durationNs', 200, 10)],
      [withKind('durationNs', 320, 16)],
      undefined,
      slowerMachine,
    );
    expect(explained.regressions).toHaveLength(0);
    const selfExcused = compareSides(
      [withKind('latencyUs', 200, 10)],
      [withKind('durationNs', 320, 16)],
      undefined,
      slowerMachine,
    );
    expect(selfExcused.regressions.map((r) => r.metric)).toEqual(['queryUs']);
    expect(selfExcused.regressions[0]?.ruleChange).toBe(
      "the head changes this metric's kind to durationNs; the reference's latencyUs applies",
    );
  });

  it("sides measured together are judged without it: their reference loops differ by the loop's own noise", () => {
    const base = [run(87, 1000, 10)];
    const head = [run(140, 1000, 16)];
    const together = compareSides(base, head, undefined, { mode: 'interleaved' });
    expect(together.regressions.map((r) => r.metric)).toEqual(['createNs.median']);
    expect(together.regressions[0]?.verdict?.machineSpeedRatio).toBeUndefined();
    const anotherDay = compareSides(base, head, undefined, { mode: 'committed' });
    expect(anotherDay.regressions).toHaveLength(0);
  });
});
