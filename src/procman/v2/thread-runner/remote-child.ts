/** The actor's view of a child that lives in the runner's worker: its pid and its exit. */
import type { ManagedChild } from '../../control/managed-child.js';
import type { ExitInfo } from '../../types.js';

export class RemoteChild implements ManagedChild {
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | null = null;
  private resolveExit!: (exit: ExitInfo) => void;

  constructor(
    readonly instanceId: number,
    readonly pid: number,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  exit(): ExitInfo | null {
    return this.exitInfo;
  }

  markExited(exit: ExitInfo): void {
    if (this.exitInfo) return;
    this.exitInfo = exit;
    this.resolveExit(exit);
  }
}
