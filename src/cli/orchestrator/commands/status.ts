/** `planebench orchestrator status`: runs and tasks by status, and the newest runs with their tasks. */
import { parseArgs } from 'node:util';
import { wallClockUs } from '../../../orchestrator/clock.js';
import { integerFlag } from '../number-flag.js';
import { formatStatus, readStatus } from '../status-report.js';
import { STORE_FLAGS, STORE_USAGE, describeStore, openStoreFromFlags } from '../store-args.js';

const DEFAULT_LIMIT = 20;

export const usage = `Usage: planebench orchestrator status [--limit N] [--json] [store flags]
Runs and tasks by status, then the newest runs (newest first), each with its workflow, status,
duration and its tasks' status, exit code and attempts. The SQLite store must exist.
  --limit N                  how many runs to show (default ${DEFAULT_LIMIT})
  --json                     one JSON object instead (timestamps and durations in µs)
${STORE_USAGE}`;

export async function statusCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...STORE_FLAGS, limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  const limit = integerFlag('limit', values.limit) ?? DEFAULT_LIMIT;
  const store = await openStoreFromFlags(values, { existing: true });
  try {
    const report = await readStatus(store, describeStore(values), limit, wallClockUs());
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatStatus(report));
  } finally {
    await store.close();
  }
  return 0;
}
