import type { BenchmarkData, BenchmarkRun } from '../report/trend/benchmark-data.js';

/** A history of `values.length` runs of one gated and one ungated benchmark. */
export function historyOf(values: readonly number[], tool = 'customSmallerIsBetter'): BenchmarkData {
  const person = { name: 'a', email: 'a@example.com' };
  const runs: BenchmarkRun[] = values.map((value, i) => ({
    commit: {
      author: person,
      committer: person,
      distinct: true,
      id: `${String(i).padStart(2, '0')}${'c'.repeat(38)}`,
      message: `run ${i}`,
      timestamp: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      tree_id: 't',
      url: 'https://example.com',
    },
    date: Date.UTC(2026, 0, 1 + i),
    tool,
    benches: [
      { name: 'daemon/micro/default/shutdownCoordinationNs.median', unit: 'ns', value, extra: '3 trials' },
      {
        name: 'daemon/micro/default/shutdownCoordinationNs.max',
        unit: 'ns',
        value: value * (i % 2 ? 3 : 1),
        extra: 'not gated',
      },
    ],
  }));
  return { lastUpdate: 0, repoUrl: 'https://example.com/planebench', entries: { 'planebench ci': runs } };
}
