/**
 * report.md — the pull-request comment, read in seconds: the verdict first,
 * then every regression in full (what, by how much, how sure, judged against
 * what), improvements, one line per suite saying what its unchanged metrics
 * could have caught, then per suite a collapsed table of its gated metrics.
 *
 * It fits a GitHub comment (COMMENT_LIMIT_CHARS) by construction: sections
 * are added most important first, and whatever does not fit is left out with
 * a line saying so — never cut mid-table. The job summary (`audience:
 * 'summary'`) adds the ungated metrics.
 */
import type { MetricComparison, RunComparison, ScenarioComparison } from '../gate/compare-run.js';
import type { EnvironmentFingerprint } from '../harness/result-model.js';
import {
  busyNote,
  formatCouldSee,
  judgedAgainst,
  powerLine,
  ruleChangeLines,
  scenarioNote,
  suiteSummary,
  summaryLine,
  verdictLabel,
} from './comparison-rows.js';
import { renderAgentsTargets } from './agents-targets.js';
import { distributionKey, renderDistributionChart, type Distribution } from './distribution-chart.js';
import { formatChange, formatValue } from '../lib/format-units.js';
import { metricInWords } from './metric-words.js';

/** GitHub refuses comments over 65,536 characters; this leaves room for the workflow's own lines. */
export const COMMENT_LIMIT_CHARS = 60_000;

export interface MarkdownReportOptions {
  /** `comment`: gated metrics only, within COMMENT_LIMIT_CHARS; `summary`: every metric. */
  readonly audience?: 'comment' | 'summary';
  /** Lines under the verdict saying what was compared (perf:compare's base and head). */
  readonly context?: readonly string[];
  /** Column names of the two sides. */
  readonly sides?: { readonly reference: string; readonly judged: string };
  readonly limitChars?: number;
  /** Base and head distributions of regressed latencies (distribution-chart.ts), drawn under the regressions. */
  readonly distributions?: ReadonlyMap<string, Distribution>;
}

/** Charts drawn at most; the rest of the regressions keep their table row. */
const MAX_CHARTS = 8;

const ICON: Readonly<Record<string, string>> = {
  regressed: '🔴',
  improved: '🟢',
  unchanged: '⚪',
  new: '🆕',
  missing: '❔',
};

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function id(s: Pick<ScenarioComparison, 'suite' | 'scenario' | 'variant'>): string {
  return `${s.suite}/${s.scenario}/${s.variant}`;
}

function changeCell(m: MetricComparison): string {
  const ratio = m.verdict?.ratio;
  if (!ratio) return '—';
  return `${formatChange(ratio.estimate)} <sub>[${formatChange(ratio.low)}, ${formatChange(ratio.high)}]</sub>`;
}

function changeTable(metrics: readonly MetricComparison[], sides: Required<MarkdownReportOptions>['sides']): string[] {
  const lines = [
    `| Scenario | Metric | ${sides.reference} → ${sides.judged} | Change <sub>[95 % interval]</sub> | Judged against |`,
    '|---|---|---|---|---|',
  ];
  for (const m of metrics) {
    lines.push(
      `| \`${escapeCell(id(m))}\` | ${escapeCell(metricInWords(m.metric))}<br>\`${escapeCell(m.metric)}\` | ` +
        `${formatValue(m.baseline, m.unit)} → ${formatValue(m.current, m.unit)} | ${changeCell(m)} | ${escapeCell(judgedAgainst(m))} |`,
    );
  }
  return lines;
}

function suiteTable(metrics: readonly MetricComparison[], sides: Required<MarkdownReportOptions>['sides']): string[] {
  const lines = [
    `| Scenario | Metric | ${sides.reference} | ${sides.judged} | Change | Could see | |`,
    '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const m of metrics) {
    lines.push(
      `| ${escapeCell(`${m.scenario}/${m.variant}`)} | \`${escapeCell(m.metric)}\` | ${formatValue(m.baseline, m.unit)} | ` +
        `${formatValue(m.current, m.unit)} | ${changeCell(m)} | ${formatCouldSee(m)} | ${ICON[m.status] ?? ''} ${escapeCell(verdictLabel(m))} |`,
    );
  }
  return lines;
}

