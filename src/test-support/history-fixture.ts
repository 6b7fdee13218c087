import type { BenchmarkData, BenchmarkRun } from '../history/benchmark-data.js';
import { headlineList } from '../report/trend/headline-metrics.js';

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

/**
 * historyOf(values) (the step metric, a headline entry, and its ungated maximum)
 * plus every other headline metric, a gated calibration loop and a gated
 * non-headline metric, each flat with a little noise.
 */
export function historyWithHeadline(values: readonly number[]): BenchmarkData {
  const base = historyOf(values);
  const flat = [
    ...headlineList().map((h) => h.name),
    'procman/control-plane-isolation/v1/queryLatencyUs.p50',
    'procman/control-plane-isolation/v2/cpuCalibrationNs',
  ];
  const entries = Object.fromEntries(
    Object.entries(base.entries).map(([history, runs]) => [
      history,
      runs.map((run, i) => {
        const have = new Set(run.benches.map((b) => b.name));
        const extra = flat
          .filter((name) => !have.has(name))
          .map((name) => ({ name, unit: 'us', value: 1000 + ((i * 7) % 5) * 10, extra: '3 trials' }));
        return { ...run, benches: [...run.benches, ...extra] };
      }),
    ]),
  );
  return { ...base, entries };
}
