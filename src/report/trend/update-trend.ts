/**
 * `npm run perf:trend`: adds every run under perf-results/ that the local
 * history lacks to perf-results/trend/data.js (github-action-benchmark's
 * shape), then renders perf-results/trend/index.html beside it.
 * `writeTrendPage` renders only the page, e.g. into a Pages checkout whose
 * data.js the action maintains; the change points it marks are found in that
 * data.js when the page is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import {
  emptyBenchmarkData,
  formatBenchmarkDataJs,
  parseBenchmarkDataJs,
  type BenchmarkData,
} from '../../history/benchmark-data.js';
import { addRun } from '../../history/add-run.js';
import { collectRuns, type CollectedRuns } from './collect-runs.js';
import { readCommitInfo } from './commit-info.js';
import { repositoryUrl } from './repository-web-address.js';
import { buildPageFacts } from './page-facts.js';
import { renderTrendPage } from './render-trend-page.js';

export const DATA_FILE = 'data.js';
export const PAGE_FILE = 'index.html';
export const DEFAULT_TITLE = 'planebench trend';

export interface TrendOptions {
  /** Folder of the runs; default the results root (perf-results/). */
  readonly resultsRoot: string;
  /** Folder of data.js and index.html; default <resultsRoot>/trend. */
  readonly trendDir?: string;
  /** Repository for commit lookups; default the working directory. */
  readonly cwd?: string;
  readonly repoUrl?: string;
  readonly title?: string;
  readonly now?: () => number;
}

export interface ResolvedTrendOptions {
  readonly resultsRoot: string;
  readonly trendDir: string;
  readonly cwd: string;
  readonly repoUrl: string;
  readonly title: string;
  readonly now: () => number;
}

export function resolveTrendOptions(options: TrendOptions): ResolvedTrendOptions {
  const cwd = options.cwd ?? process.cwd();
  return {
    resultsRoot: path.resolve(options.resultsRoot),
    trendDir: path.resolve(options.trendDir ?? path.join(options.resultsRoot, 'trend')),
    cwd,
    repoUrl: options.repoUrl ?? repositoryUrl(cwd),
    title: options.title ?? DEFAULT_TITLE,
    now: options.now ?? Date.now,
  };
}

export interface TrendUpdate {
  readonly dataFile: string;
  readonly pageFile: string;
  readonly added: number;
  /** Runs (commit + date) the history holds after the update. */
  readonly runsInHistory: number;
  readonly skipped: CollectedRuns['skipped'];
}

export function readHistory(dataFile: string, repoUrl: string): BenchmarkData {
  if (!existsSync(dataFile)) return emptyBenchmarkData(repoUrl);
  return parseBenchmarkDataJs(readFileSync(dataFile, 'utf8'), dataFile);
}

export function countRuns(data: BenchmarkData): number {
  return new Set(Object.values(data.entries).flatMap((runs) => runs.map((r) => `${r.date}|${r.commit.id}`))).size;
}

export interface TrendPageWrite {
  readonly title?: string;
  /** The history the page's change points are found in; default the data.js in `dir`, if any. */
  readonly data?: BenchmarkData;
  /** The repository's web address; default repositoryUrl() of the working directory. */
  readonly repoUrl?: string;
}

export function writeTrendPage(dir: string, options: TrendPageWrite = {}): string {
  const pageFile = path.join(dir, PAGE_FILE);
  const dataFile = path.join(dir, DATA_FILE);
  const data = options.data ?? (existsSync(dataFile) ? readHistory(dataFile, '') : undefined);
  const facts = buildPageFacts(data, options.repoUrl ?? repositoryUrl(process.cwd()));
  writeFileAtomic(pageFile, renderTrendPage({ title: options.title ?? DEFAULT_TITLE, dataScript: DATA_FILE, facts }));
  return pageFile;
}

export function updateTrend(input: TrendOptions): TrendUpdate {
  const options = resolveTrendOptions(input);
  const dataFile = path.join(options.trendDir, DATA_FILE);
  let data = readHistory(dataFile, options.repoUrl);
  const collected = collectRuns(options.resultsRoot);
  let added = 0;
  for (const results of collected.runs) {
    const commit = readCommitInfo(
      { sha: results.environment.gitCommit, dirty: results.environment.gitDirty, runDate: results.environment.date },
      options.repoUrl,
      options.cwd,
    );
    const outcome = addRun(data, results, commit, options.now());
    data = outcome.data;
    if (outcome.added) added += 1;
  }
  if (options.repoUrl && !data.repoUrl) data = { ...data, repoUrl: options.repoUrl };
  writeFileAtomic(dataFile, formatBenchmarkDataJs(data));
  const pageFile = writeTrendPage(options.trendDir, { title: options.title, data, repoUrl: options.repoUrl });
  return { dataFile, pageFile, added, runsInHistory: countRuns(data), skipped: collected.skipped };
}
