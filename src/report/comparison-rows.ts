/** The rows every report shows, derived once from a run comparison. */
import type { MetricComparison, RunComparison, ScenarioComparison } from '../gate/compare-run.js';
import { formatChange, formatValue } from './format-units.js';

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
  readonly regressedGated: boolean;
}

export function verdictLabel(m: MetricComparison): string {
  const speed = m.verdict?.machineSpeedRatio;
  const machine =
    speed === undefined ? '' : speed > 1 ? `${speed.toFixed(2)}× slower` : `${(1 / speed).toFixed(2)}× faster`;
  const base = m.verdict?.tooFewTrials
    ? `${m.status} (1 trial: not judged)`
    : speed === undefined
      ? m.status
      : m.status === 'unchanged'
        ? `unchanged (machine ${machine}: explains it)`
        : `${m.status} (beyond the machine's ${machine})`;
  return m.gated || m.status === 'new' || m.status === 'missing' ? base : `${base} (not gated)`;
}

function statusNote(s: ScenarioComparison): string | undefined {
  switch (s.status.kind) {
    case 'other-profile':
      return `baseline is of profile ${s.status.baselineProfile}, this run is ${s.profile}: not compared`;
    case 'no-baseline':
      return 'no baseline yet: every metric is new';
    case 'not-completed':
      return `${s.status.state}: ${s.status.error.split('\n')[0] ?? ''}`;
    default:
      return undefined;
  }
}

export const REMEASURED_NOTE = 're-measured to confirm a regression: the trials of both runs are pooled';

export function scenarioNote(s: ScenarioComparison): string | undefined {
  const notes = [statusNote(s), s.remeasured ? REMEASURED_NOTE : undefined].filter((n) => n !== undefined);
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
        regressedGated: m.gated && m.status === 'regressed',
      };
    }),
  );
}

export function summaryLine(comparison: RunComparison): string {
  const c = comparison.counts;
  const regressions = comparison.regressions.length;
  const notCompleted = comparison.scenarios.filter((s) => s.status.kind === 'not-completed').length;
  const parts = [
    `${regressions} regression${regressions === 1 ? '' : 's'}`,
    `${c.improved} improved`,
    `${c.unchanged} unchanged`,
    `${c.new} new`,
    `${c.missing} missing`,
  ];
  if (notCompleted > 0) parts.push(`${notCompleted} scenario(s) did not complete`);
  if (comparison.baselineErrors.length > 0) parts.push(`${comparison.baselineErrors.length} unreadable baseline(s)`);
  return parts.join(' · ');
}
