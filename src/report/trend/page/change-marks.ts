/**
 * The change points a chart marks: those found for its bench name (at build
 * time, page-facts.ts), each at the run it appeared in — matched by commit
 * and run date, since one commit may be measured more than once. This module
 * is served to the page as is and imports nothing.
 */
import type { PageChange } from './page-facts.js';

export interface ChangeMark {
  /** Index of the run on the chart's x axis. */
  readonly runIndex: number;
  /** "+25.0 %" */
  readonly text: string;
  readonly regression: boolean;
}

export function runKey(date: number, commitId: string): string {
  return `${date}|${commitId}`;
}

export function changeMarks(
  chartKey: string,
  runKeys: readonly string[],
  changes: readonly PageChange[],
): ChangeMark[] {
  return changes.flatMap((c) => {
    if (c.name !== chartKey) return [];
    const runIndex = runKeys.indexOf(runKey(c.runDate, c.commit));
    return runIndex < 0 ? [] : [{ runIndex, text: c.change, regression: c.regression }];
  });
}
