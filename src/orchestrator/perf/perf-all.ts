/**
 * `perf-all`, as the seed's `just perf-all`: every YAML config of a folder
 * (perf-configs/ by default), one after another, each report saved as
 * perf-results/<timestamp>-<config>.{txt,json} under one timestamp for the whole
 * batch, and a summary perf-results/<timestamp>-perf-all.txt naming each
 * config's outcome and file. Every config is read and validated before the
 * first runs, so a bad file stops the batch at once; a config that fails while
 * running (timed out, lost tasks, an error) is reported and the rest still run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestratorError, coerceError } from '../errors.js';
import { loadPerfConfig, type PerfConfig } from './perf-config.js';
import type { PerfReport } from './perf-report.js';

export type PerfAllOutcome =
  | { readonly config: string; readonly state: 'passed'; readonly report: PerfReport; readonly savedAs: string }
  | { readonly config: string; readonly state: 'failed'; readonly reason: string; readonly savedAs: string };

export interface PerfAllDeps {
  /** Runs one config and returns its report (it may have timed out or lost tasks). */
  readonly runConfig: (config: PerfConfig) => Promise<PerfReport>;
  /** Saves a report; returns the path it was saved under, without extension. */
  readonly saveReport: (report: PerfReport, batchDate: Date) => string;
  /** Saves why a config could not be measured; returns the path, without extension. */
  readonly saveFailure: (config: string, error: Error, batchDate: Date) => string;
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

/** The `*.yaml`/`*.yml` files of `dir`, by name; none is an error naming the folder. */
export function listPerfConfigFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new OrchestratorError(`perf-all: cannot read the config folder ${dir}: ${coerceError(error).message}`, {
      cause: error,
      invalidInput: true,
    });
  }
  const files = names.filter((name) => /\.ya?ml$/.test(name)).sort();
  if (files.length === 0) {
    throw new OrchestratorError(`perf-all: Expected YAML configs (*.yaml) in ${dir}, found none`, {
      invalidInput: true,
    });
  }
  return files.map((name) => join(dir, name));
}

/** Why a finished run counts as failed, or null when every task finished. */
export function failureOf(report: PerfReport): string | null {
  const { run } = report;
  if (run.timedOut) return `timed out: ${run.lostTasks} of ${run.totalTasks} tasks never finished`;
  if (run.lostTasks > 0) return `${run.lostTasks} of ${run.totalTasks} tasks lost`;
  if (run.tasks.failed > 0) return `${run.tasks.failed} of ${run.totalTasks} tasks failed`;
  return null;
}

export interface PerfAllResult {
  /** The batch's timestamp, in every file name it saved. */
  readonly batchDate: Date;
  readonly outcomes: readonly PerfAllOutcome[];
}

export async function runPerfAll(configDir: string, deps: PerfAllDeps): Promise<PerfAllResult> {
  const configs = listPerfConfigFiles(configDir).map((path) => loadPerfConfig(path));
  const batchDate = (deps.now ?? (() => new Date()))();
  const outcomes: PerfAllOutcome[] = [];
  for (const [i, config] of configs.entries()) {
    deps.log?.(`perf-all: ${config.name} (${i + 1} of ${configs.length})`);
    try {
      const report = await deps.runConfig(config);
      const savedAs = deps.saveReport(report, batchDate);
      const reason = failureOf(report);
      outcomes.push(
        reason === null
          ? { config: config.name, state: 'passed', report, savedAs }
          : { config: config.name, state: 'failed', reason, savedAs },
      );
    } catch (error) {
      const e = coerceError(error);
      outcomes.push({
        config: config.name,
        state: 'failed',
        reason: e.message,
        savedAs: deps.saveFailure(config.name, e, batchDate),
      });
    }
  }
  return { batchDate, outcomes };
}

/** The summary: one line per config (outcome, tasks/s, file), then the verdict. */
export function formatPerfAllSummary(outcomes: readonly PerfAllOutcome[]): string {
  const lines = ['=== perf-all ==='];
  for (const o of outcomes) {
    lines.push(
      o.state === 'passed'
        ? `  ${o.config}: ok, ${o.report.run.tasks.tasksPerSec.toFixed(2)} tasks/sec — ${o.savedAs}.txt`
        : `  ${o.config}: FAILED, ${o.reason} — ${o.savedAs}.txt`,
    );
  }
  const failed = outcomes.filter((o) => o.state === 'failed').length;
  lines.push(
    failed === 0
      ? `All ${outcomes.length} configs finished every task.`
      : `${failed} of ${outcomes.length} configs failed.`,
  );
  return `${lines.join('\n')}\n`;
}
