/**
 * `planebench orchestrator <command>`: run | trigger | worker | clean-data | perf-test.
 * Returns the exit code; errors print their message (invalid input without a stack).
 */
import { OrchestratorError, coerceError } from '../../orchestrator/errors.js';
import { cleanDataCommand } from './commands/clean-data.js';
import { perfTestCommand } from './commands/perf-test.js';
import { runCommand } from './commands/run.js';
import { triggerCommand } from './commands/trigger.js';
import { workerCommand } from './commands/worker.js';

const COMMANDS: Readonly<Record<string, (argv: string[]) => Promise<number>>> = {
  run: runCommand,
  trigger: triggerCommand,
  worker: workerCommand,
  'clean-data': cleanDataCommand,
  'perf-test': perfTestCommand,
};

const USAGE = `Usage: planebench orchestrator <command> [options]
  run         the scheduler (--config <name>, --concurrency, --no-local-worker, --verbose)
  trigger     <workflow> [--count N] [--file workflow.yaml]
  worker      a task worker on a shared PostgreSQL store (--concurrency, --lease-ms, --worker-id)
  clean-data  delete every run and task
  perf-test   --config <name> | <runs> <tasks_per_run> <duration>
Store: --database-url <postgres://…> or DATABASE_URL selects PostgreSQL (--schema); else SQLite --db <file>.`;

export async function runOrchestratorCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const handler = command ? COMMANDS[command] : undefined;
  if (!handler) {
    process.stderr.write(`${command && command !== '--help' ? `Unknown command \`${command}\`\n` : ''}${USAGE}\n`);
    return command === '--help' ? 0 : 2;
  }
  try {
    return await handler(rest);
  } catch (error) {
    const e = coerceError(error);
    const invalidInput =
      (e instanceof OrchestratorError && e.isInvalidInput) ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(invalidInput ? `${e.message}\n` : `${e.stack ?? e.message}\n`);
    return invalidInput ? 2 : 1;
  }
}
