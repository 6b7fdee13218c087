/**
 * Stop+start churn of the original: each task walks its share of the targets,
 * stops one, starts it again, sleeps the pace, until the deadline. Operations
 * that outlive their timeout are counted as failed and awaited at the end.
 */
import type { ProcessManager, ProcessSpec } from '../../../src/procman/index.js';
import { sleepMs, withTimeout } from './with-timeout.js';

export interface ChurnOptions {
  readonly manager: ProcessManager;
  readonly targets: readonly ProcessSpec[];
  readonly tasks: number;
  readonly now: () => number;
  readonly untilMs: number;
  readonly paceMs: number;
  readonly operationTimeoutMs: number;
}

export interface ChurnStats {
  attemptedCycles: number;
  successfulCycles: number;
  failedCycles: number;
  stopErrors: number;
  startErrors: number;
}

export function emptyChurnStats(): ChurnStats {
  return { attemptedCycles: 0, successfulCycles: 0, failedCycles: 0, stopErrors: 0, startErrors: 0 };
}

async function succeeds(operation: Promise<unknown>, timeoutMs: number, late: Promise<unknown>[]): Promise<boolean> {
  try {
    const timed = await withTimeout(operation, timeoutMs);
    if (timed.kind === 'timeout') late.push(operation.catch(() => undefined));
    return timed.kind === 'done';
  } catch {
    return false;
  }
}

export async function runChurn(options: ChurnOptions): Promise<ChurnStats> {
  const stats = emptyChurnStats();
  const late: Promise<unknown>[] = [];
  const { targets, tasks } = options;
  const task = async (first: number): Promise<void> => {
    for (let index = first; options.now() < options.untilMs; index += tasks) {
      if (targets.length === 0) break;
      const spec = targets[index % targets.length] as ProcessSpec;
      stats.attemptedCycles += 1;
      if (!(await succeeds(options.manager.stop(spec.id), options.operationTimeoutMs, late))) {
        stats.stopErrors += 1;
        stats.failedCycles += 1;
      } else if (!(await succeeds(options.manager.start(spec), options.operationTimeoutMs, late))) {
        stats.startErrors += 1;
        stats.failedCycles += 1;
      } else {
        stats.successfulCycles += 1;
      }
      await sleepMs(options.paceMs);
    }
  };
  await Promise.all(Array.from({ length: tasks }, (_, i) => task(i)));
  await Promise.all(late);
  return stats;
}
