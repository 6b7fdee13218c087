import { writeBaseline, type BaselineFile } from '../gate/baseline-file.js';
import type { ResultsFile } from '../gate/results-file.js';
import { historyOf } from '../test-support/history-fixture.js';
import { historyOfRuns, judgedRun } from '../test-support/judged-runs.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { describeReference, judgeRun } from './judge-run.js';

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => (dir = makeTempDir()));
afterEach(() => dir.remove());

const OTHER_TESTBED = { cpuModel: 'other cpu', cores: 8 };

/** A committed baseline of the run's testbed: the run of `day` at `level`. */
function commitBaseline(run: ResultsFile): void {
  const result = run.scenarios[0]!;
  const baseline: BaselineFile = {
    version: 1,
    suite: result.suite,
    scenarios: {
      [`${result.scenario}/${result.variant}`]: {
        profile: result.profile,
        updatedAt: run.environment.date,
        environment: run.environment,
        params: {},
        metrics: Object.fromEntries(result.metrics.map((m) => [m.name, m])),
        histograms: {},
      },
    },
  };
  writeBaseline(dir.path, baseline);
}

const fiveDays = [1, 2, 3, 4, 5];

describe('judgeRun against the history', () => {
  test('a run 30 % worse than 5 consistent runs of its testbed regresses; one as good does not', () => {
    const history = historyOfRuns(fiveDays.map((day) => judgedRun({ day, level: 1000 })));
    const worse = judgeRun(judgedRun({ day: 6, level: 1300 }), history, { baselinesDir: dir.path });
    expect(worse.reference.kind).toBe('history');
    expect(describeReference(worse.reference)).toBe(
      'last 5 runs of testbed cpu × 2, Node 20, profile ci, trials pooled (commits 01cccccccccc … 05cccccccccc)',
    );
    expect(worse.comparison.regressions.map((r) => r.metric)).toEqual(['queryLatencyUs.p50']);
    expect(worse.comparison.failed).toBe(true);
    const same = judgeRun(judgedRun({ day: 6, level: 1010 }), history, { baselinesDir: dir.path });
    expect(same.comparison.counts.unchanged).toBe(1);
    expect(same.comparison.failed).toBe(false);
  });

  test('only the last k runs are pooled: an older level is not the reference', () => {
    const old = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((day) => judgedRun({ day, level: 700 }));
    const recent = [11, 12, 13, 14, 15].map((day) => judgedRun({ day, level: 1000 }));
    const history = historyOfRuns([...old, ...recent]);
    const run = judgedRun({ day: 16, level: 1000 });
    expect(judgeRun(run, history, { baselinesDir: dir.path }).comparison.failed).toBe(false);
    const all = judgeRun(run, history, { baselinesDir: dir.path, runs: 15 });
    expect(all.reference.kind === 'history' && all.reference.runs).toHaveLength(15);
    expect(all.comparison.failed).toBe(true);
  });

  test('history of another testbed is not compared: the run falls back to its committed baseline', () => {
    const history = historyOfRuns(fiveDays.map((day) => judgedRun({ day, level: 1300, environment: OTHER_TESTBED })));
    commitBaseline(judgedRun({ day: 1, level: 1000 }));
    const judged = judgeRun(judgedRun({ day: 6, level: 1300 }), history, { baselinesDir: dir.path });
    expect(judged.reference).toMatchObject({ kind: 'committed-baseline', historyRuns: 0 });
    expect(judged.comparison.failed).toBe(true);
  });

  test('too little history falls back to the committed baseline, and says so', () => {
    const history = historyOfRuns([1, 2].map((day) => judgedRun({ day, level: 1000 })));
    commitBaseline(judgedRun({ day: 1, level: 1000 }));
    const judged = judgeRun(judgedRun({ day: 6, level: 1010 }), history, { baselinesDir: dir.path });
    expect(describeReference(judged.reference)).toBe(
      'committed baseline (too little history: 2 runs of testbed cpu × 2, Node 20, profile ci; 3 needed)',
    );
    expect(judged.comparison.failed).toBe(false);
  });

  test('with too little history and no committed baseline there is nothing to judge against', () => {
    const history = historyOfRuns([judgedRun({ day: 1, level: 1000 })]);
    const judged = judgeRun(judgedRun({ day: 6, level: 5000 }), history, { baselinesDir: dir.path });
    expect(describeReference(judged.reference)).toMatch(/^nothing to judge against \(too little history: 1 run of/);
    expect(judged.comparison.counts.new).toBe(1);
    expect(judged.comparison.failed).toBe(false);
  });

  test('a run that ungates its own regressing metric still fails: the history gates it', () => {
    const history = historyOfRuns(fiveDays.map((day) => judgedRun({ day, level: 1000 })));
    const run = judgedRun({ day: 6, level: 1300, metric: { gated: false } });
    const judged = judgeRun(run, history, { baselinesDir: dir.path });
    expect(judged.comparison.failed).toBe(true);
    expect(judged.comparison.regressions[0]?.ruleChange).toBe(
      "the head ungates this metric; it is judged as gated (the reference's rule)",
    );
  });

  test('a metric the newest history run no longer gates is not gated by older runs', () => {
    const gated = [1, 2, 3, 4].map((day) => judgedRun({ day, level: 1000 }));
    const ungated = judgedRun({ day: 5, level: 1000, metric: { gated: false } });
    const history = historyOfRuns([...gated, ungated]);
    const judged = judgeRun(judgedRun({ day: 6, level: 1300 }), history, { baselinesDir: dir.path });
    expect(judged.comparison.failed).toBe(false);
  });

  test('the judged run is never its own reference, and entries recorded before testbeds are none', () => {
    const runs = [1, 2, 3].map((day) => judgedRun({ day, level: 1000 }));
    const judgedItself = judgeRun(runs[2]!, historyOfRuns(runs), { baselinesDir: dir.path });
    expect(judgedItself.reference).toMatchObject({ kind: 'nothing', historyRuns: 2 });
    const old = judgeRun(judgedRun({ day: 6, level: 1000 }), historyOf([1, 2, 3, 4, 5, 6]), {
      baselinesDir: dir.path,
    });
    expect(old.reference).toMatchObject({ kind: 'nothing', historyRuns: 0 });
  });
});
