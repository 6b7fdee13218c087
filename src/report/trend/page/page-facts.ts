/**
 * What the page is told when it is built, beside data.js: the repository's
 * web address, the headline (src/report/trend/headline-metrics.ts) and the
 * change points of the history (src/history/history-changes.ts). The page
 * reads them from a JSON script element; only types live here, so the page
 * script's import of this module vanishes when transpiled.
 */
export interface PageHeadlineEntry {
  readonly system: string;
  /** Bench name, `suite/scenario/variant/metric`. */
  readonly name: string;
  readonly why: string;
}

export interface PageChange {
  /** The data.js entries key (profile and direction) whose line changed. */
  readonly history: string;
  /** Bench name. */
  readonly name: string;
  /** The first run after the change: its commit and date (ms since the epoch), as data.js records them. */
  readonly commit: string;
  readonly runDate: number;
  /** "+25.0 %" */
  readonly change: string;
  /** "2.00 ms → 2.50 ms" */
  readonly values: string;
  readonly regression: boolean;
  /** Runs ago, 0 = the newest. */
  readonly runsAgo: number;
}

export interface PageFacts {
  readonly repoUrl: string;
  readonly headline: readonly PageHeadlineEntry[];
  readonly changes: readonly PageChange[];
  /** A regression within this many newest runs is named in the page's verdict. */
  readonly recentRuns: number;
}

/** The id of the JSON script element holding the PageFacts. */
export const PAGE_FACTS_ID = 'planebench-page-facts';
