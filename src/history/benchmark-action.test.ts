import { syntheticResult } from '../test-support/fixture-results.js';
import { checkBenchmarkEntry, toBenchmarkFiles } from './benchmark-action.js';

describe('github-action-benchmark files', () => {
  test('split by direction with stable suite/scenario/variant/metric names', () => {
    const files = toBenchmarkFiles([syntheticResult([10, 20, 30])]);
    expect(files.bigger).toEqual([]);
    expect(files.smaller).toEqual([
      expect.objectContaining({ name: 'demo/query/v2/queryLatencyUs.p50', unit: 'us', value: 20, range: '± 10.0' }),
    ]);
  });

  test('the files the action reads carry gated metrics only; the local trend keeps every metric', () => {
    const result = syntheticResult([10, 20, 30]);
    const ungated = { ...result.metrics[0]!, name: 'queryLatencyUs.max', gated: false };
    const both = [{ ...result, metrics: [...result.metrics, ungated] }];
    expect(toBenchmarkFiles(both, { gatedOnly: true }).smaller.map((e) => e.name)).toEqual([
      'demo/query/v2/queryLatencyUs.p50',
    ]);
    expect(toBenchmarkFiles(both).smaller).toHaveLength(2);
  });

  test('results that did not complete are left out', () => {
    const files = toBenchmarkFiles([syntheticResult([1], { state: 'errored', metrics: [] })]);
    expect(files.smaller).toEqual([]);
  });

  test.each([
    [{ name: '', unit: 'us', value: 1 }, 'Expected benchmark `name` to be a non-empty string'],
    [{ name: 'a', unit: ' ', value: 1 }, 'Expected benchmark `unit` of a to be a non-empty string'],
    [{ name: 'a', unit: 'us', value: Number.NaN }, 'Expected benchmark `value` of a to be a finite number, got `NaN`'],
  ])('refuses entries the action would accept silently: %j', (entry, message) => {
    expect(() => checkBenchmarkEntry(entry)).toThrow(message);
  });
});
