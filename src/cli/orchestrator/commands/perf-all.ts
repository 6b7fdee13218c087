/**
 * `perf-all`: every config of perf-configs/ (or --configs <folder>) through the
 * perf test, one report file per config under perf-results/, a summary, and a
 * non-zero exit when any config failed (src/orchestrator/perf/perf-all.ts).
 */
import { parseArgs } from 'node:util';
import { PERF_CONFIG_DIR } from '../../../orchestrator/perf/perf-config.js';
import { formatPerfAllSummary, runPerfAll } from '../../../orchestrator/perf/perf-all.js';
import {
  formatPerfReport,
  savePerfAllSummary,
  savePerfFailure,
  savePerfReport,
} from '../../../orchestrator/perf/perf-report.js';
import { measureConfig } from '../measure-config.js';
import { databaseUrlOf } from '../store-args.js';

export const usage = `Usage: planebench orchestrator perf-all [options]
Runs the orchestrator perf test for every YAML config in perf-configs/, one after another, each on a
fresh store. Saves each report as perf-results/<timestamp>-<config>.{txt,json} (one timestamp for the
batch) and a summary as perf-results/<timestamp>-perf-all.txt. Exits 1 when any config failed
(timed out, lost or failed tasks, an error); every config is validated before the first runs.
  --configs <folder>         the configs to run (default perf-configs/)
  --database-url <url>       PostgreSQL (else DATABASE_URL; else SQLite)
  --no-ceiling               skip the raw spawn ceiling measurement`;

export async function perfAllCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      configs: { type: 'string' },
      'database-url': { type: 'string' },
      'no-ceiling': { type: 'boolean' },
    },
  });
  const databaseUrl = databaseUrlOf(values);
  const { batchDate, outcomes } = await runPerfAll(values.configs ?? PERF_CONFIG_DIR, {
    runConfig: async (config) => {
      const report = await measureConfig(config, { databaseUrl, ceiling: !values['no-ceiling'] });
      process.stdout.write(`\n${formatPerfReport(report)}\n`);
      return report;
    },
    saveReport: (report, date) => savePerfReport(report, process.env, date),
    saveFailure: (config, error, date) => {
      process.stderr.write(`perf-all: ${config} failed: ${error.message}\n`);
      return savePerfFailure(config, error, process.env, date);
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const summary = formatPerfAllSummary(outcomes);
  process.stdout.write(`\n${summary}Saved ${savePerfAllSummary(summary, process.env, batchDate)}\n`);
  return outcomes.some((o) => o.state === 'failed') ? 1 : 0;
}
