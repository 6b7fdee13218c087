/**
 * The comparison for the terminal, in the order a reviewer reads it: the
 * verdict, every regression with its numbers and what it was judged against,
 * improvements, one line per suite, then where every metric is. The full
 * per-metric tables only when asked (`verbose`: PLANEBENCH_VERBOSE=1).
 */
import type { RunComparison } from '../gate/compare-run.js';
import { scenarioId } from '../harness/result-model.js';
import { changeLine, ruleChangeLines, rowsOf, scenarioNote, suiteSummary, summaryLine } from './comparison-rows.js';

export interface ConsoleTableOptions {
  /** Show the rows of these scenarios (suite/scenario/variant) only; the summary still covers the whole run. */
  readonly only?: ReadonlySet<string>;
  /** Print every metric's row, not only the verdict, changes and suite lines. */
  readonly verbose?: boolean;
  /** Where the reader finds every metric when the tables are not printed (e.g. perf-results/latest/summary.md). */
  readonly fullReport?: string;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

function renderTables(comparison: RunComparison, options: ConsoleTableOptions): string[] {
  const lines: string[] = [];
  const header = ['Scenario', 'Metric', 'Baseline', 'Current', 'Change', '95 % interval', 'Could see', 'Verdict'];
  const shown = comparison.scenarios.filter((s) => options.only?.has(scenarioId(s)) ?? true);
  const rows = rowsOf({ ...comparison, scenarios: shown });
  for (const suite of new Set(shown.map((s) => s.suite))) {
    const table = rows
      .filter((r) => r.suite === suite)
      .map((r) => [
        r.label,
        r.metric,
        r.baseline,
        r.current,
        r.change,
        r.interval,
        r.couldSee,
        r.regressedGated ? `${r.verdict} ✗` : r.verdict,
      ]);
    const widths = header.map((h, i) => Math.max([...h].length, ...table.map((row) => [...(row[i] ?? '')].length)));
    lines.push('', `planebench · suite ${suite}`);
    lines.push(header.map((h, i) => pad(h, widths[i] ?? 0)).join('  '));
    lines.push(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const row of table)
      lines.push(
        row
          .map((cell, i) => pad(cell, widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      );
  }
  return lines;
}

export function renderConsoleTable(comparison: RunComparison, options: ConsoleTableOptions = {}): string {
  const lines: string[] = options.verbose ? renderTables(comparison, options) : [];
  lines.push('', `planebench: ${summaryLine(comparison)}${comparison.failed ? ' — FAILED' : ' — ok'}`);
  for (const r of comparison.regressions) lines.push(`  ✗ regressed: ${changeLine(r)}`);
  const improved = comparison.scenarios.flatMap((s) => s.metrics.filter((m) => m.gated && m.status === 'improved'));
  for (const m of improved) lines.push(`  ↑ improved: ${changeLine(m)}`);
  for (const e of comparison.baselineErrors) lines.push(`  ✗ baseline of suite ${e.suite} is unreadable: ${e.message}`);
  const changes = ruleChangeLines(comparison);
  if (changes.length > 0)
    lines.push("  Rules the head changed (the reference's apply):", ...changes.map((c) => `    ⚠ ${c}`));
  const shown = comparison.scenarios.filter((s) => options.only?.has(scenarioId(s)) ?? true);
  for (const suite of new Set(shown.map((s) => s.suite))) {
    const inSuite = shown.filter((s) => s.suite === suite);
    lines.push(`  ${suite} — ${suiteSummary(inSuite.flatMap((s) => s.metrics))}`);
    for (const s of inSuite) {
      const note = scenarioNote(s);
      if (note) lines.push(`    ${s.scenario}/${s.variant}: ${note}`);
    }
  }
  if (!options.verbose) {
    const where = options.fullReport ? `${options.fullReport}, or ` : '';
    lines.push(`  Every metric: ${where}PLANEBENCH_VERBOSE=1 for the tables here`);
  }
  return lines.join('\n');
}
