import { arrangeCharts, isBackground, type ArrangeableChart } from './page/arrange-charts.js';
import { changeMarks, runKey } from './page/change-marks.js';
import { matchesFilter } from './page/chart-filter.js';
import type { PageChange } from './page/page-facts.js';

function chart(key: string, gated = true): ArrangeableChart {
  const [suite = '', scenario = '', variant = '', metric = ''] = key.split('/');
  return { key, suite, scenario: `${scenario}/${variant}`, metric, gated };
}

describe('the trend page arrangement', () => {
  const headline = [
    { system: 'procman', name: 'procman/a/v2/queryLatencyUs.p99', why: 'the promise' },
    { system: 'procman', name: 'procman/gone/v2/renamedUs.p99', why: 'renamed since' },
    { system: 'daemon', name: 'daemon/micro/default/daemonCreationNs.median', why: 'creation' },
  ];
  const charts = [
    chart('daemon/micro/default/daemonCreationNs.median'),
    chart('daemon/micro/default/daemonCreationNs.max', false),
    chart('harness/noise/default/loopNs'),
    chart('procman/a/v1/queryLatencyUs.p50'),
    chart('procman/a/v2/cpuCalibrationNs'),
    chart('procman/a/v2/queryLatencyUs.max'),
    chart('procman/a/v2/queryLatencyUs.p99'),
    chart('procman/a/v2/querySamples', false),
  ];

  test('headline first per system, in its order, naming what the history lacks', () => {
    const { headline: groups } = arrangeCharts(charts, headline);
    expect(groups.map((g) => [g.system, g.items.map((i) => [i.chart.key, i.why]), g.missing])).toEqual([
      ['procman', [['procman/a/v2/queryLatencyUs.p99', 'the promise']], ['procman/gone/v2/renamedUs.p99']],
      ['daemon', [['daemon/micro/default/daemonCreationNs.median', 'creation']], []],
    ]);
  });

  test('then other gated metrics by scenario, headline systems first; ungated, calibration and maxima collapsed', () => {
    const arranged = arrangeCharts(charts, headline);
    expect(arranged.gated.map((g) => [g.title, g.charts.map((c) => c.metric)])).toEqual([
      ['procman · a/v1', ['queryLatencyUs.p50']],
      ['harness · noise/default', ['loopNs']],
    ]);
    expect(arranged.collapsed.map((g) => [g.title, g.charts.map((c) => c.metric)])).toEqual([
      ['procman · a/v2', ['cpuCalibrationNs', 'queryLatencyUs.max', 'querySamples']],
      ['daemon · micro/default', ['daemonCreationNs.max']],
    ]);
  });

  test('calibration and maxima are background even when gated', () => {
    expect(isBackground(chart('x/s/v/cpuCalibrationNs'))).toBe(true);
    expect(isBackground(chart('x/s/v/latencyUs.max'))).toBe(true);
    expect(isBackground(chart('x/s/v/latencyUs.p99'))).toBe(false);
    expect(isBackground(chart('x/s/v/latencyUs.p99', false))).toBe(true);
  });

  test('a change is marked on its chart at the run of its commit and date', () => {
    const change = (name: string, commit: string, runDate: number): PageChange => ({
      history: 'planebench ci (smaller is better)',
      name,
      commit,
      runDate,
      change: '+25.0 %',
      values: '100 ns → 125 ns',
      regression: true,
      runsAgo: 1,
    });
    const runs = [runKey(1, 'aaa'), runKey(2, 'bbb'), runKey(3, 'bbb')];
    const changes = [change('x/s/v/m', 'bbb', 3), change('x/s/v/other', 'aaa', 1), change('x/s/v/m', 'ccc', 4)];
    expect(changeMarks('x/s/v/m', runs, changes)).toEqual([{ runIndex: 2, text: '+25.0 %', regression: true }]);
  });

  test('the filter keeps a chart when every typed term is in its name, ignoring case', () => {
    const name = 'procman/control-plane-isolation/v2/queryLatencyUs.p99';
    expect(matchesFilter(name, '')).toBe(true);
    expect(matchesFilter(name, '  PROCMAN   p99 ')).toBe(true);
    expect(matchesFilter(name, 'procman p50')).toBe(false);
    expect(matchesFilter(name, 'v2/query')).toBe(true);
  });
});
