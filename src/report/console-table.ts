/** The comparison as a plain-text table for the terminal. */
import type { RunComparison } from '../gate/compare-run.js';
import { scenarioId } from '../harness/result-model.js';
import { ruleChangeLines, rowsOf, scenarioNote, summaryLine } from './comparison-rows.js';

export interface ConsoleTableOptions {
  /** Show the rows of these scenarios (suite/scenario/variant) only; the summary still covers the whole run. */
  readonly only?: ReadonlySet<string>;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

export function renderConsoleTable(comparison: RunComparison, options: ConsoleTableOptions = {}): string {
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
    for (const s of shown.filter((x) => x.suite === suite)) {
      const note = scenarioNote(s);
      if (note) lines.push(`  ${s.scenario}/${s.variant}: ${note}`);
    }
  }
  for (const e of comparison.baselineErrors)
    lines.push('', `✗ baseline of suite ${e.suite} is unreadable: ${e.message}`);
  const changes = ruleChangeLines(comparison);
  if (changes.length > 0)
    lines.push('', "Rules the head changed (the reference's apply):", ...changes.map((c) => `  ⚠ ${c}`));
  lines.push('', `planebench: ${summaryLine(comparison)}${comparison.failed ? ' — FAILED' : ' — ok'}`);
  for (const r of comparison.regressions) {
    lines.push(`  ✗ regressed: ${r.suite}/${r.scenario}/${r.variant} ${r.metric}`);
  }
  return lines.join('\n');
}
