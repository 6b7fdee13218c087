/**
 * The trend page's browser script. render-trend-page.ts transpiles it to
 * JavaScript and inlines it as a module script, with its one import,
 * src/lib/format-units.ts (the same numbers as the console table and
 * report.md), served through an import map; after uPlot (global `uPlot`) and data.js
 * (`window.BENCHMARK_DATA`, the shape github-action-benchmark writes).
 * It draws one chart per metric, grouped by planebench suite, one line per
 * data.js suite (profile), with readable units and a tooltip naming commit,
 * date and value. The pure parts are exported for unit tests; `main` runs
 * only in a browser. After drawing, `window.planebenchTrend` tells what was
 * drawn (for the headless-Chromium check and the curious).
 */
import { BYTE_UNITS, NS_PER, TIME_STEPS, formatValue } from '../../../lib/format-units.js';
import type { BenchmarkData, BenchmarkRun } from '../../../history/benchmark-data.js';
import { arrangeCharts, type ScenarioGroup } from './arrange-charts.js';
import { changeMarks, runKey, type ChangeMark } from './change-marks.js';
import { matchesFilter } from './chart-filter.js';
import { PAGE_FACTS_ID, type PageFacts } from './page-facts.js';

// The few DOM and uPlot facts this script uses, declared here (module-local)
// so the Node project needs no DOM library.
interface PageElement {
  className: string;
  id: string;
  textContent: string | null;
  href: string;
  title: string;
  open: boolean;
  readonly value: string;
  readonly parentElement: PageElement | null;
  readonly style: { display: string; left: string; top: string };
  readonly dataset: Record<string, string | undefined>;
  readonly clientWidth: number;
  append(...nodes: (PageElement | string)[]): void;
  appendChild(node: PageElement): void;
  replaceChildren(...nodes: PageElement[]): void;
  addEventListener(type: string, listener: () => void): void;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageDocument {
  createElement(tag: string): PageElement;
  getElementById(id: string): PageElement | null;
}
interface CanvasContext {
  strokeStyle: string;
  fillStyle: string;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  setLineDash(segments: number[]): void;
  fillText(text: string, x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  measureText(text: string): { readonly width: number };
}
interface UPlotLike {
  readonly over: PageElement;
  readonly ctx: CanvasContext;
  /** The plotting area in canvas pixels. */
  readonly bbox: { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
  readonly cursor: { readonly idx?: number | null; readonly top?: number };
  valToPos(value: number, scaleKey: string, canvasPixels?: boolean): number;
}
type UPlotConstructor = new (
  options: Record<string, unknown>,
  data: (number | null)[][],
  target: PageElement,
) => UPlotLike;

export interface DrawnChart {
  readonly key: string;
  readonly suite: string;
  /** 'headline', 'gated' or 'collapsed': the part of the page the chart is in. */
  readonly part: string;
  /** Change marks painted the last time the chart was drawn. */
  marks: number;
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

declare const window: {
  BENCHMARK_DATA?: BenchmarkData;
  planebenchTrend?: TrendPageState;
  readonly devicePixelRatio?: number;
};
declare const document: PageDocument;
declare const uPlot: UPlotConstructor;

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'] as const;
/** Change marks: far enough from every series colour that the probe's pixel count of a series never counts them. */
export const MARK_COLORS = { regression: '#be123c', improvement: '#0f766e' } as const;

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
  /** False when data.js marks the metric `not gated` (src/history/benchmark-action.ts). */
  readonly gated: boolean;
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
  gated: boolean;
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
    gated: chart.gated,
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
      const key = runKey(run.date, run.commit.id);
      for (const bench of run.benches) {
        let chart = charts.get(bench.name);
        if (!chart) {
          chart = {
            key: bench.name,
            ...splitBenchName(bench.name, dataSuite),
            unit: bench.unit,
            gated: true,
            runs: new Map(),
            points: [],
          };
          charts.set(bench.name, chart);
        }
        if ((bench.extra ?? '').includes('not gated')) chart.gated = false;
        chart.runs.set(key, run);
        chart.points.push({
          runKey: key,
          label,
          value: bench.value,
          range: bench.range ?? '',
          extra: bench.extra ?? '',
        });
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

function drawChart(
  chart: TrendChart,
  parent: PageElement,
  width: number,
  marks: readonly ChangeMark[],
  drawn: { marks: number },
): { plot: UPlotLike; scale: AxisScale } {
  const all = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = axisScale(chart.unit, Math.max(0, ...all.map(Math.abs)));
  const xs = chart.runs.map((_, i) => i);
  const ys = chart.series.map((s) => s.values.map((v) => (v === null ? null : v / scale.divisor)));
  const options = {
    width,
    height: 240,
    plugins: [tooltipPlugin(chart), changeMarksPlugin(marks, drawn)],
    scales: { x: { time: false, range: () => [-0.5, chart.runs.length - 0.5] } },
    axes: [
      {
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
        // A label is a short commit over a date: room for one every 90 px, so they never overlap.
        space: 90,
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

/**
 * Draws each change mark on the chart's canvas: a dashed vertical line at the
 * run the change appeared in, labelled with the change, red for a
 * regression, green for an improvement. Labels of neighbouring marks are
 * staggered so they do not overlap.
 */
function changeMarksPlugin(marks: readonly ChangeMark[], drawn: { marks: number }): Record<string, unknown> {
  return {
    hooks: {
      draw: (u: UPlotLike) => {
        const ratio = window.devicePixelRatio ?? 1;
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.font = `${Math.round(11 * ratio)}px system-ui, sans-serif`;
        ctx.textBaseline = 'top';
        marks.forEach((mark, i) => {
          const x = Math.round(u.valToPos(mark.runIndex, 'x', true));
          const color = mark.regression ? MARK_COLORS.regression : MARK_COLORS.improvement;
          ctx.strokeStyle = color;
          ctx.fillStyle = color;
          ctx.lineWidth = 2 * ratio;
          ctx.setLineDash([5 * ratio, 3 * ratio]);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          const text = `${mark.regression ? '▲ worse' : '▼ better'} ${mark.text}`;
          const textWidth = ctx.measureText(text).width;
          const pad = 3 * ratio;
          const leftOfLine = x + pad + textWidth > left + width;
          const tx = leftOfLine ? x - pad - textWidth : x + pad;
          const ty = top + pad + (i % 3) * 15 * ratio;
          ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
          ctx.fillRect(tx - 2 * ratio, ty - ratio, textWidth + 4 * ratio, 14 * ratio);
          ctx.fillStyle = color;
          ctx.textAlign = 'left';
          ctx.fillText(text, tx, ty);
        });
        ctx.restore();
        drawn.marks = marks.length;
      },
    },
  };
}

/** The id of a chart's figure, which the verdict links to. */
function chartAnchor(key: string): string {
  return `chart-${key}`;
}

interface DrawContext {
  readonly width: number;
  readonly facts: PageFacts;
  readonly state: TrendPageState;
}

function drawFigure(chart: TrendChart, grid: PageElement, part: string, context: DrawContext, why?: string): void {
  const figure = element('figure', 'chart');
  figure.dataset['key'] = chart.key;
  figure.id = chartAnchor(chart.key);
  const caption = element('figcaption');
  caption.append(element('span', 'scenario', chart.scenario), ' ', element('code', 'metric', chart.metric));
  if (why) caption.append(element('div', 'why', why));
  figure.append(caption);
  grid.append(figure);
  const marks = changeMarks(
    chart.key,
    chart.runs.map((r) => runKey(r.date, r.commitId)),
    context.facts.changes,
  );
  const drawn = {
    key: chart.key,
    suite: chart.suite,
    part,
    marks: 0,
    axisUnit: '',
    runs: chart.runs.length,
    series: chart.series.map((s) => ({ label: s.label, points: s.values.filter((v) => v !== null).length })),
  };
  try {
    const { plot, scale } = drawChart(chart, figure, context.width, marks, drawn);
    // The same object the marks plugin counts into, so a redraw updates it.
    context.state.charts.push(Object.assign(drawn, { plot, axisUnit: scale.label }));
  } catch (error) {
    context.state.errors.push(`${chart.key}: ${String(error)}`);
    figure.append(element('p', 'error', `Could not draw this chart: ${String(error)}`));
  }
}

function drawGroups(
  groups: readonly ScenarioGroup<TrendChart>[],
  parent: PageElement,
  part: string,
  context: DrawContext,
): void {
  for (const group of groups) {
    const section = element('section', 'group');
    const grid = element('div', 'grid');
    section.append(element('h3', '', group.title), grid);
    parent.append(section);
    for (const chart of group.charts) drawFigure(chart, grid, part, context);
  }
}

function drawPage(charts: readonly TrendChart[], root: PageElement, context: DrawContext): void {
  const arranged = arrangeCharts(charts, context.facts.headline);
  const headline = element('section', 'part headline');
  headline.append(element('h2', '', 'Headline: what each system is about'));
  root.append(headline);
  for (const group of arranged.headline) {
    const section = element('section', 'group');
    const grid = element('div', 'grid');
    section.append(element('h3', '', group.system), grid);
    if (group.items.length === 0) {
      const note = element(
        'p',
        'missing',
        `None of its ${group.missing.length} headline metrics is in this history yet.`,
      );
      note.title = group.missing.join('\n');
      section.append(note);
    } else if (group.missing.length > 0) {
      section.append(element('p', 'missing', `Not in this history yet: ${group.missing.join(', ')}`));
    }
    headline.append(section);
    for (const item of group.items) drawFigure(item.chart, grid, 'headline', context, item.why);
  }
  if (arranged.gated.length > 0) {
    const gated = element('section', 'part gated');
    gated.append(element('h2', '', 'Other gated metrics, by scenario'));
    root.append(gated);
    drawGroups(arranged.gated, gated, 'gated', context);
  }
  const count = arranged.collapsed.reduce((n, g) => n + g.charts.length, 0);
  if (count > 0) {
    const details = element('details', 'part collapsed');
    details.append(
      element('summary', '', `Ungated metrics, calibration loops and maxima (${count} chart${count === 1 ? '' : 's'})`),
    );
    root.append(details);
    drawGroups(arranged.collapsed, details, 'collapsed', context);
  }
}

/** Names the regressions change points found within the newest runs, or says there are none. */
function showVerdict(facts: PageFacts, verdict: PageElement): void {
  const recent = facts.changes.filter((c) => c.regression && c.runsAgo < facts.recentRuns);
  const older = facts.changes.length - recent.length;
  const marked = older > 0 ? ` · ${older} other change point(s) marked on their charts` : '';
  if (recent.length === 0) {
    verdict.className = 'verdict good';
    verdict.textContent = `✓ No change point made a gated metric worse within the newest ${facts.recentRuns} runs${marked}`;
    return;
  }
  verdict.className = 'verdict bad';
  verdict.textContent = `✗ ${recent.length} change point(s) made a metric worse within the newest ${facts.recentRuns} runs: `;
  recent.slice(0, 6).forEach((c, i) => {
    const link = element('a');
    link.href = `#${chartAnchor(c.name)}`;
    link.append(element('code', '', c.name));
    verdict.append(i === 0 ? '' : ' · ', link, ` ${c.change} (${c.values}) at ${c.commit.slice(0, 7)}`);
  });
  if (recent.length > 6) verdict.append(` · and ${recent.length - 6} more`);
  if (marked) verdict.append(marked);
}

/** Hides the charts whose name does not match the filter box, and the groups left empty; opens what matches. */
function applyFilter(root: PageElement, query: string, count: PageElement): void {
  let shown = 0;
  let total = 0;
  for (const figure of root.querySelectorAll('figure.chart')) {
    const match = matchesFilter(figure.dataset['key'] ?? '', query);
    figure.style.display = match ? '' : 'none';
    total += 1;
    if (match) shown += 1;
  }
  for (const group of root.querySelectorAll('section.group, .part')) {
    const visible = [...group.querySelectorAll('figure.chart')].some((f) => f.style.display !== 'none');
    group.style.display = visible || query.trim() === '' ? '' : 'none';
    if (group.className.includes('collapsed')) group.open = query.trim() !== '' && visible;
  }
  count.textContent = query.trim() === '' ? '' : `${shown} of ${total} charts`;
}

function readFacts(): PageFacts {
  const text = document.getElementById(PAGE_FACTS_ID)?.textContent ?? '';
  const empty: PageFacts = { repoUrl: '', headline: [], changes: [], recentRuns: 0 };
  return text.trim() === '' ? empty : (JSON.parse(text) as PageFacts);
}

function main(): void {
  const state: TrendPageState = { ready: false, charts: [], errors: [] };
  window.planebenchTrend = state;
  const root = document.getElementById('charts');
  const summary = document.getElementById('summary');
  const verdict = document.getElementById('verdict');
  const filter = document.getElementById('filter');
  const filterCount = document.getElementById('filter-count');
  const data = window.BENCHMARK_DATA;
  if (!root || !summary || !verdict || !filter || !filterCount) {
    state.errors.push('the page lacks one of #charts, #summary, #verdict, #filter, #filter-count');
    return;
  }
  if (!data?.entries || Object.keys(data.entries).length === 0) {
    summary.textContent = 'No benchmark data yet: run `npm test -- perf`, then `npm run perf:trend`.';
    state.ready = true;
    return;
  }
  const facts = readFacts();
  const charts = buildCharts(data);
  const runCount = new Set(charts.flatMap((c) => c.runs.map((r) => runKey(r.date, r.commitId)))).size;
  summary.textContent = `${charts.length} metrics over ${runCount} runs · last update ${formatDate(data.lastUpdate)}`;
  showVerdict(facts, verdict);
  const width = Math.max(320, Math.min(560, Math.floor(root.clientWidth / 2) - 40));
  drawPage(charts, root, { width, facts, state });
  filter.addEventListener('input', () => applyFilter(root, filter.value, filterCount));
  state.ready = true;
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') main();
