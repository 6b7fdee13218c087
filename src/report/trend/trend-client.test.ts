import { addRun } from '../../history/add-run.js';
import { emptyBenchmarkData, type BenchmarkCommit } from '../../history/benchmark-data.js';
import { fixtureRun } from '../../test-support/fixture-results.js';
import { axisScale, buildCharts, seriesLabel, splitBenchName, tickDecimals } from './page/trend-client.js';

function commit(id: string, message = 'subject\n\nbody'): BenchmarkCommit {
  const person = { name: 'a', email: '' };
  return { author: person, committer: person, distinct: true, id, message, timestamp: '', tree_id: '', url: '' };
}

describe('trend page script', () => {
  test('chooses a readable axis unit from the largest value', () => {
    expect(axisScale('us', 2500)).toEqual({ label: 'ms', divisor: 1000 });
    expect(axisScale('us', 800)).toEqual({ label: 'µs', divisor: 1 });
    expect(axisScale('ns', 50)).toEqual({ label: 'ns', divisor: 1 });
    expect(axisScale('ms', 4200)).toEqual({ label: 's', divisor: 1000 });
    expect(axisScale('B', 3 * 1024 * 1024)).toEqual({ label: 'MiB', divisor: 1024 * 1024 });
    expect(axisScale('fraction', 0.4)).toEqual({ label: '%', divisor: 0.01 });
    expect(axisScale('ops/s', 1e6)).toEqual({ label: 'ops/s', divisor: 1 });
  });

  test('ticks get as many decimals as their step needs', () => {
    expect([5, 2.5, 0.25, 0.0002, 100].map(tickDecimals)).toEqual([0, 1, 2, 4, 0]);
  });

  test('names series by profile and splits bench names into suite, scenario and metric', () => {
    expect(seriesLabel('planebench ci (smaller is better)')).toBe('ci');
    expect(seriesLabel('Benchmark')).toBe('Benchmark');
    expect(splitBenchName('procman/control-plane-isolation/v2/queryLatencyUs.p99', 'x')).toEqual({
      suite: 'procman',
      scenario: 'control-plane-isolation/v2',
      metric: 'queryLatencyUs.p99',
    });
    expect(splitBenchName('simple-bench', 'My suite')).toEqual({
      suite: 'My suite',
      scenario: '',
      metric: 'simple-bench',
    });
  });

  test('one chart per metric, runs oldest first, one aligned line per profile', () => {
    let data = emptyBenchmarkData('');
    data = addRun(
      data,
      fixtureRun({ date: '2026-11-02T00:00:00Z', latencyUs: [500, 510], opsPerSec: [9, 9] }),
      commit('b'),
      1,
    ).data;
    data = addRun(
      data,
      fixtureRun({ date: '2026-11-01T00:00:00Z', latencyUs: [400, 410], opsPerSec: [10, 10] }),
      commit('a'),
      2,
    ).data;
    data = addRun(
      data,
      fixtureRun({ date: '2026-11-03T00:00:00Z', profile: 'smoke', latencyUs: [90], opsPerSec: [1] }),
      commit('c'),
      3,
    ).data;
    const charts = buildCharts(data);
    expect(charts.map((c) => c.key)).toEqual([
      'fixture/steady-load/v2/queryLatencyUs.p99',
      'fixture/steady-load/v2/requestsPerSec',
    ]);
    const latency = charts[0];
    expect(latency?.runs.map((r) => [r.commitId, r.message])).toEqual([
      ['a', 'subject'],
      ['b', 'subject'],
      ['c', 'subject'],
    ]);
    expect(latency?.series.map((s) => [s.label, s.values])).toEqual([
      ['ci', [405, 505, null]],
      ['smoke', [null, null, 90]],
    ]);
    expect(latency?.series[0]?.details[0]?.range).toBe('± 5.00');
  });
});
