import { toBenchmarkFiles } from './benchmark-action.js';
import { formatBenchmarkDataJs, parseBenchmarkDataJs, type BenchmarkData } from './benchmark-data.js';
import { historyOf } from '../test-support/history-fixture.js';
import { historyOfRuns, judgedRun } from '../test-support/judged-runs.js';
import { recordRun } from './record-run.js';

const SUITE = 'planebench ci (smaller is better)';

/** The history as github-action-benchmark leaves it after adding a run: gated benches only, nothing of ours. */
function actionHistory(day: number): BenchmarkData {
  const run = judgedRun({ day, level: 1000 });
  const benches = toBenchmarkFiles(run.scenarios, { gatedOnly: true }).smaller;
  const commit = historyOf([1]).entries['planebench ci']![0]!.commit;
  return {
    lastUpdate: 1,
    repoUrl: '',
    entries: {
      [SUITE]: [
        { commit: { ...commit, id: run.environment.gitCommit }, date: 123, tool: 'customSmallerIsBetter', benches },
      ],
    },
  };
}

const noCommit = () => {
  throw new Error('the action added the run; no commit lookup is needed');
};

describe('recordRun', () => {
  test("records the run's id, testbed and trial values on the entry the action added for its commit", () => {
    const run = judgedRun({ day: 1, level: 1000 });
    const outcome = recordRun(actionHistory(1), run, noCommit, 7);
    expect(outcome.how).toBe('recorded');
    const [entry] = outcome.data.entries[SUITE] ?? [];
    expect(entry).toMatchObject({ runId: 'run-1', testbed: { cpuModel: 'cpu', cores: 2, nodeMajor: 20 }, date: 123 });
    expect(entry?.benches[0]?.gate).toMatchObject({
      gated: true,
      kind: 'latencyUs',
      trials: run.scenarios[0]!.metrics[0]!.trials,
    });
    expect(recordRun(outcome.data, run, noCommit, 8).how).toBe('already');
  });

  test('the machine-speed reference gets a bench of its own; other ungated metrics do not', () => {
    const plain = judgedRun({ day: 1, level: 1000 });
    const latency = plain.scenarios[0]!.metrics[0]!;
    const speed = { ...latency, name: 'cpuCalibrationNs', kind: 'durationNs' as const, unit: 'ns', gated: false };
    const other = { ...latency, name: 'queryLatencyUs.max', gated: false };
    const run = { ...plain, scenarios: [{ ...plain.scenarios[0]!, metrics: [latency, speed, other] }] };
    const [entry] = recordRun(actionHistory(1), run, noCommit, 7).data.entries[SUITE] ?? [];
    expect(entry?.benches.map((b) => [b.name, b.gate?.gated])).toEqual([
      ['demo/query/v2/queryLatencyUs.p50', true],
      ['demo/query/v2/cpuCalibrationNs', false],
    ]);
  });

  test('a run the action did not add is added whole', () => {
    const run = judgedRun({ day: 2, level: 1000 });
    const outcome = recordRun(actionHistory(1), run, () => historyOf([1]).entries['planebench ci']![0]!.commit, 7);
    expect(outcome.how).toBe('added');
    expect(outcome.data.entries[SUITE]?.map((r) => r.runId)).toEqual([undefined, 'run-2']);
  });
});

describe('data.js with the history verdict fields', () => {
  test('round-trips, and an old data.js without them still loads', () => {
    const data = historyOfRuns([judgedRun({ day: 1, level: 1000 })]);
    expect(parseBenchmarkDataJs(formatBenchmarkDataJs(data), 'data.js')).toEqual(data);
    const old = historyOf([1, 2, 3]);
    expect(parseBenchmarkDataJs(formatBenchmarkDataJs(old), 'data.js')).toEqual(old);
  });

  test('a corrupt gate record is rejected, naming the file and the field', () => {
    const data = historyOfRuns([judgedRun({ day: 1, level: 1000 })]);
    const text = formatBenchmarkDataJs(data).replace(/"trials": \[[^\]]*\]/, '"trials": "fast"');
    expect(() => parseBenchmarkDataJs(text, 'pages/data.js')).toThrow(
      'pages/data.js: Expected `entries.planebench ci (smaller is better)[0].benches[0].gate.trials` to be a non-empty array of numbers',
    );
    const testbed = formatBenchmarkDataJs(data).replace('"cores": 2', '"cores": "two"');
    expect(() => parseBenchmarkDataJs(testbed, 'pages/data.js')).toThrow(
      'pages/data.js: Expected `entries.planebench ci (smaller is better)[0].testbed.cores` to be a finite number',
    );
  });
});
