/**
 * Builds the trend page's facts (page/page-facts.ts) in Node when the page is
 * rendered: the headline, and the change points of the history beside the
 * page, found by src/history/history-changes.ts (the same as
 * `perf:trend -- --changes`), each tied to the run it appeared in.
 */
import { DEFAULT_SINCE_RUNS, historyChanges } from '../../history/history-changes.js';
import { formatChange, formatValue } from '../../lib/format-units.js';
import type { BenchmarkData } from '../../history/benchmark-data.js';
import { headlineList } from './headline-metrics.js';
import type { PageChange, PageFacts } from './page/page-facts.js';

export function pageChanges(data: BenchmarkData): PageChange[] {
  return historyChanges(data).map((c) => {
    const runs = data.entries[c.history] ?? [];
    const run = runs[runs.length - 1 - c.runsAgo];
    return {
      history: c.history,
      name: c.name,
      commit: c.commit,
      runDate: run?.date ?? 0,
      change: formatChange(c.before === 0 ? undefined : c.after / c.before),
      values: `${formatValue(c.before, c.unit)} → ${formatValue(c.after, c.unit)}`,
      regression: c.regression,
      runsAgo: c.runsAgo,
    };
  });
}

export function buildPageFacts(data: BenchmarkData | undefined, repoUrl: string): PageFacts {
  return {
    repoUrl,
    headline: headlineList(),
    changes: data ? pageChanges(data) : [],
    recentRuns: DEFAULT_SINCE_RUNS,
  };
}

/** The facts as the body of a JSON script element: `<` escaped, so no `</script` can end it early. */
export function pageFactsJson(facts: PageFacts): string {
  return JSON.stringify(facts).replace(/</g, '\\u003c');
}
