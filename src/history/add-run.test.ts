import { addRun } from './add-run.js';
import {
  emptyBenchmarkData,
  formatBenchmarkDataJs,
  parseBenchmarkDataJs,
  type BenchmarkCommit,
} from './benchmark-data.js';
import { fixtureRun } from '../test-support/fixture-results.js';

function commit(id: string): BenchmarkCommit {
  const person = { name: 'a', email: 'a@example.com' };
  return {
    author: person,
    committer: person,
    distinct: true,
    id,
    message: 'm',
    timestamp: '2026-01-01T00:00:00Z',
    tree_id: '',
    url: '',
  };
}

const first = fixtureRun({ date: '2026-11-01T10:00:00.000Z', latencyUs: [400, 420, 410], opsPerSec: [900, 950, 1000] });
const second = fixtureRun({ date: '2026-11-02T10:00:00.000Z', latencyUs: [500, 520, 510], opsPerSec: [800, 850, 900] });

describe('addRun', () => {
  test('a run becomes one entry per direction suite, in the shape github-action-benchmark writes', () => {
    const { data, added } = addRun(emptyBenchmarkData('https://example.com/r'), first, commit('aaa'), 42);
    expect(added).toBe(true);
    expect(data.lastUpdate).toBe(42);
    expect(Object.keys(data.entries).sort()).toEqual([
      'planebench ci (bigger is better)',
      'planebench ci (smaller is better)',
    ]);
    const [run] = data.entries['planebench ci (smaller is better)'] ?? [];
    expect(run?.tool).toBe('customSmallerIsBetter');
    expect(run?.date).toBe(Date.parse('2026-11-01T10:00:00.000Z'));
    expect(run?.benches).toEqual([
      expect.objectContaining({ name: 'fixture/steady-load/v2/queryLatencyUs.p99', unit: 'us', value: 410 }),
    ]);
  });

  test('runs are kept oldest first, and the same run is not added twice', () => {
    let data = addRun(emptyBenchmarkData(''), second, commit('bbb'), 1).data;
    data = addRun(data, first, commit('aaa'), 2).data;
    const again = addRun(data, second, commit('bbb'), 3);
    expect(again.added).toBe(false);
    expect(again.data).toBe(data);
    expect((data.entries['planebench ci (bigger is better)'] ?? []).map((r) => r.commit.id)).toEqual(['aaa', 'bbb']);
  });

  test('profiles go to separate suites', () => {
    const smoke = fixtureRun({ date: '2026-11-03T10:00:00.000Z', profile: 'smoke', latencyUs: [1], opsPerSec: [1] });
    const data = addRun(addRun(emptyBenchmarkData(''), first, commit('aaa'), 1).data, smoke, commit('ccc'), 2).data;
    expect(Object.keys(data.entries)).toHaveLength(4);
    expect(data.entries['planebench smoke (smaller is better)']).toHaveLength(1);
  });
});

describe('data.js', () => {
  test('round-trips through the window.BENCHMARK_DATA script', () => {
    const data = addRun(emptyBenchmarkData('https://example.com/r'), first, commit('aaa'), 7).data;
    const text = formatBenchmarkDataJs(data);
    expect(text.startsWith('window.BENCHMARK_DATA = {')).toBe(true);
    expect(parseBenchmarkDataJs(text, 'data.js')).toEqual(data);
  });

  test('a bench without a value is rejected, naming the file and the field', () => {
    const text =
      'window.BENCHMARK_DATA = {"lastUpdate":1,"repoUrl":"","entries":{"s":[{"date":1,"commit":{"id":"x"},"benches":[{"name":"n","unit":"us"}]}]}}';
    expect(() => parseBenchmarkDataJs(text, 'trend/data.js')).toThrow(
      'trend/data.js: Expected `entries.s[0].benches[0].value` to be a finite number, got `undefined`',
    );
  });

  test('a file that is not a data.js script is rejected', () => {
    expect(() => parseBenchmarkDataJs('{"lastUpdate":1}', 'x.js')).toThrow(
      /x\.js: Expected `\(whole file\)` to be a script starting with/,
    );
  });
});
