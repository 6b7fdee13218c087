/**
 * `perf-test --config <name>` or `perf-test <runs> <tasks_per_run> <duration>`:
 * runs the orchestrator perf test, shows a live progress line, measures the raw
 * spawn ceiling (unless --no-ceiling), prints the report and saves it under perf-results/.
 */
import { parseArgs } from 'node:util';
import { OrchestratorError } from '../../../orchestrator/errors.js';
import { EXAMPLE_TASK, REPO_ROOT } from '../../../orchestrator/paths.js';
import { adHocPerfConfig, loadPerfConfig } from '../../../orchestrator/perf/perf-config.js';
import { formatPerfReport, formatProgress, savePerfReport } from '../../../orchestrator/perf/perf-report.js';
import { runPerfTest } from '../../../orchestrator/perf/perf-run.js';
import { measureSpawnCeiling } from '../../../orchestrator/perf/spawn-ceiling.js';
import { integerFlag, numberFlag } from '../number-flag.js';

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
  const config = values.config
    ? loadPerfConfig(values.config)
    : positionals.length === 3
      ? adHocPerfConfig(Number(positionals[0]), Number(positionals[1]), Number(positionals[2]))
      : undefined;
  if (!config) {
    throw new OrchestratorError('perf-test needs --config <name> or <runs> <tasks_per_run> <duration>', {
      invalidInput: true,
    });
  }
  const databaseUrl = values['database-url'] ?? process.env['DATABASE_URL'];
  const rate = numberFlag('rate', values.rate, 'positive');
  const workers = integerFlag('workers', values.workers);
  const tty = process.stderr.isTTY;
  const run = await runPerfTest({
    config,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(rate ? { trigger: { kind: 'open-loop' as const, ratePerSec: rate } } : {}),
    ...(workers ? { externalWorkers: workers } : {}),
    onProgress: (p) => process.stderr.write(tty ? `\r${formatProgress(p)}   ` : `${formatProgress(p)}\n`),
  });
  if (tty) process.stderr.write('\n');
  const ceiling = values['no-ceiling']
    ? undefined
    : await measureSpawnCeiling({
        command: [EXAMPLE_TASK, String(config.taskDurationSec)],
        count: run.totalTasks,
        concurrency: config.scheduler.concurrency,
        cwd: REPO_ROOT,
      });
  const report = {
    run,
    ...(ceiling ? { ceiling, ceilingFraction: run.tasks.tasksPerSec / ceiling.tasksPerSec } : {}),
  };
  process.stdout.write(`\n${formatPerfReport(report)}`);
  if (!values['no-save']) process.stdout.write(`\nSaved ${savePerfReport(report)}.{txt,json}\n`);
  return run.timedOut || run.lostTasks > 0 ? 1 : 0;
}
