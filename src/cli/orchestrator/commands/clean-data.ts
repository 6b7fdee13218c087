/** `planebench orchestrator clean-data`: deletes every run and task between tests. */
import { parseArgs } from 'node:util';
import { STORE_FLAGS, STORE_USAGE, describeStore, openStoreFromFlags } from '../store-args.js';

export const usage = `Usage: planebench orchestrator clean-data [store flags]
Deletes every run and task (workflows stay). The SQLite store must exist.
${STORE_USAGE}`;

export async function cleanDataCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...STORE_FLAGS } });
  const store = await openStoreFromFlags(values, { existing: true });
  try {
    await store.clean();
    process.stdout.write(`cleaned runs and tasks in ${describeStore(values)}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
