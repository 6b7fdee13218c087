/**
 * Wake-ups for the embedded store. Within a process, writers call listeners of
 * every store open on the same file directly. Across processes, a writer that
 * created work writes one byte to the signal file `<db>-wake` after its commit,
 * and every store watches the database's folder (inotify through fs.watch) and
 * asks SQLite's `data_version` whether another connection changed the
 * database, so its own writes do not wake it. The signal comes after the commit,
 * so one check sees it. Writers that do not signal (another SQLite client) are
 * caught from the write-ahead log: it is written before the commit becomes
 * visible (the shared-memory index, which inotify does not see, is updated
 * last), so that check is repeated a few times after each log event.
 */
import { closeSync, openSync, watch, writeSync, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { WorkKind } from '../../model.js';

type Listener = (kind: WorkKind) => void;

const ALL_KINDS: readonly WorkKind[] = ['runs', 'tasks', 'updates'];
/** Re-checks after a log write, ms: a commit becomes visible shortly after its frames are written. */
const RECHECK_AFTER_MS = [2, 20, 200] as const;
const SIGNAL_BYTE = Buffer.from('1');
const inProcess = new Map<string, Set<Listener>>();

export class WakeBus {
  private readonly key: string;
  private readonly listeners = new Set<Listener>();
  private watcher: FSWatcher | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private rechecksLeft = 0;
  private signalFd: number | undefined;
  private signalQueued = false;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly changedByOthers: () => boolean,
  ) {
    this.key = path === ':memory:' ? `:memory:${Math.random()}` : resolve(path);
  }

  /** The signal file other processes watch; it lives and dies with the database's own files. */
  static signalPath(databasePath: string): string {
    return `${resolve(databasePath)}-wake`;
  }

  /**
   * After a commit that created work of `kind`: tells every listener in this
   * process (this store included) and signals other processes.
   */
  publish(kind: WorkKind): void {
    for (const listener of inProcess.get(this.key) ?? []) listener(kind);
    if (this.signalQueued || this.path === ':memory:') return;
    // One signal for every commit of the same synchronous burst (a batch of triggers).
    this.signalQueued = true;
    queueMicrotask(() => {
      this.signalQueued = false;
      this.signalOthers();
    });
  }

  subscribe(listener: Listener): () => void {
    let shared = inProcess.get(this.key);
    if (!shared) inProcess.set(this.key, (shared = new Set()));
    shared.add(listener);
    this.listeners.add(listener);
    this.startWatching();
    return () => {
      shared.delete(listener);
      if (shared.size === 0) inProcess.delete(this.key);
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopWatching();
    };
  }

  close(): void {
    this.closed = true;
    if (this.signalFd !== undefined) closeSync(this.signalFd);
    this.signalFd = undefined;
    for (const listener of [...this.listeners]) {
      inProcess.get(this.key)?.delete(listener);
      this.listeners.delete(listener);
    }
    if (inProcess.get(this.key)?.size === 0) inProcess.delete(this.key);
    this.stopWatching();
  }

  /** One byte written in place: an inotify event for the watchers, no growth. */
  private signalOthers(): void {
    if (this.closed) return;
    try {
      this.signalFd ??= openSync(WakeBus.signalPath(this.key), 'w');
      writeSync(this.signalFd, SIGNAL_BYTE, 0, 1, 0);
    } catch {
      // A folder we may not write to: other processes still wake from the write-ahead log.
    }
  }

  private startWatching(): void {
    if (this.watcher || this.path === ':memory:') return;
    const wal = `${basename(this.key)}-wal`;
    const signal = basename(WakeBus.signalPath(this.key));
    this.watcher = watch(dirname(this.key), { persistent: false }, (_event, file) => {
      if (file === signal) {
        this.check();
        return;
      }
      if (file !== wal) return;
      this.check();
      // One chain of re-checks per burst of writes (not per write: the store's own writes land here too).
      this.rechecksLeft = RECHECK_AFTER_MS.length;
      if (!this.recheck) this.scheduleRecheck();
    });
  }

  private scheduleRecheck(): void {
    const index = RECHECK_AFTER_MS.length - this.rechecksLeft;
    const previousMs = index > 0 ? (RECHECK_AFTER_MS[index - 1] ?? 0) : 0;
    const delayMs = (RECHECK_AFTER_MS[index] ?? 0) - previousMs;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      this.check();
      this.rechecksLeft -= 1;
      if (this.rechecksLeft > 0) this.scheduleRecheck();
    }, delayMs).unref();
  }

  private check(): void {
    if (!this.changedByOthers()) return;
    for (const listener of this.listeners) for (const kind of ALL_KINDS) listener(kind);
  }

  private clearRechecks(): void {
    clearTimeout(this.recheck);
    this.recheck = undefined;
    this.rechecksLeft = 0;
  }

  private stopWatching(): void {
    this.clearRechecks();
    this.watcher?.close();
    this.watcher = undefined;
  }
}
