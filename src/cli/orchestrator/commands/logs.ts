/** `planebench orchestrator logs <task id>`: what the store knows of one task (its output is not recorded). */
import { parseArgs } from 'node:util';
import { OrchestratorError } from '../../../orchestrator/errors.js';
import { parseNumber } from '../number-flag.js';
import { STORE_FLAGS, STORE_USAGE, describeStore, openStoreFromFlags } from '../store-args.js';
import { OUTPUT_NOT_RECORDED, formatTask } from '../task-report.js';

export const usage = `Usage: planebench orchestrator logs <task id> [--json] [store flags]
What the store knows of one task: its command, status, exit code, error, attempts, worker and
timestamps. Task output is not recorded (tasks run with stdout and stderr discarded).
\`orchestrator status\` lists task ids. The SQLite store must exist.
  --json                     the task record as one JSON object (timestamps in µs)
${STORE_USAGE}`;

export async function logsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...STORE_FLAGS, json: { type: 'boolean' } },
  });
  const [given, ...extra] = positionals;
  if (given === undefined || extra.length > 0) {
    throw new OrchestratorError(
      `logs needs one task id (\`orchestrator status\` lists them), got ${given === undefined ? 'none' : `\`${positionals.join(' ')}\``}`,
      { invalidInput: true },
    );
  }
  const taskId = parseNumber('<task id>', given, 'positive', true);
  const store = await openStoreFromFlags(values, { existing: true });
  try {
    const task = await store.getTask(taskId);
    if (!task) {
      throw new OrchestratorError(
        `No task with id ${taskId} in ${describeStore(values)}; \`orchestrator status\` lists the newest runs' tasks`,
        { invalidInput: true },
      );
    }
    process.stdout.write(
      values.json ? `${JSON.stringify({ ...task, output: null, note: OUTPUT_NOT_RECORDED })}\n` : formatTask(task),
    );
  } finally {
    await store.close();
  }
  return 0;
}
