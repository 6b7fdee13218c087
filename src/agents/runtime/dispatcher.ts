/**
 * The run queue. An agent with mail is queued once; a turn starts as a
 * microtask and handles up to `turnBudget` messages, `perAgentBatch` per agent
 * at a time, then yields to the event loop (setImmediate) if work remains, so
 * timers and I/O are never starved.
 */
import type { AgentCell } from './agent-cell.js';

export class Dispatcher {
  private queue: AgentCell[] = [];
  private scheduled = false;
  private turnCount = 0;

  constructor(
    private readonly turnBudget: number,
    private readonly perAgentBatch: number,
    private readonly onQuiet: () => void,
  ) {}

  /** Turns run so far; messages in flight together share a turn (up to its budget). */
  get turns(): number {
    return this.turnCount;
  }

  get pending(): number {
    return this.queue.length;
  }

  get isQuiet(): boolean {
    return !this.scheduled;
  }

  schedule(cell: AgentCell): void {
    if (cell.queued) return;
    cell.queued = true;
    this.queue.push(cell);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(this.runTurn);
    }
  }

  private readonly runTurn = (): void => {
    this.turnCount += 1;
    let budget = this.turnBudget;
    let index = 0;
    const queue = this.queue;
    while (index < queue.length && budget > 0) {
      const cell = queue[index++] as AgentCell;
      cell.queued = false;
      budget -= cell.drain(budget < this.perAgentBatch ? budget : this.perAgentBatch);
      if (cell.status === 'running' && cell.mailbox.length > 0 && !cell.queued) {
        cell.queued = true;
        queue.push(cell);
      }
    }
    queue.splice(0, index);
    if (queue.length > 0) {
      setImmediate(this.runTurn);
      return;
    }
    this.scheduled = false;
    this.onQuiet();
  };
}
