/**
 * The trend page's browser script. render-trend-page.ts transpiles it to
 * JavaScript and inlines it as a module script, with its one import,
 * src/report/format-units.ts (the same numbers as the console table and
 * report.md), served through an import map; after uPlot (global `uPlot`) and data.js
 * (`window.BENCHMARK_DATA`, the shape github-action-benchmark writes).
 * It draws one chart per metric, grouped by planebench suite, one line per
 * data.js suite (profile), with readable units and a tooltip naming commit,
 * date and value. The pure parts are exported for unit tests; `main` runs
 * only in a browser. After drawing, `window.planebenchTrend` tells what was
 * drawn (for the headless-Chromium check and the curious).
 */
import { BYTE_UNITS, NS_PER, TIME_STEPS, formatValue } from '../../format-units.js';
import type { BenchmarkData, BenchmarkRun } from '../benchmark-data.js';

// The few DOM and uPlot facts this script uses, declared here (module-local)
// so the Node project needs no DOM library.
interface PageElement {
  className: string;
  textContent: string | null;
  href: string;
  readonly style: { display: string; left: string; top: string };
  readonly dataset: Record<string, string | undefined>;
  readonly clientWidth: number;
  append(...nodes: (PageElement | string)[]): void;
  appendChild(node: PageElement): void;
  replaceChildren(...nodes: PageElement[]): void;
}
interface PageDocument {
  createElement(tag: string): PageElement;
  getElementById(id: string): PageElement | null;
}
interface UPlotLike {
  readonly over: PageElement;
  readonly cursor: { readonly idx?: number | null; readonly top?: number };
  valToPos(value: number, scaleKey: string): number;
}
type UPlotConstructor = new (
  options: Record<string, unknown>,
  data: (number | null)[][],
  target: PageElement,
) => UPlotLike;

export interface DrawnChart {
  readonly key: string;
  readonly suite: string;
  readonly axisUnit: string;
  readonly runs: number;
  readonly series: readonly { readonly label: string; readonly points: number }[];
  readonly plot: UPlotLike;
}

export interface TrendPageState {
  ready: boolean;
  readonly charts: DrawnChart[];
  readonly errors: string[];
}

declare const window: { BENCHMARK_DATA?: BenchmarkData; planebenchTrend?: TrendPageState };
declare const document: PageDocument;
declare const uPlot: UPlotConstructor;

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'] as const;

export interface AxisScale {
  readonly label: string;
  /** A drawn value is `value / divisor`. */
  readonly divisor: number;
}

/** The unit a chart's axis shows, chosen from its largest value. */
export function axisScale(unit: string, maxAbs: number): AxisScale {
  const ns = NS_PER[unit];
  if (ns !== undefined) {
    const [size, label] = TIME_STEPS.find(([s]) => maxAbs * ns >= s) ?? [1, 'ns'];
    return { label, divisor: size / ns };
  }
  if (unit === 'B') {
    let i = 0;
    while (maxAbs >= 1024 ** (i + 1) && i < BYTE_UNITS.length - 1) i += 1;
    return { label: BYTE_UNITS[i] ?? 'B', divisor: 1024 ** i };
  }
  if (unit === 'fraction') return { label: '%', divisor: 0.01 };
  return { label: unit, divisor: 1 };
}

/** "planebench ci (smaller is better)" → "ci"; any other data.js suite name is shown whole. */
export function seriesLabel(dataSuite: string): string {
  const match = /^planebench (\S+) \((smaller|bigger) is better\)$/.exec(dataSuite);
  return match?.[1] ?? dataSuite;
}

export interface BenchNameParts {
  readonly suite: string;
  readonly scenario: string;
  readonly metric: string;
}

/** A bench name `suite/scenario/variant/metric` → its parts; other names go under the data.js suite. */
export function splitBenchName(name: string, dataSuite: string): BenchNameParts {
  const parts = name.split('/');
  const metric = parts[parts.length - 1] ?? name;
  if (parts.length >= 4) return { suite: parts[0] ?? dataSuite, scenario: parts.slice(1, -1).join('/'), metric };
  return { suite: dataSuite, scenario: parts.slice(0, -1).join('/'), metric };
}

export interface TrendChartRun {
  readonly commitId: string;
  readonly message: string;
  readonly url: string;
  readonly date: number;
}

export interface TrendChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly details: readonly ({ readonly range: string; readonly extra: string } | null)[];
}

export interface TrendChart extends BenchNameParts {
  readonly key: string;
  readonly unit: string;
  readonly runs: readonly TrendChartRun[];
  readonly series: readonly TrendChartSeries[];
}

