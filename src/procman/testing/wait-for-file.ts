/** Waits for a file to appear, on file-system events (with a slow poll as a safety net). */
import { existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

const SAFETY_POLL_MS = 50;

export function waitForFile(path: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  if (existsSync(path)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const name = basename(path);
    const watcher = watch(dirname(path), (_event, changed) => {
      if (changed === null || changed.toString() === name) check();
    });
    const poll = setInterval(check, SAFETY_POLL_MS);
    const timer = setTimeout(
      () => finish(new Error(`Expected \`${path}\` to appear within ${timeoutMs} ms, it did not`)),
      timeoutMs,
    );
    const onAbort = (): void => finish(new Error(`Stopped waiting for \`${path}\`: aborted`));
    signal?.addEventListener('abort', onAbort, { once: true });
    function check(): void {
      if (existsSync(path)) finish();
    }
    function finish(error?: Error): void {
      watcher.close();
      clearInterval(poll);
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    }
  });
}
