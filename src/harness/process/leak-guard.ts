/**
 * Fails a test when a process it started outlives it. A guard remembers the
 * living descendants of this process when created; `check()` lists the new
 * ones (and, when a scenario tag is given, every process carrying it, also
 * those reparented to init), kills them and throws naming them.
 */
import { killAll, listDescendants, listTaggedProcesses, type ProcessEntry } from './process-table.js';

export class LeakedProcessError extends Error {
  override readonly name = 'LeakedProcessError';
  constructor(readonly leaked: readonly ProcessEntry[]) {
    super(
      `${leaked.length} process(es) outlived the test and were killed: ` +
        leaked.map((p) => `${p.pid} (${p.command})`).join(', '),
    );
  }
}

export interface LeakGuard {
  /** Processes started since the guard was created that are still alive. */
  survivors(): ProcessEntry[];
  /** Kills survivors and throws LeakedProcessError when there were any. */
  check(): void;
}

export function createLeakGuard(options: { readonly tag?: string; readonly rootPid?: number } = {}): LeakGuard {
  const rootPid = options.rootPid ?? process.pid;
  const before = new Set(listDescendants(rootPid).map((p) => p.pid));
  const survivors = () => {
    const found = new Map<number, ProcessEntry>();
    for (const p of listDescendants(rootPid)) if (!before.has(p.pid)) found.set(p.pid, p);
    if (options.tag) for (const p of listTaggedProcesses(options.tag)) found.set(p.pid, p);
    return [...found.values()];
  };
  return {
    survivors,
    check() {
      const leaked = survivors();
      if (leaked.length === 0) return;
      killAll(leaked.map((p) => p.pid));
      throw new LeakedProcessError(leaked);
    },
  };
}
