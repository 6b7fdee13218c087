/** The rows every report shows, derived once from a run comparison. */
import type { MetricComparison, RunComparison, ScenarioComparison } from '../gate/compare-run.js';
import { formatChange, formatValue } from '../lib/format-units.js';

export interface ReportRow {
  readonly suite: string;
  readonly label: string;
  readonly metric: string;
  readonly baseline: string;
  readonly current: string;
  readonly change: string;
  /** "[−3.1 %, +4.0 %]" — the 95 % interval of the change. */
  readonly interval: string;
  readonly verdict: string;
  /** "≥ 12 %": the smallest worsening this comparison could have caught; "calibrated" or "default" says whence. */
  readonly couldSee: string;
  readonly regressedGated: boolean;
}

/** The change a power statement is made for: "N of M gated metrics could see a 20 % change". */
export const POWER_REFERENCE_CHANGE = 0.2;

export function formatCouldSee(m: MetricComparison): string {
  const v = m.verdict;
  if (!v || m.status === 'new' || m.status === 'missing') return '';
  if (!Number.isFinite(v.detectable)) return 'nothing';
  const percent = v.detectable * 100;
  const text =
    percent >= 1000
      ? `≥ ${(v.detectable + 1).toFixed(0)}×`
      : `≥ ${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)} %`;
  return v.thresholdSource === 'calibration' ? text : `${text} (default)`;
}

export function verdictLabel(m: MetricComparison): string {
  const speed = m.verdict?.machineSpeedRatio;
  const machine =
    speed === undefined ? '' : speed > 1 ? `${speed.toFixed(2)}× slower` : `${(1 / speed).toFixed(2)}× faster`;
  const reason = m.verdict?.reason;
  const base = m.verdict?.tooFewTrials
    ? `${m.status} (1 trial: not judged)`
    : speed === undefined
      ? m.status === 'unchanged' && reason !== undefined && reason !== 'within the noise'
        ? `unchanged (${reason})`
        : m.status
      : m.status === 'unchanged'
        ? `unchanged (machine ${machine}: explains it)`
        : `${m.status} (beyond the machine's ${machine})`;
  if (m.ungatedBecause) return `${base} (not gated: ${m.ungatedBecause})`;
  return m.gated || m.status === 'new' || m.status === 'missing' ? base : `${base} (not gated)`;
}

function statusNote(s: ScenarioComparison): string | undefined {
  switch (s.status.kind) {
    case 'other-profile':
      return `baseline is of profile ${s.status.baselineProfile}, this run is ${s.profile}: not compared`;
    case 'other-testbed':
      return `baseline from another machine (${s.status.baselineTestbed}), this run on ${s.status.runTestbed}: not compared`;
    case 'no-baseline':
      return 'no baseline yet: every metric is new';
    case 'not-completed':
      return `${s.status.state}: ${s.status.error.split('\n')[0] ?? ''}`;
    default:
      return undefined;
  }
}

export const REMEASURED_NOTE = 're-measured to confirm a regression: the trials of both runs are pooled';

/** "measured on a busy machine: the CPUs were 80 % busy after waiting 15 s". */
export function busyNote(s: ScenarioComparison): string | undefined {
  const busy = s.busyAtStart;
  if (!busy) return undefined;
  return `measured on a busy machine: the CPUs were ${Math.round(busy.busyFraction * 100)} % busy after waiting ${Math.round(busy.waitedMs / 1000)} s`;
}

export function scenarioNote(s: ScenarioComparison): string | undefined {
  const notes = [statusNote(s), s.remeasured ? REMEASURED_NOTE : undefined, busyNote(s)].filter((n) => n !== undefined);
  return notes.length > 0 ? notes.join('; ') : undefined;
}

export function rowsOf(comparison: RunComparison): ReportRow[] {
  return comparison.scenarios.flatMap((s) =>
    s.metrics.map((m): ReportRow => {
      const ratio = m.verdict?.ratio;
      return {
        suite: s.suite,
        label: `${s.scenario}/${s.variant}`,
        metric: m.metric,
        baseline: formatValue(m.baseline, m.unit),
        current: formatValue(m.current, m.unit),
        change: formatChange(ratio?.estimate),
        interval: ratio ? `[${formatChange(ratio.low)}, ${formatChange(ratio.high)}]` : '',
        verdict: verdictLabel(m),
        couldSee: formatCouldSee(m),
        regressedGated: m.gated && m.status === 'regressed',
      };
    }),
  );
}