interface Point {
  readonly runKey: string;
  readonly label: string;
  readonly value: number;
  readonly range: string;
  readonly extra: string;
}

interface Gathered extends BenchNameParts {
  readonly key: string;
  readonly unit: string;
  readonly runs: Map<string, BenchmarkRun>;
  readonly points: Point[];
}

function toChart(chart: Gathered): TrendChart {
  const runs = [...chart.runs.entries()].sort((a, b) => a[1].date - b[1].date);
  const index = new Map(runs.map(([key], i) => [key, i]));
  const labels = [...new Set(chart.points.map((p) => p.label))];
  const series = labels.map((label): TrendChartSeries => {
    const values: (number | null)[] = runs.map(() => null);
    const details: ({ range: string; extra: string } | null)[] = runs.map(() => null);
    for (const p of chart.points.filter((x) => x.label === label)) {
      const i = index.get(p.runKey) as number;
      values[i] = p.value;
      details[i] = { range: p.range, extra: p.extra };
    }
    return { label, values, details };
  });
  return {
    key: chart.key,
    suite: chart.suite,
    scenario: chart.scenario,
    metric: chart.metric,
    unit: chart.unit,
    runs: runs.map(([, run]) => ({
      commitId: run.commit.id,
      message: (run.commit.message ?? '').split('\n')[0] ?? '',
      url: run.commit.url ?? '',
      date: run.date,
    })),
    series,
  };
}

/**
 * Charts from a BENCHMARK_DATA object: one per bench name, with the runs
 * that measured it (oldest first) and one series per data.js suite, aligned
 * on those runs (null where a series has no value).
 */
