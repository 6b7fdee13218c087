/**
 * `perf-test --config <name>` or `perf-test <runs> <tasks_per_run> <duration>`:
 * runs the orchestrator perf test, shows a live progress line, measures the raw
 * spawn ceiling (unless --no-ceiling), prints the report and saves it under perf-results/
 * (src/cli/orchestrator/measure-config.ts measures; `perf-all` runs every config the same way).
 */
import { parseArgs } from 'node:util';
import { OrchestratorError } from '../../../orchestrator/errors.js';
import { adHocPerfConfig, loadPerfConfig } from '../../../orchestrator/perf/perf-config.js';
import { formatPerfReport, savePerfReport } from '../../../orchestrator/perf/perf-report.js';
import { measureConfig } from '../measure-config.js';
import { integerFlag, numberFlag, parseNumber } from '../number-flag.js';
import { databaseUrlOf } from '../store-args.js';

export const usage = `Usage: planebench orchestrator perf-test (--config <name> | <runs> <tasks_per_run> <duration>) [options]
Runs the orchestrator perf test on a fresh store (a temporary SQLite file, or its own
PostgreSQL schema), prints its report and saves it under perf-results/.
  --config <name>            perf-configs/<name>.yaml (quick, standard, heavy, latency, memory) or a YAML path
  <runs> <tasks_per_run> <duration>   an ad-hoc size: positive integers, and seconds per task
  --database-url <url>       PostgreSQL (else DATABASE_URL; else SQLite)
  --workers N                tasks run in N \`worker\` processes, not in the scheduler (PostgreSQL)
  --rate R                   trigger runs open-loop at R per second (default: all at once)
  --no-ceiling               skip the raw spawn ceiling measurement
  --no-save                  do not save the report`;

export async function perfTestCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      'database-url': { type: 'string' },
      workers: { type: 'string' },
      rate: { type: 'string' },
      'no-ceiling': { type: 'boolean' },
      'no-save': { type: 'boolean' },
    },
  });
  const config = values.config ? loadPerfConfig(values.config) : adHocConfig(positionals);
  const databaseUrl = databaseUrlOf(values);
  const rate = numberFlag('rate', values.rate, 'positive');
  const workers = integerFlag('workers', values.workers);
  const report = await measureConfig(config, {
    databaseUrl,
    ratePerSec: rate,
    workers,
    ceiling: !values['no-ceiling'],
  });
  const { run } = report;
  process.stdout.write(`\n${formatPerfReport(report)}`);
  if (!values['no-save']) process.stdout.write(`\nSaved ${savePerfReport(report)}.{txt,json}\n`);
  return run.timedOut || run.lostTasks > 0 ? 1 : 0;
}

/** `<runs> <tasks_per_run> <duration>`; a bad one is named as the usage names it. */
function adHocConfig(positionals: readonly string[]) {
  const [runs, tasksPerRun, duration] = positionals;
  if (positionals.length !== 3 || runs === undefined || tasksPerRun === undefined || duration === undefined) {
    const got = positionals.length === 0 ? 'nothing' : `\`${positionals.join(' ')}\``;
    throw new OrchestratorError(`perf-test needs --config <name> or <runs> <tasks_per_run> <duration>, got ${got}`, {
      invalidInput: true,
    });
  }
  return adHocPerfConfig(
    parseNumber('<runs>', runs, 'positive', true),
    parseNumber('<tasks_per_run>', tasksPerRun, 'positive', true),
    parseNumber('<duration>', duration, 'positive'),
  );
}
