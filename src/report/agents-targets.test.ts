import { summarizeRun, type MetricComparison } from '../gate/compare-run.js';
import { metricComparison, scenarioComparison } from '../test-support/fixture-results.js';
import { classifyAgentsMetric, renderAgentsTargets } from './agents-targets.js';

describe("agents metrics against the original's targets", () => {
  test.each([
    ['requestLatencyNs.p50', 'ns', 900_000, 'meets target'], // 0.9 ms < 1 ms
    ['requestLatencyNs.p50', 'ns', 4_000_000, 'acceptable'], // 4 ms < 5 ms
    ['requestLatencyUs.p50', 'us', 8_000, 'below acceptable'], // 8 ms < 10 ms
    ['requestLatencyUs.p50', 'us', 12_000, 'critical'],
    ['requestLatencyUs.p99', 'us', 12_000, 'acceptable'], // 12 ms < 50 ms (p99 tiers)
    ['msgPerSec.64B', 'ops/s', 150_000, 'meets target'],
    ['agents1000.msgPerSec', 'ops/s', 60_000, 'acceptable'],
    ['msgPerSec.32KB', 'ops/s', 20_000, 'below acceptable'],
    ['msgPerSec.1KB', 'ops/s', 5_000, 'critical'],
    ['spawnLatencyUs.p99', 'us', 200_000, 'acceptable'],
    ['totalPerAgentBytes', 'B', 11 * 1024 * 1024, 'acceptable'],
    ['idleCpuPerAgentPercent', '%', 30, 'critical'],
    ['loadCpuPerAgentPercent', '%', 7, 'acceptable'],
    ['batch1000.msgPerSec', 'ops/s', 150_000, 'meets target'],
    ['lookup10.msgPerSec', 'ops/s', 20_000, 'below acceptable'],
    ['concurrency64.requestLatencyUs.p99', 'us', 12_000, 'acceptable'],
    ['serviceRecoveryUs.max', 'us', 29_000_000, 'meets target'],
    ['recoveryMs', 'ms', 150_000, 'below acceptable'],
  ])('%s = %d %s is %s', (name, unit, value, tier) => {
    expect(classifyAgentsMetric(name, unit, value)?.tier).toBe(tier);
  });

  test('names outside the table, or units that do not convert, are not classified', () => {
    expect(classifyAgentsMetric('routingLatencyNs.p50', 'ns', 100)).toBeUndefined();
    expect(classifyAgentsMetric('requestLatencyNs.p90', 'ns', 100)).toBeUndefined();
    expect(classifyAgentsMetric('requestLatencyNs.p50', 'B', 100)).toBeUndefined();
  });

  const metric = (name: string, unit: string, current: number, status: MetricComparison['status'] = 'unchanged') =>
    metricComparison(name, status, { unit, current });
  const run = (metrics: MetricComparison[]) =>
    summarizeRun([scenarioComparison('agents', 'request-latency', metrics, 'native')]);

  test('all met and nothing regressed: the two lines of the original report', () => {
    const md = renderAgentsTargets(
      run([metric('requestLatencyNs.p50', 'ns', 2_000), metric('msgPerSec.64B', 'ops/s', 6e6)]),
    );
    expect(md).toContain('- ✅ All performance targets met (2 metrics)');
    expect(md).toContain('- ✅ No regressions');
  });

  test('misses are counted by tier and listed first; regressions of the suite are counted', () => {
    const md = renderAgentsTargets(
      run([
        metric('msgPerSec.64B', 'ops/s', 6e6),
        metric('requestLatencyUs.p50', 'us', 12_000, 'regressed'),
        metric('requestLatencyUs.p99', 'us', 20_000),
      ]),
    );
    expect(md).toContain('- ⚠️ 2 of 3 metrics miss their target: 1 acceptable, 0 below acceptable, 1 critical');
    expect(md).toContain('- ⚠️ 1 regression detected');
    const rows = md.filter((l) => l.startsWith('| request-latency'));
    expect(rows[0]).toContain('`requestLatencyUs.p50` | 12.0 ms | 🔴 critical');
    expect(rows[2]).toContain('✅ meets target');
  });

  test('a run without agents metrics has no block', () => {
    expect(renderAgentsTargets(summarizeRun([]))).toEqual([]);
  });
});
