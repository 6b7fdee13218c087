/**
 * The history verdict for the terminal: which run was judged and against
 * what, then the gate's usual block (src/report/console-table.ts): the
 * verdict, the regressions, the improvements, one line per suite.
 */
import type { ResultsFile } from '../gate/results-file.js';
import { renderConsoleTable } from './console-table.js';
import { describeReference, type HistoryJudgement } from '../history/judge-run.js';

export function renderJudgement(judgement: HistoryJudgement, results: ResultsFile, verbose: boolean): string {
  const commit = results.environment.gitCommit.slice(0, 12);
  const dirty = results.environment.gitDirty ? ' + uncommitted changes' : '';
  return [
    `planebench trend --judge · run ${results.runId} (${commit}${dirty})`,
    `  Judged against: ${describeReference(judgement.reference)}`,
    renderConsoleTable(judgement.comparison, { verbose }),
  ].join('\n');
}
