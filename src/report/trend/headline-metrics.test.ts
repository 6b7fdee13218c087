import { fileURLToPath } from 'node:url';
import { readBaseline } from '../../gate/baseline-file.js';
import { HEADLINE, HEADLINE_SYSTEMS, headlineList } from './headline-metrics.js';

const BASELINES_DIR = fileURLToPath(new URL('../../../baselines/', import.meta.url));

/** The committed baseline metric a bench name `suite/scenario/variant/metric` names, or undefined. */
function baselineMetric(name: string) {
  const [suite = '', scenario = '', variant = '', ...metric] = name.split('/');
  return readBaseline(BASELINES_DIR, suite)?.scenarios[`${scenario}/${variant}`]?.metrics[metric.join('/')];
}

describe('the trend page headline', () => {
  test.each(headlineList().map((e) => [e.name]))('%s is a gated metric of the committed baselines', (name) => {
    const metric = baselineMetric(name);
    expect(metric).toBeDefined();
    expect(metric?.gated).toBe(true);
  });

  test('a name the baselines lack is seen as missing (the check above can fail)', () => {
    expect(baselineMetric('procman/control-plane-isolation/v2/queryLatencyUs.p98')).toBeUndefined();
    expect(baselineMetric('nosuch/control-plane-isolation/v2/queryLatencyUs.p99')).toBeUndefined();
  });

  test('every system has a few entries, each under its own suite and with a reason', () => {
    for (const system of HEADLINE_SYSTEMS) {
      expect(HEADLINE[system].length).toBeGreaterThanOrEqual(2);
      expect(HEADLINE[system].length).toBeLessThanOrEqual(6);
      for (const entry of HEADLINE[system]) {
        expect(entry.name.startsWith(`${system}/`)).toBe(true);
        expect(entry.why.length).toBeGreaterThan(10);
      }
    }
    const names = headlineList().map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