function suiteLine(suite: string, metrics: readonly MetricComparison[]): string {
  return `- **${suite}** — ${suiteSummary(metrics)}`;
}

/** Adds blocks while they fit; says what was left out. */
class Budget {
  private readonly lines: string[] = [];
  private used = 0;
  private readonly left: string[] = [];
  constructor(private readonly limit: number) {}

  fits(block: readonly string[]): boolean {
    return this.used + block.join('\n').length + 1 <= this.limit;
  }

  add(block: readonly string[]): void {
    this.lines.push(...block);
    this.used += block.join('\n').length + 1;
  }

  /** Adds the block if it fits, else notes `what` as left out. */
  offer(block: readonly string[], what: string): void {
    if (this.fits(block)) this.add(block);
    else this.left.push(what);
  }

  leftOut(): readonly string[] {
    return this.left;
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** Rows of a table that fit `limit`, with a closing line naming what did not. */
function fittingRows(table: readonly string[], limit: number, what: string): string[] {
  const out = table.slice(0, 2);
  let used = out.join('\n').length;
  for (let i = 2; i < table.length; i += 1) {
    const row = table[i] as string;
    if (used + row.length + 200 > limit) {
      out.push('', `… and ${table.length - i} more ${what}: see the job summary or results.json`);
      return out;
    }
    out.push(row);
    used += row.length + 1;
  }
  return out;
}

/** Where the thresholds came from: the noise calibration's date, machine and rounds, or the kinds' defaults. */
export function calibrationLine(comparison: RunComparison, environment: EnvironmentFingerprint): string {
  const c = comparison.calibration;
  if (!c) return "<sub>Thresholds: the metric kinds' defaults (no noise calibration for this profile).</sub>";
  const machine = `${c.machine.cpuModel} × ${c.machine.cores}, Node ${c.machine.node}`;
  const other =
    c.machine.cpuModel !== environment.cpuModel || c.machine.cores !== environment.cores
      ? " ⚠️ another machine than this run's: its noise may differ"
      : '';
  return `<sub>Thresholds from the noise measured on ${c.measuredAt.slice(0, 10)} (${machine}, ${c.rounds} rounds of commit \`${c.gitCommit.slice(0, 12)}\`).${other}</sub>`;
}

export function renderMarkdownReport(
  comparison: RunComparison,
  environment: EnvironmentFingerprint,
  options: MarkdownReportOptions = {},
): string {
  const audience = options.audience ?? 'comment';
  const sides = options.sides ?? { reference: 'Baseline', judged: 'Current' };
  const limit = audience === 'comment' ? (options.limitChars ?? COMMENT_LIMIT_CHARS) : Number.POSITIVE_INFINITY;
  const budget = new Budget(limit - 400);
  const all = comparison.scenarios.flatMap((s) => s.metrics);
  const regressions = comparison.regressions;
  const improvements = all.filter((m) => m.gated && m.status === 'improved');
  const n = regressions.length;
  const verdict = comparison.failed
    ? `❌ ${n > 0 ? `${n} regression${n === 1 ? '' : 's'}` : 'failed'}`
    : '✅ no regression';

  const head = [`## planebench: ${verdict}`, ''];
  if (options.context) head.push(...options.context, '');
  head.push(
    `<sub>${summaryLine(comparison, false)} · profile \`${environment.profile}\` · commit \`${environment.gitCommit.slice(0, 12)}\`` +
      `${environment.gitDirty ? ' (dirty)' : ''} · ${environment.cpuModel} × ${environment.cores} · Node ${environment.node} · ${environment.date}</sub>`,
    '',
    `**Power:** ${powerLine(comparison)}.`,
    '',
    calibrationLine(comparison, environment),
    '',
  );
  for (const e of comparison.baselineErrors)
    head.push(`- ❌ baseline of suite \`${e.suite}\` is unreadable: ${e.message}`);
  for (const s of comparison.scenarios.filter((x) => x.status.kind === 'not-completed')) {
    head.push(`- ❌ \`${id(s)}\` ${scenarioNote(s) ?? ''}`);
  }
  for (const change of ruleChangeLines(comparison)) head.push(`- ⚠️ rule changed by the judged side: ${change}`);
  for (const s of comparison.scenarios.filter((x) => x.busyAtStart !== undefined)) {
    head.push(`- ⚠️ \`${id(s)}\` ${busyNote(s) ?? ''}`);
  }
  budget.add(head);

  if (n > 0) {
    budget.add(['### Regressions', '', ...fittingRows(changeTable(regressions, sides), limit / 2, 'regressions'), '']);
    const charted = regressions.filter((m) => options.distributions?.has(distributionKey(m))).slice(0, MAX_CHARTS);
    for (const m of charted) {
      const d = options.distributions?.get(distributionKey(m)) as Distribution;
      const title = `${m.scenario}/${m.variant} ${m.metric.replace(/\.[^.]+$/, '')}`;
      budget.offer([...renderDistributionChart(title, d, sides), ''], `the chart of ${distributionKey(m)}`);
    }
  }
  if (improvements.length > 0) {
    budget.offer(['### Improvements', '', ...changeTable(improvements, sides), ''], 'the improvements table');
  }

  const suites = [...new Set(comparison.scenarios.map((s) => s.suite))];
  const metricsOf = (suite: string): MetricComparison[] =>
    comparison.scenarios.filter((s) => s.suite === suite).flatMap((s) => s.metrics);
  budget.offer(
    ['### By suite', '', ...suites.map((suite) => suiteLine(suite, metricsOf(suite))), ''],
    'the suite lines',
  );
  const agents = renderAgentsTargets(comparison);
  if (agents.length > 0) budget.offer(agents, "the agents suite's targets");

  for (const suite of suites) {
    const shown = metricsOf(suite).filter((m) => audience === 'summary' || m.gated || m.ungatedBecause !== undefined);
    if (shown.length === 0) continue;
    const notes = comparison.scenarios
      .filter((s) => s.suite === suite)
      .map((s) => [s, scenarioNote(s)] as const)
      .filter(([, note]) => note !== undefined)
      .map(([s, note]) => `- \`${s.scenario}/${s.variant}\`: ${note}`);
    const what = audience === 'summary' ? 'metrics' : 'gated metrics';
    const open = shown.some((m) => m.gated && m.status === 'regressed') ? ' open' : '';
    budget.offer(
      [
        `<details${open}>`,
        `<summary><b>${suite}</b> — ${shown.length} ${what}</summary>`,
        '',
        ...suiteTable(shown, sides),
        ...(notes.length > 0 ? ['', ...notes] : []),
        '',
        '</details>',
        '',
      ],
      `the ${suite} table`,
    );
  }

  const footer = [
    '<sub>Change: for a metric with measured noise, the Hodges–Lehmann shift of its trial values with the 95 % interval ' +
      'from that noise; otherwise the ratio of trial medians with a bootstrap interval. "Could see" is the smallest ' +
      'worsening this comparison would have flagged; "(default)" marks a metric whose noise was never measured.' +
      (audience === 'comment' ? ' Ungated metrics are in the job summary and results.json.' : '') +
      '</sub>',
    '',
  ];
  const leftOut = budget.leftOut();
  const cut =
    leftOut.length > 0
      ? [`> Left out to fit a comment: ${leftOut.join(', ')} — see the job summary or results.json.`, '']
      : [];
  return `${budget.text()}\n${[...cut, ...footer].join('\n')}`;
}
