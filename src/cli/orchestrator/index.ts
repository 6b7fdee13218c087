/**
 * `planebench orchestrator <command>`: run | trigger | worker | clean-data | perf-test.
 * Returns the exit code; errors print their message (invalid input, exit 2, and an
 * unreachable store, exit 1, without a stack).
 */
import { OrchestratorError, coerceError } from '../../orchestrator/errors.js';
type Command = (argv: string[]) => Promise<number>;

/** Loaded on use, so a scheduler or worker process holds only what it runs (its RSS is measured). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  run: async () => (await import('./commands/run.js')).runCommand,
  trigger: async () => (await import('./commands/trigger.js')).triggerCommand,
  worker: async () => (await import('./commands/worker.js')).workerCommand,
  'clean-data': async () => (await import('./commands/clean-data.js')).cleanDataCommand,
  'perf-test': async () => (await import('./commands/perf-test.js')).perfTestCommand,
};

const USAGE = `Usage: planebench orchestrator <command> [options]
  run         the scheduler (--config <name>, --concurrency, --prefetch, --no-local-worker, --verbose)
  trigger     <workflow> [--count N] [--file workflow.yaml]
  worker      a task worker on a shared PostgreSQL store (--concurrency, --prefetch, --lease-ms, --worker-id)
  clean-data  delete every run and task
  perf-test   --config <name> | <runs> <tasks_per_run> <duration>
--prefetch N: claimed tasks held beyond --concurrency, started as running ones exit (default = --concurrency).
Store: --database-url <postgres://…> or DATABASE_URL selects PostgreSQL (--schema; --async-commit: commits
  do not wait for the log flush, at least once either way; --pull-only: an idle scheduler or worker offers
  no slots, so triggers push it nothing and every task is claimed); else SQLite --db <file>.`;

export async function runOrchestratorCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const load = command && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`${command && command !== '--help' ? `Unknown command \`${command}\`\n` : ''}${USAGE}\n`);
    return command === '--help' ? 0 : 2;
  }
  try {
    const handler = await load();
    return await handler(rest);
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
