/**
 * The expression evaluated inside the trend page: waits (on animation
 * frames, not timers) until the page script says it is ready, then reports
 * every chart — its series, their points, and how many canvas pixels carry
 * each series' colour, which proves the line and points were painted, and
 * likewise its change marks. FILTER_EXPRESSION reports which charts the
 * filter box left visible.
 */
import { MARK_COLORS } from './page/trend-client.js';

export interface ProbedSeries {
  readonly label: string;
  readonly points: number;
  /** Canvas pixels within a small distance of the series' stroke colour. */
  readonly pixels: number;
}

export interface ProbedChart {
  readonly key: string;
  readonly suite: string;
  /** 'headline', 'gated' or 'collapsed' */
  readonly part: string;
  /** Change marks the chart says it drew. */
  readonly marks: number;
  /** Canvas pixels of the change marks' colours. */
  readonly markPixels: number;
  /** Pixels of the chart's canvas that are not blank. */
  readonly paintedPixels: number;
  readonly axisUnit: string;
  readonly runs: number;
  readonly series: readonly ProbedSeries[];
}

export interface PageProbe {
  readonly ready: boolean;
  readonly figures: number;
  readonly summary: string;
  readonly verdict: string;
  readonly errors: readonly string[];
  readonly charts: readonly ProbedChart[];
}

export const PAGE_PROBE_EXPRESSION = `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  for (let i = 0; i < 120 && !(window.planebenchTrend && window.planebenchTrend.ready); i += 1) await frame();
  const state = window.planebenchTrend;
  if (!state || !state.ready) return { ready: false, figures: 0, summary: '', verdict: '', errors: ['page script never became ready'], charts: [] };
  await frame();
  await frame();
  const rgb = (css) => {
    const probe = document.createElement('canvas').getContext('2d');
    probe.fillStyle = css;
    const hex = probe.fillStyle;
    return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  };
  return {
    ready: true,
    figures: document.querySelectorAll('figure.chart').length,
    summary: document.getElementById('summary').textContent,
    verdict: document.getElementById('verdict').textContent,
    errors: state.errors,
    charts: state.charts.map((c) => {
      const canvas = c.plot.ctx.canvas;
      const pixels = c.plot.ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const near = (css) => {
        const [r, g, b] = rgb(css);
        let count = 0;
        for (let p = 0; p < pixels.length; p += 4) {
          if (pixels[p + 3] > 200 && Math.abs(pixels[p] - r) + Math.abs(pixels[p + 1] - g) + Math.abs(pixels[p + 2] - b) < 60) count += 1;
        }
        return count;
      };
      const series = c.series.map((s, i) => {
        const plotted = c.plot.series[i + 1];
        const stroke = typeof plotted.stroke === 'function' ? plotted.stroke(c.plot, i + 1) : plotted.stroke;
        return { label: s.label, points: s.points, pixels: near(stroke) };
      });
      const markPixels = ${JSON.stringify(Object.values(MARK_COLORS))}.reduce((n, css) => n + near(css), 0);
      let paintedPixels = 0;
      for (let p = 3; p < pixels.length; p += 4) if (pixels[p] > 0) paintedPixels += 1;
      return { key: c.key, suite: c.suite, part: c.part, marks: c.marks, markPixels, paintedPixels, axisUnit: c.axisUnit, runs: c.runs, series };
    }),
  };
})()`;

/** Where to point the mouse for the first chart's last point, in page pixels. */
export const LAST_POINT_EXPRESSION = `(() => {
  const c = window.planebenchTrend && window.planebenchTrend.charts[0];
  if (!c) return null;
  const rect = c.plot.over.getBoundingClientRect();
  return { x: rect.left + c.plot.valToPos(c.runs - 1, 'x'), y: rect.top + rect.height / 2 };
})()`;

/** The tooltip's lines once the cursor moved (waits two animation frames for uPlot to follow). */
export const TOOLTIP_EXPRESSION = `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  await frame();
  await frame();
  const tip = document.querySelector('figure.chart .tip');
  if (!tip || tip.style.display === 'none') return [];
  return [...tip.children].map((line) => line.textContent);
})()`;

/** The keys of the charts left visible (the filter box has had its input), after two animation frames. */
export const FILTER_EXPRESSION = `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  await frame();
  await frame();
  return [...document.querySelectorAll('figure.chart')]
    .filter((f) => f.getClientRects().length > 0)
    .map((f) => f.dataset.key);
})()`;
