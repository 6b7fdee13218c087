/**
 * The comparison, told the way every planebench run is told — the same
 * console table and report.md renderers — under a heading that says what
 * Baseline and Current mean here: the base commit and the head.
 */
import type { RunComparison } from '../gate/compare-run.js';
import type { EnvironmentFingerprint } from '../harness/result-model.js';
import { renderConsoleTable, type ConsoleTableOptions } from '../report/console-table.js';
import type { Distribution } from '../report/distribution-chart.js';
import { renderMarkdownReport } from '../report/markdown-report.js';

export interface CompareSummary {
  readonly baseRef: string;
  readonly baseSha: string;
  readonly headSha: string;
  readonly headDirty: boolean;
  readonly profile: string;
  /** What took turns: base and head trials in one run per round, or whole runs of each side. */
  readonly interleave: 'trials' | 'rounds';
  /** Run order, e.g. ['base', 'head', 'base', 'head']. */
  readonly order: readonly string[];
  /** Trials per scenario and side over all rounds: [fewest, most]. */
  readonly trialsPerSide: readonly [number, number];
  readonly headSpecFailures: number;
  readonly baseSpecFailures: number;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}

function trials(summary: CompareSummary): string {
  const [low, high] = summary.trialsPerSide;
  return low === high ? `${low}` : `${low}–${high}`;
}

/** How the sides took turns, in words. */
function turns(summary: CompareSummary): string {
  const rounds = summary.order.length / 2;
  return summary.interleave === 'trials'
    ? `${rounds} round(s), base and head trials in turns, judged pair by pair`
    : `${rounds} round(s), run ${summary.order.join(' ')}`;
}

function headLabel(summary: CompareSummary): string {
  return `${short(summary.headSha)}${summary.headDirty ? ' + uncommitted changes' : ''}`;
}

export function renderCompareConsole(
  summary: CompareSummary,
  comparison: RunComparison,
  table: ConsoleTableOptions = {},
): string {
  const lines = [
    '',
    `planebench compare · base ${summary.baseRef} (${short(summary.baseSha)}) → head ${headLabel(summary)}`,
    `  profile ${summary.profile} · ${turns(summary)} · ${trials(summary)} trials per scenario and side`,
    '  Baseline = base, Current = head',
    renderConsoleTable(comparison, table),
  ];
  if (summary.baseSpecFailures > 0)
    lines.push(
      `  note: ${summary.baseSpecFailures} perf spec assertion(s) failed on the base (not held against the head)`,
    );
  if (summary.headSpecFailures > 0)
    lines.push(`  ✗ ${summary.headSpecFailures} perf spec assertion(s) failed on the head — FAILED`);
  return lines.join('\n');
}

export function renderCompareMarkdown(
  summary: CompareSummary,
  comparison: RunComparison,
  environment: EnvironmentFingerprint,
  audience: 'comment' | 'summary' = 'comment',
  distributions: ReadonlyMap<string, Distribution> = new Map(),
): string {
  const context = [
    `**Base** \`${summary.baseRef}\` @ \`${short(summary.baseSha)}\` → **Head** \`${headLabel(summary)}\` · ` +
      `${turns(summary)} on one machine · ${trials(summary)} trials per scenario and side.`,
  ];
  if (summary.headSpecFailures > 0)
    context.push('', `❌ **${summary.headSpecFailures} perf spec assertion(s) failed on the head.**`);
  if (summary.baseSpecFailures > 0)
    context.push('', `ℹ️ ${summary.baseSpecFailures} perf spec assertion(s) failed on the base.`);
  return renderMarkdownReport(comparison, environment, {
    audience,
    context,
    sides: { reference: 'Base', judged: 'Head' },
    distributions,
  });
}
