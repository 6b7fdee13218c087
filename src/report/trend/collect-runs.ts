/**
 * Finds the runs a results root holds: every perf-results/<runId>/ whose
 * results.json names that runId (so latest/, compare/ and trend/ are not
 * taken for runs), oldest first. Unreadable runs are reported, not fatal.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { coerceError } from '../../lib/coerce-error.js';
import { readResultsFile, type ResultsFile } from '../../gate/results-file.js';

export interface CollectedRuns {
  readonly runs: readonly ResultsFile[];
  readonly skipped: readonly { readonly dir: string; readonly reason: string }[];
}

export function collectRuns(resultsRoot: string): CollectedRuns {
  if (!existsSync(resultsRoot)) return { runs: [], skipped: [] };
  const runs: ResultsFile[] = [];
  const skipped: { dir: string; reason: string }[] = [];
  for (const entry of readdirSync(resultsRoot, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const file = path.join(resultsRoot, entry.name, 'results.json');
    if (!existsSync(file)) continue;
    try {
      const results = readResultsFile(file);
      if (results.runId === entry.name) runs.push(results);
    } catch (error) {
      skipped.push({ dir: entry.name, reason: coerceError(error).message });
    }
  }
  runs.sort((a, b) => a.environment.date.localeCompare(b.environment.date));
  return { runs, skipped };
}
