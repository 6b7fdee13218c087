/**
 * `planebench orchestrator <command>`: run | trigger | worker | status | logs | clean-data | perf-test | perf-all.
 * `-h`/`--help` on it or anywhere in a command's arguments prints that usage to stdout.
 * Returns the exit code; errors print their message (invalid input, exit 2, and an
 * unreachable store, exit 1, without a stack).
 */
import { OrchestratorError, coerceError } from '../../orchestrator/errors.js';
import { wantsHelp } from './help.js';

interface Command {
  readonly run: (argv: string[]) => Promise<number>;
  readonly usage: string;
}

/** Loaded on use, so a scheduler or worker process holds only what it runs (its RSS is measured). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  run: () => import('./commands/run.js').then((m) => ({ run: m.runCommand, usage: m.usage })),
  trigger: () => import('./commands/trigger.js').then((m) => ({ run: m.triggerCommand, usage: m.usage })),
  worker: () => import('./commands/worker.js').then((m) => ({ run: m.workerCommand, usage: m.usage })),
  'clean-data': () => import('./commands/clean-data.js').then((m) => ({ run: m.cleanDataCommand, usage: m.usage })),
  status: () => import('./commands/status.js').then((m) => ({ run: m.statusCommand, usage: m.usage })),
  logs: () => import('./commands/logs.js').then((m) => ({ run: m.logsCommand, usage: m.usage })),
  'perf-test': () => import('./commands/perf-test.js').then((m) => ({ run: m.perfTestCommand, usage: m.usage })),
  'perf-all': () => import('./commands/perf-all.js').then((m) => ({ run: m.perfAllCommand, usage: m.usage })),
};

const USAGE = `Usage: planebench orchestrator <command> [options]   (<command> --help: its options)
  run         the scheduler (--config <name>, --concurrency, --prefetch, --no-local-worker, --verbose, --json)
  trigger     <workflow> [--count N] [--file workflow.yaml] [--json]
  worker      a task worker on a shared PostgreSQL store (--concurrency, --prefetch, --lease-ms, --worker-id, --json)
  status      runs and tasks by status, the newest runs with their tasks (--limit N, --json)
  logs        <task id>: what is known of one task (command, exit code, error, times)
  clean-data  delete every run and task
  perf-test   --config <name> | <runs> <tasks_per_run> <duration>
  perf-all    every config in perf-configs/, one report file per config under perf-results/
--prefetch N: claimed tasks held beyond --concurrency, started as running ones exit (default = --concurrency).
--json: run, worker and trigger print JSON lines for programs instead of lines for a person.
Store: --database-url <postgres://…> or DATABASE_URL selects PostgreSQL (--schema; --async-commit: commits
  do not wait for the log flush, at least once either way; --pull-only: an idle scheduler or worker offers
  no slots, so triggers push it nothing and every task is claimed); else SQLite --db <file>, which wins over
  DATABASE_URL (\`run\` creates it; trigger, status, logs and clean-data need it to exist).`;

export async function runOrchestratorCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const load = command && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    if (command === '--help' || command === '-h') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stderr.write(`${command ? `Unknown command \`${command}\`\n` : ''}${USAGE}\n`);
    return 2;
  }
  try {
    const handler = await load();
    if (wantsHelp(rest)) {
      process.stdout.write(`${handler.usage}\n`);
      return 0;
    }
    return await handler.run(rest);
  } catch (error) {
    const e = coerceError(error);
    const invalidInput =
      (e instanceof OrchestratorError && e.isInvalidInput) ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const brief = invalidInput || (e instanceof OrchestratorError && e.isUnreachable);
    process.stderr.write(brief ? `${e.message}\n` : `${e.stack ?? e.message}\n`);
    return invalidInput ? 2 : 1;
  }
}
