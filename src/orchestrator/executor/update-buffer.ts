/**
 * Buffers task updates between flushes. A task's finish replaces its
 * unflushed start (the finish carries the start time), so a batch never holds
 * two updates for one task and a short task costs one write, not two.
 */
import type { TaskUpdate } from '../model.js';

export class UpdateBuffer {
  private readonly updates = new Map<number, TaskUpdate>();

  get size(): number {
    return this.updates.size;
  }

  add(update: TaskUpdate): void {
    if (update.kind === 'started' && this.updates.has(update.taskId)) return;
    this.updates.delete(update.taskId); // re-insert to keep arrival order
    this.updates.set(update.taskId, update);
  }

  /** Task ids with an update not yet written. */
  taskIds(): IterableIterator<number> {
    return this.updates.keys();
  }

  /**
   * Puts back a batch whose write failed, ahead of the updates that arrived
   * meanwhile; where one of those is about the same task, the rules of `add`
   * decide (a finish replaces a start, a start never replaces a finish).
   */
  restore(batch: readonly TaskUpdate[]): void {
    const newer = [...this.updates.values()];
    this.updates.clear();
    for (const update of [...batch, ...newer]) this.add(update);
  }

  /** Removes and returns up to `max` updates, oldest first. */
  take(max: number): TaskUpdate[] {
    const batch: TaskUpdate[] = [];
    for (const [taskId, update] of this.updates) {
      if (batch.length >= max) break;
      batch.push(update);
      this.updates.delete(taskId);
    }
    return batch;
  }
}
