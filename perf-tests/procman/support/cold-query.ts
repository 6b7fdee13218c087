/**
 * The query of the cold processes: one process's getProcessInfo() per call,
 * taking the cold processes in turn, so each answer is about a process that
 * has no lifecycle operation of its own.
 */
import type { ProcessInfo, ProcessManager } from '../../../src/procman/index.js';

export function coldQueryOf(manager: ProcessManager, coldIds: readonly string[]): () => Promise<ProcessInfo> {
  if (coldIds.length === 0) throw new TypeError('Expected at least one cold process to query, got none');
  let next = 0;
  return () => {
    const id = coldIds[next % coldIds.length] as string;
    next += 1;
    return manager.getProcessInfo(id);
  };
}
