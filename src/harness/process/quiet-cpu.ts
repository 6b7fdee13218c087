/**
 * Before a scenario's trials: wait until the machine's CPUs are mostly idle,
 * so what ran just before (a heavy spec winding down, the unit tests' browser,
 * a database) is not measured as this scenario's slowness. Reads the aggregate
 * line of /proc/stat over short windows; where that is missing it does not wait.
 */
import { readFileSync } from 'node:fs';

export interface CpuTimes {
  /** Every jiffy, all CPUs. */
  readonly total: number;
  /** Idle and I/O-wait jiffies. */
  readonly idle: number;
}

export interface QuietCpuOptions {
  /** Quiet means at most this fraction of all CPU time was busy in one window; default QUIET_MAX_BUSY_FRACTION. */
  readonly maxBusyFraction?: number;
  /** One measurement window, ms; default 250. */
  readonly windowMs?: number;
  /** Gives up (and the trials run anyway) after this long, ms; default QUIET_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Called once, at the first window found busy: the wait begins (to say so before it, not after). */
  readonly onBusy?: (busyFraction: number, timeoutMs: number) => void;
  readonly readCpuTimes?: () => CpuTimes | undefined;
}

/** How long the harness waits for quiet CPUs before measuring anyway, ms. */
export const QUIET_TIMEOUT_MS = 15_000;
/** Quiet: at most this fraction of all CPU time busy in one window. */
export const QUIET_MAX_BUSY_FRACTION = 0.25;

export interface QuietCpuOutcome {
  readonly quiet: boolean;
  /** Busy fraction of the last window (0 when it could not be read). */
  readonly busyFraction: number;
  readonly waitedMs: number;
}

export function readProcStat(path = '/proc/stat'): CpuTimes | undefined {
  let line: string | undefined;
  try {
    line = readFileSync(path, 'utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  }
  if (!line?.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
  const fields = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (fields.length < 5 || fields.some((n) => !Number.isFinite(n))) return undefined;
  const total = fields.reduce((sum, n) => sum + n, 0);
  return { total, idle: (fields[3] ?? 0) + (fields[4] ?? 0) };
}

export async function waitForQuietCpu(options: QuietCpuOptions = {}): Promise<QuietCpuOutcome> {
  const maxBusy = options.maxBusyFraction ?? QUIET_MAX_BUSY_FRACTION;
  const windowMs = options.windowMs ?? 250;
  const timeoutMs = options.timeoutMs ?? QUIET_TIMEOUT_MS;
  let saidBusy = false;
  const read = options.readCpuTimes ?? (() => readProcStat());
  const started = performance.now();
  let before = read();
  if (!before) return { quiet: true, busyFraction: 0, waitedMs: 0 };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = read();
    if (!after) return { quiet: true, busyFraction: 0, waitedMs: performance.now() - started };
    const total = after.total - before.total;
    const busyFraction = total > 0 ? Math.max(0, total - (after.idle - before.idle)) / total : 0;
    const waitedMs = performance.now() - started;
    if (busyFraction <= maxBusy) return { quiet: true, busyFraction, waitedMs };
    if (waitedMs >= timeoutMs) return { quiet: false, busyFraction, waitedMs };
    if (!saidBusy) options.onBusy?.(busyFraction, timeoutMs);
    saidBusy = true;
    before = after;
  }
}