export function summaryLine(comparison: RunComparison, withPower = true): string {
  const c = comparison.counts;
  const regressions = comparison.regressions.length;
  const notCompleted = comparison.scenarios.filter((s) => s.status.kind === 'not-completed').length;
  // Ungated metrics can read "regressed" too; they fail nothing, but the counts add up to every metric.
  const ungatedRegressed = c.regressed - regressions;
  const parts = [
    `${regressions} regression${regressions === 1 ? '' : 's'}` +
      (ungatedRegressed > 0 ? ` (and ${ungatedRegressed} in metrics not gated)` : ''),
    `${c.improved} improved`,
    `${c.unchanged} unchanged`,
    `${c.new} new`,
    `${c.missing} missing`,
  ];
  if (notCompleted > 0) parts.push(`${notCompleted} scenario(s) did not complete`);
  const otherTestbed = comparison.scenarios.filter((s) => s.status.kind === 'other-testbed').length;
  if (otherTestbed > 0) parts.push(`${otherTestbed} scenario(s) not compared: baseline from another machine`);
  const busy = comparison.scenarios.filter((s) => s.busyAtStart !== undefined).length;
  if (busy > 0) parts.push(`${busy} scenario(s) measured on a busy machine`);
  if (withPower) parts.push(powerLine(comparison));
  if (comparison.baselineErrors.length > 0) parts.push(`${comparison.baselineErrors.length} unreadable baseline(s)`);
  return parts.join(' · ');
}

/** "142 of 175 gated metrics could see a 20 % change (160 calibrated; 6 ungated: noise hides 2×)". */
export function powerLine(comparison: RunComparison): string {
  const judged = comparison.scenarios.flatMap((s) =>
    s.metrics.filter((m) => m.gated && m.verdict !== undefined && m.status !== 'new' && m.status !== 'missing'),
  );
  const canSee = judged.filter((m) => (m.verdict?.detectable ?? Number.POSITIVE_INFINITY) <= POWER_REFERENCE_CHANGE);
  const calibrated = judged.filter((m) => m.verdict?.thresholdSource === 'calibration').length;
  const blind = comparison.scenarios.flatMap((s) => s.metrics.filter((m) => m.ungatedBecause !== undefined)).length;
  return (
    `${canSee.length} of ${judged.length} gated metrics could see a ${POWER_REFERENCE_CHANGE * 100} % change ` +
    `(${calibrated} with calibrated noise${blind > 0 ? `; ${blind} ungated: noise hides 2×` : ''})`
  );
}

/** Lines for metrics whose rules the head changed: the reference's rules were applied. */
export function ruleChangeLines(comparison: RunComparison): string[] {
  return comparison.scenarios.flatMap((s) =>
    s.metrics
      .filter((m) => m.ruleChange !== undefined)
      .map((m) => `${s.suite}/${s.scenario}/${s.variant} ${m.metric}: ${m.ruleChange}`),
  );
}

/** What a verdict was judged against, in words. */
export function judgedAgainst(m: MetricComparison): string {
  const v = m.verdict;
  if (!v) return '';
  const threshold = `${formatChange(1 + v.threshold)}`;
  const source = v.thresholdSource === 'calibration' ? 'from measured noise' : "kind's default, noise not measured";
  return `threshold ${threshold} (${source})`;
}

/** "41 of 43 gated metrics unchanged; could see a 20 % change on 12 of them; 3 ungated (noise hides 2×)". */
export function suiteSummary(metrics: readonly MetricComparison[]): string {
  const gated = metrics.filter((m) => m.gated && m.status !== 'new' && m.status !== 'missing');
  const unchanged = gated.filter((m) => m.status === 'unchanged');
  const canSee = unchanged.filter(
    (m) => (m.verdict?.detectable ?? Number.POSITIVE_INFINITY) <= POWER_REFERENCE_CHANGE,
  ).length;
  const blind = metrics.filter((m) => m.ungatedBecause !== undefined).length;
  return (
    `${unchanged.length} of ${gated.length} gated metrics unchanged; ` +
    `could see a ${POWER_REFERENCE_CHANGE * 100} % change on ${canSee} of them` +
    (blind > 0 ? `; ${blind} ungated (noise hides 2×)` : '')
  );
}

/** "procman/cpi/v2 queryLatencyUs.p50: 40.5 µs → 68.8 µs, +70.0 % [+53.0 %, +87.0 %], threshold +12.0 % (from measured noise)". */
export function changeLine(m: MetricComparison): string {
  const ratio = m.verdict?.ratio;
  const change = ratio
    ? `, ${formatChange(ratio.estimate)} [${formatChange(ratio.low)}, ${formatChange(ratio.high)}]`
    : '';
  const against = judgedAgainst(m);
  return (
    `${m.suite}/${m.scenario}/${m.variant} ${m.metric}: ` +
    `${formatValue(m.baseline, m.unit)} → ${formatValue(m.current, m.unit)}${change}${against ? `, ${against}` : ''}`
  );
}