export function buildCharts(data: BenchmarkData): TrendChart[] {
  const charts = new Map<string, Gathered>();
  for (const [dataSuite, runs] of Object.entries(data.entries ?? {})) {
    const label = seriesLabel(dataSuite);
    for (const run of runs) {
      const runKey = `${run.date}|${run.commit.id}`;
      for (const bench of run.benches) {
        let chart = charts.get(bench.name);
        if (!chart) {
          chart = {
            key: bench.name,
            ...splitBenchName(bench.name, dataSuite),
            unit: bench.unit,
            runs: new Map(),
            points: [],
          };
          charts.set(bench.name, chart);
        }
        chart.runs.set(runKey, run);
        chart.points.push({ runKey, label, value: bench.value, range: bench.range ?? '', extra: bench.extra ?? '' });
      }
    }
  }
  return [...charts.values()]
    .map(toChart)
    .sort((a, b) => (a.suite === b.suite ? a.key.localeCompare(b.key) : a.suite.localeCompare(b.suite)));
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** The x-axis label of a run: its short commit (when known) over its date and time. */
function runLabel(run: TrendChartRun): string {
  const when = formatDate(run.date).slice(5);
  return /^[0-9a-f]{7,}$/.test(run.commitId) ? `${run.commitId.slice(0, 7)}\n${when}` : when;
}

/** Decimals that tell the ticks apart: as many as the tick step needs. */
export function tickDecimals(step: number): number {
  let decimals = 0;
  while (decimals < 8 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals += 1;
  return decimals;
}

function element(tag: string, className = '', text?: string): PageElement {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function tooltipLines(chart: TrendChart, i: number): PageElement[] {
  const run = chart.runs[i] as TrendChartRun;
  const values = chart.series.flatMap((s) => {
    const value = s.values[i];
    if (value === null || value === undefined) return [];
    const half = Number.parseFloat((s.details[i]?.range ?? '').replace(/^±\s*/, ''));
    const range = Number.isFinite(half) && half > 0 ? ` ± ${formatValue(half, chart.unit)}` : '';
    return [element('div', 'tip-value', `${s.label}: ${formatValue(value, chart.unit)}${range}`)];
  });
  const message = run.message.length > 72 ? `${run.message.slice(0, 71)}…` : run.message;
  return [
    element('div', 'tip-commit', `${run.commitId.slice(0, 7)} ${message}`),
    element('div', 'tip-date', formatDate(run.date)),
    ...values,
  ];
}

function tooltipPlugin(chart: TrendChart): Record<string, unknown> {
  let tip: PageElement | undefined;
  return {
    hooks: {
      init: (u: UPlotLike) => {
        tip = element('div', 'tip');
        tip.style.display = 'none';
        u.over.appendChild(tip);
      },
      setCursor: (u: UPlotLike) => {
        if (!tip) return;
        const i = u.cursor.idx;
        if (i === null || i === undefined || !chart.runs[i]) {
          tip.style.display = 'none';
          return;
        }
        tip.replaceChildren(...tooltipLines(chart, i));
        tip.style.display = 'block';
        tip.style.left = `${Math.min(u.valToPos(i, 'x') + 12, u.over.clientWidth - 340)}px`;
        tip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 10)}px`;
      },
    },
  };
}

function drawChart(chart: TrendChart, parent: PageElement, width: number): { plot: UPlotLike; scale: AxisScale } {
  const all = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = axisScale(chart.unit, Math.max(0, ...all.map(Math.abs)));
  const xs = chart.runs.map((_, i) => i);
  const ys = chart.series.map((s) => s.values.map((v) => (v === null ? null : v / scale.divisor)));
  const options = {
    width,
    height: 240,
    plugins: [tooltipPlugin(chart)],
    scales: { x: { time: false, range: () => [-0.5, chart.runs.length - 0.5] } },
    axes: [
      {
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
        size: 56,
        values: (_u: unknown, splits: number[]) => splits.map((v) => (chart.runs[v] ? runLabel(chart.runs[v]) : '')),
      },
      {
        label: scale.label,
        size: 72,
        values: (_u: unknown, splits: number[]) => {
          const decimals = tickDecimals(splits.length > 1 ? Math.abs((splits[1] ?? 0) - (splits[0] ?? 0)) : 1);
          return splits.map((v) => v.toFixed(decimals));
        },
      },
    ],
    series: [
      {
        label: 'run',
        value: (_u: unknown, v: number | null) => (v === null || !chart.runs[v] ? '—' : formatDate(chart.runs[v].date)),
      },
      ...chart.series.map((s, i) => {
        const color = COLORS[i % COLORS.length];
        return {
          label: s.label,
          stroke: color,
          width: 2,
          spanGaps: true,
          points: { show: true, size: 7, fill: color },
          value: (_u: unknown, v: number | null) => (v === null ? '—' : formatValue(v * scale.divisor, chart.unit)),
        };
      }),
    ],
  };
  return { plot: new uPlot(options, [xs, ...ys], parent), scale };
}

function drawSuite(
  suite: string,
  charts: readonly TrendChart[],
  root: PageElement,
  width: number,
  state: TrendPageState,
): void {
  const section = element('section', 'suite');
  const grid = element('div', 'grid');
  section.append(element('h2', '', suite), grid);
  root.append(section);
  for (const chart of charts) {
    const figure = element('figure', 'chart');
    figure.dataset['key'] = chart.key;
    const caption = element('figcaption');
    caption.append(element('span', 'scenario', chart.scenario), ' ', element('code', 'metric', chart.metric));
    figure.append(caption);
    grid.append(figure);
    try {
      const { plot, scale } = drawChart(chart, figure, width);
      state.charts.push({
        key: chart.key,
        suite: chart.suite,
        axisUnit: scale.label,
        runs: chart.runs.length,
        series: chart.series.map((s) => ({ label: s.label, points: s.values.filter((v) => v !== null).length })),
        plot,
      });
    } catch (error) {
      state.errors.push(`${chart.key}: ${String(error)}`);
      figure.append(element('p', 'error', `Could not draw this chart: ${String(error)}`));
    }
  }
}

function main(): void {
  const state: TrendPageState = { ready: false, charts: [], errors: [] };
  window.planebenchTrend = state;
  const root = document.getElementById('charts');
  const summary = document.getElementById('summary');
  const data = window.BENCHMARK_DATA;
  if (!root || !summary) {
    state.errors.push('the page has no #charts or #summary element');
    return;
  }
  if (!data?.entries || Object.keys(data.entries).length === 0) {
    summary.textContent = 'No benchmark data yet: run `npm test -- perf`, then `npm run perf:trend`.';
    state.ready = true;
    return;
  }
  const charts = buildCharts(data);
  const runCount = new Set(charts.flatMap((c) => c.runs.map((r) => `${r.date}|${r.commitId}`))).size;
  summary.textContent = `${charts.length} metrics over ${runCount} runs · last update ${formatDate(data.lastUpdate)}`;
  if (data.repoUrl) {
    const link = element('a', '', data.repoUrl);
    link.href = data.repoUrl;
    summary.append(' · ', link);
  }
  const width = Math.max(320, Math.min(560, Math.floor(root.clientWidth / 2) - 40));
  for (const suite of new Set(charts.map((c) => c.suite))) {
    drawSuite(
      suite,
      charts.filter((c) => c.suite === suite),
      root,
      width,
      state,
    );
  }
  state.ready = true;
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') main();
