/* global window, document, uPlot */
/**
 * The trend page's browser script, inlined into index.html as a module
 * script after uPlot (global `uPlot`) and data.js (`window.BENCHMARK_DATA`,
 * the shape github-action-benchmark writes). Draws one chart per metric,
 * grouped by planebench suite, one line per data.js suite (profile), with
 * readable units and a tooltip naming commit, date and value.
 * The pure parts are exported for unit tests; `main` runs only in a browser.
 * After drawing, `window.planebenchTrend` tells what was drawn (for the
 * headless-Chromium check and for anyone curious in the console).
 */

const NS_PER = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
const TIME_STEPS = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB'];
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

function fixed(value) {
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** Same output as src/report/format-units.ts formatValue (a unit test keeps them in step). */
export function formatValue(value, unit) {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  const ns = NS_PER[unit];
  if (ns !== undefined) {
    const total = value * ns;
    for (const [size, label] of TIME_STEPS) {
      if (Math.abs(total) >= size || size === 1) return `${fixed(total / size)} ${label}`;
    }
  }
  switch (unit) {
    case 'B': {
      let v = value;
      let i = 0;
      while (Math.abs(v) >= 1024 && i < BYTE_UNITS.length - 1) {
        v /= 1024;
        i += 1;
      }
      return `${i === 0 ? v.toFixed(0) : fixed(v)} ${BYTE_UNITS[i]}`;
    }
    case 'ops/s':
      return `${Math.round(value).toLocaleString('en-US')}/s`;
    case 'count':
      return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
    case '%':
      return `${fixed(value)} %`;
    case 'x':
      return `${fixed(value)}×`;
    case 'fraction':
      return `${(value * 100).toFixed(1)} %`;
    default:
      return `${fixed(value)} ${unit}`;
  }
}

/**
 * The unit a chart's axis shows, chosen from its largest value:
 * `{ label, divisor }` where a drawn value is `value / divisor`.
 */
export function axisScale(unit, maxAbs) {
  const ns = NS_PER[unit];
  if (ns !== undefined) {
    const step = TIME_STEPS.find(([size]) => maxAbs * ns >= size) ?? TIME_STEPS[TIME_STEPS.length - 1];
    return { label: step[1], divisor: step[0] / ns };
  }
  if (unit === 'B') {
    let i = 0;
    while (maxAbs >= 1024 ** (i + 1) && i < BYTE_UNITS.length - 1) i += 1;
    return { label: BYTE_UNITS[i], divisor: 1024 ** i };
  }
  if (unit === 'fraction') return { label: '%', divisor: 0.01 };
  return { label: unit, divisor: 1 };
}

/** "planebench ci (smaller is better)" → "ci"; any other data.js suite name is shown whole. */
export function seriesLabel(dataSuite) {
  const match = /^planebench (\S+) \((smaller|bigger) is better\)$/.exec(dataSuite);
  return match ? match[1] : dataSuite;
}

/** A bench name `suite/scenario/variant/metric` → its parts; other names go under the data.js suite. */
export function splitBenchName(name, dataSuite) {
  const parts = name.split('/');
  if (parts.length >= 4) {
    return { suite: parts[0], scenario: parts.slice(1, -1).join('/'), metric: parts[parts.length - 1] };
  }
  return { suite: dataSuite, scenario: parts.slice(0, -1).join('/'), metric: parts[parts.length - 1] };
}

/**
 * Charts from a BENCHMARK_DATA object: one per bench name, with the runs
 * that measured it (oldest first) and one series per data.js suite, aligned
 * on those runs (null where a series has no value).
 */
export function buildCharts(data) {
  const charts = new Map();
  for (const [dataSuite, runs] of Object.entries(data.entries ?? {})) {
    const label = seriesLabel(dataSuite);
    for (const run of runs) {
      const runKey = `${run.date}|${run.commit.id}`;
      for (const bench of run.benches) {
        let chart = charts.get(bench.name);
        if (!chart) {
          chart = { key: bench.name, ...splitBenchName(bench.name, dataSuite), unit: bench.unit, runs: new Map(), points: [] };
          charts.set(bench.name, chart);
        }
        chart.runs.set(runKey, run);
        chart.points.push({ runKey, label, value: bench.value, range: bench.range ?? '', extra: bench.extra ?? '' });
      }
    }
  }
  return [...charts.values()]
    .map((chart) => {
      const runs = [...chart.runs.entries()].sort((a, b) => a[1].date - b[1].date);
      const index = new Map(runs.map(([key], i) => [key, i]));
      const labels = [...new Set(chart.points.map((p) => p.label))];
      const series = labels.map((label) => {
        const values = runs.map(() => null);
        const details = runs.map(() => null);
        for (const p of chart.points.filter((x) => x.label === label)) {
          const i = index.get(p.runKey);
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
          message: (run.commit.message ?? '').split('\n')[0],
          url: run.commit.url ?? '',
          date: run.date,
        })),
        series,
      };
    })
    .sort((a, b) => (a.suite === b.suite ? a.key.localeCompare(b.key) : a.suite.localeCompare(b.suite)));
}

