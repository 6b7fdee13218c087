/**
 * A regressed latency's distribution, base against head, as a picture that
 * renders in a GitHub comment: a Mermaid `xychart-beta` block of the
 * percentiles p50 … p99.9 of the two sides' merged HDR histograms (bars: the
 * reference side, line: the judged side).
 */
import { decodeHistogram, stepsPerUnitOf } from '../harness/histogram/histogram.js';
import { scenarioId, type RecordedHistogram, type ScenarioResult } from '../harness/result-model.js';
import { formatValue } from '../lib/format-units.js';

export const CHART_PERCENTILES = [50, 90, 99, 99.9] as const;

export interface Distribution {
  readonly unit: string;
  readonly reference: readonly number[];
  readonly judged: readonly number[];
}

/** Percentiles of a recorded histogram, in its unit; undefined when it does not decode or is empty. */
export function percentilesOf(h: RecordedHistogram): number[] | undefined {
  try {
    const histogram = decodeHistogram(h.encoded);
    if (histogram.totalCount === 0) return undefined;
    return CHART_PERCENTILES.map((p) => histogram.getValueAtPercentile(p) / stepsPerUnitOf(h));
  } catch {
    return undefined;
  }
}

export function distributionOf(
  reference: RecordedHistogram | undefined,
  judged: RecordedHistogram | undefined,
): Distribution | undefined {
  if (!reference || !judged || reference.unit !== judged.unit) return undefined;
  const r = percentilesOf(reference);
  const j = percentilesOf(judged);
  return r && j ? { unit: reference.unit, reference: r, judged: j } : undefined;
}

const UNIT_LABEL: Readonly<Record<string, string>> = { us: 'µs' };

/** Short enough that the verdict, the regression and its chart share a first screen; base grey, head red. */
const CHART_INIT =
  '%%{init: {"xyChart": {"height": 260}, "themeVariables": {"xyChart": {"plotColorPalette": "#8c959f, #cf222e"}}}}%%';

function round(value: number): number {
  return Number(value.toPrecision(4));
}

/** The Mermaid block, and one plain line with the same numbers for readers without the picture. */
export function renderDistributionChart(
  title: string,
  d: Distribution,
  sides: { readonly reference: string; readonly judged: string },
): string[] {
  const unit = UNIT_LABEL[d.unit] ?? d.unit;
  const top = Math.max(...d.reference, ...d.judged) * 1.1;
  const quote = (s: string): string => s.replace(/"/g, "'");
  return [
    '```mermaid',
    CHART_INIT,
    'xychart-beta',
    `  title "${quote(title)} — bars ${quote(sides.reference)}, line ${quote(sides.judged)}"`,
    `  x-axis [${CHART_PERCENTILES.map((p) => `"p${p}"`).join(', ')}]`,
    `  y-axis "${unit}" 0 --> ${round(top)}`,
    `  bar [${d.reference.map(round).join(', ')}]`,
    `  line [${d.judged.map(round).join(', ')}]`,
    '```',
    '',
    `<sub>${CHART_PERCENTILES.map(
      (p, i) => `p${p} ${formatValue(d.reference[i], d.unit)} → ${formatValue(d.judged[i], d.unit)}`,
    ).join(' · ')}</sub>`,
  ];
}

/** Key of a metric's distribution: suite/scenario/variant metric. */
export function distributionKey(m: {
  readonly suite: string;
  readonly scenario: string;
  readonly variant: string;
  readonly metric: string;
}): string {
  return `${m.suite}/${m.scenario}/${m.variant} ${m.metric}`;
}

/**
 * Distributions of the regressed metrics that come from a histogram:
 * `referenceOf` gives the reference side's histograms of a scenario
 * (suite/scenario/variant), the judged side's are in its results.
 */
export function regressionDistributions(
  regressions: readonly { suite: string; scenario: string; variant: string; metric: string }[],
  judged: readonly ScenarioResult[],
  referenceOf: (scenarioId: string) => Readonly<Record<string, RecordedHistogram>> | undefined,
): Map<string, Distribution> {
  const out = new Map<string, Distribution>();
  for (const m of regressions) {
    const id = `${m.suite}/${m.scenario}/${m.variant}`;
    const result = judged.find((r) => scenarioId(r) === id);
    const name = result?.metrics.find((x) => x.name === m.metric)?.histogram;
    if (!result || !name) continue;
    const d = distributionOf(referenceOf(id)?.[name], result.histograms[name]);
    if (d) out.set(distributionKey(m), d);
  }
  return out;
}
