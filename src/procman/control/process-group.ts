/**
 * Signals to whole process groups. Every managed process is spawned detached,
 * so it leads its own group (pgid = pid) and its descendants share the group.
 */

/** Sends `signal` to the group led by `pgid`. False when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

const GROUP_POLL_MS = 2;

/**
 * After the leader exited: kills what is left of its group and waits until
 * the group is empty (descendants are not our children, so their end can only
 * be polled). Resolves false if the group outlived `timeoutMs`.
 */
export async function killRestOfGroup(pgid: number, timeoutMs: number): Promise<boolean> {
  if (!signalGroup(pgid, 'SIGKILL')) return true;
  const deadline = Date.now() + timeoutMs;
  while (signalGroup(pgid, 0)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
  }
  return true;
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killLiveGroups(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

/**
 * Remembers a group so that it is killed if this Node process exits while the
 * group lives (a crash or `process.exit` in a scenario must not leave orphans).
 */
export function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', killLiveGroups);
  }
}

export function untrackGroup(pgid: number): void {
  liveGroups.delete(pgid);
}

export function trackedGroupCount(): number {
  return liveGroups.size;
}