function formatDate(ms) {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** The x-axis label of a run: its short commit, or its date when the commit is unknown. */
function runLabel(run) {
  return /^[0-9a-f]{7,}$/.test(run.commitId) ? run.commitId.slice(0, 7) : formatDate(run.date).slice(5);
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function tooltipPlugin(chart) {
  let tip;
  return {
    hooks: {
      init: (u) => {
        tip = element('div', 'tip');
        tip.style.display = 'none';
        u.over.appendChild(tip);
      },
      setCursor: (u) => {
        const i = u.cursor.idx;
        const run = i === null || i === undefined ? undefined : chart.runs[i];
        if (!run) {
          tip.style.display = 'none';
          return;
        }
        tip.replaceChildren(
          element('div', 'tip-commit', `${run.commitId.slice(0, 7)} ${run.message}`),
          element('div', 'tip-date', formatDate(run.date)),
          ...chart.series
            .filter((s) => s.values[i] !== null)
            .map((s) => {
              const detail = s.details[i];
              const half = detail ? Number.parseFloat(detail.range.replace(/^±\s*/, '')) : Number.NaN;
              const range = Number.isFinite(half) && half > 0 ? ` ± ${formatValue(half, chart.unit)}` : '';
              return element('div', 'tip-value', `${s.label}: ${formatValue(s.values[i], chart.unit)}${range}`);
            }),
        );
        const x = u.valToPos(i, 'x');
        tip.style.display = 'block';
        tip.style.left = `${Math.min(x + 12, u.over.clientWidth - 220)}px`;
        tip.style.top = `${Math.max(0, (u.cursor.top ?? 0) - 10)}px`;
      },
    },
  };
}

function drawChart(chart, parent, width) {
  const maxAbs = Math.max(0, ...chart.series.flatMap((s) => s.values.filter((v) => v !== null).map(Math.abs)));
  const scale = axisScale(chart.unit, maxAbs);
  const xs = chart.runs.map((_, i) => i);
  const ys = chart.series.map((s) => s.values.map((v) => (v === null ? null : v / scale.divisor)));
  const opts = {
    width,
    height: 240,
    plugins: [tooltipPlugin(chart)],
    scales: { x: { time: false, range: () => [-0.5, chart.runs.length - 0.5] } },
    axes: [
      {
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
        values: (_u, splits) => splits.map((v) => (Number.isInteger(v) && chart.runs[v] ? runLabel(chart.runs[v]) : '')),
      },
      { label: scale.label, size: 64 },
    ],
    series: [
      { label: 'run', value: (_u, v) => (v === null || !chart.runs[v] ? '—' : formatDate(chart.runs[v].date)) },
      ...chart.series.map((s, i) => ({
        label: s.label,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        spanGaps: true,
        points: { show: true, size: 7, fill: COLORS[i % COLORS.length] },
        value: (_u, v) => (v === null ? '—' : formatValue(v * scale.divisor, chart.unit)),
      })),
    ],
  };
  return { plot: new uPlot(opts, [xs, ...ys], parent), scale };
}

function main() {
  const state = { ready: false, charts: [], errors: [] };
  window.planebenchTrend = state;
  const root = document.getElementById('charts');
  const data = window.BENCHMARK_DATA;
  const summary = document.getElementById('summary');
  if (!data || !data.entries || Object.keys(data.entries).length === 0) {
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
  for (const suite of [...new Set(charts.map((c) => c.suite))]) {
    const section = element('section', 'suite');
    section.append(element('h2', '', suite));
    const grid = element('div', 'grid');
    section.append(grid);
    root.append(section);
    for (const chart of charts.filter((c) => c.suite === suite)) {
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
  state.ready = true;
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') main();
