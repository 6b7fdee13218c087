/**
 * report.md — the pull-request comment and job summary: a summary line with
 * counts, regressions first, then per suite a table Metric | Baseline |
 * Current | Change (the seed's report shape).
 */
import type { RunComparison } from '../gate/compare-run.js';
import type { EnvironmentFingerprint } from '../harness/result-model.js';
import { ruleChangeLines, rowsOf, scenarioNote, summaryLine, type ReportRow } from './comparison-rows.js';

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

function table(rows: readonly ReportRow[]): string[] {
  const lines = [
    '| Scenario | Metric | Baseline | Current | Change | Could see | |',
    '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const icon = ICON[r.verdict.split(' ')[0] ?? ''] ?? '';
    const change = r.interval ? `${r.change} <sub>${r.interval}</sub>` : r.change;
    lines.push(
      `| ${escapeCell(r.label)} | \`${escapeCell(r.metric)}\` | ${r.baseline} | ${r.current} | ${change} | ${r.couldSee} | ${icon} ${r.verdict} |`,
    );
  }
  return lines;
}

export function renderMarkdownReport(comparison: RunComparison, environment: EnvironmentFingerprint): string {
  const rows = rowsOf(comparison);
  const lines: string[] = [];
  lines.push('## planebench performance report', '');
  lines.push(`${comparison.failed ? '❌' : '✅'} **${summaryLine(comparison)}**`, '');
  lines.push(
    `Profile \`${environment.profile}\` · commit \`${environment.gitCommit.slice(0, 12)}\`${environment.gitDirty ? ' (dirty)' : ''} · ` +
      `${environment.cpuModel} × ${environment.cores} · Node ${environment.node} · ${environment.date}`,
    '',
  );
  for (const e of comparison.baselineErrors)
    lines.push(`- ❌ baseline of suite \`${e.suite}\` is unreadable: ${e.message}`);
  const failedScenarios = comparison.scenarios.filter((s) => s.status.kind === 'not-completed');
  for (const s of failedScenarios)
    lines.push(`- ❌ \`${s.suite}/${s.scenario}/${s.variant}\` ${scenarioNote(s) ?? ''}`);
  for (const change of ruleChangeLines(comparison))
    lines.push(`- ⚠️ rule changed by the head (the reference's applies): ${change}`);
  const regressions = rows.filter((r) => r.regressedGated);
  if (regressions.length > 0) lines.push('', '### Regressions', '', ...table(regressions));
  for (const suite of new Set(comparison.scenarios.map((s) => s.suite))) {
    const suiteRows = rows.filter((r) => r.suite === suite);
    const notes = comparison.scenarios
      .filter((s) => s.suite === suite)
      .map((s) => [s, scenarioNote(s)] as const)
      .filter(([, note]) => note !== undefined)
      .map(([s, note]) => `- \`${s.scenario}/${s.variant}\`: ${note}`);
    const changed = suiteRows.filter((r) => !r.verdict.startsWith('unchanged')).length;
    lines.push('', `<details${regressions.some((r) => r.suite === suite) ? ' open' : ''}>`);
    lines.push(`<summary><b>${suite}</b> — ${suiteRows.length} metrics, ${changed} not unchanged</summary>`, '');
    lines.push(...table(suiteRows));
    if (notes.length > 0) lines.push('', ...notes);
    lines.push('', '</details>');
  }
  lines.push(
    '',
    '<sub>Change = current / baseline (calibrated metrics: the Hodges–Lehmann shift of the trial values, ' +
      'with its 95 % interval from the calibrated noise; others: the trial medians with a bootstrap interval). ' +
      '"Could see" is the smallest worsening this comparison would have flagged; "(default)" marks a metric ' +
      "without a noise calibration, judged by its kind's default threshold.</sub>",
    '',
  );
  return lines.join('\n');
}
