/** CPU use of this process (every thread of it) over a stretch of wall time. */
export interface CpuReading {
  /** Percent of one core. */
  readonly percent: number;
  /** CPU time used, user and system, ms. */
  readonly cpuMs: number;
  readonly wallMs: number;
}

export interface CpuWindow {
  /** Percent of one core since the window started. */
  stop(): number;
  /** The whole reading since the window started. */
  read(): CpuReading;
}

export function startCpuWindow(now: () => number): CpuWindow {
  const startCpu = process.cpuUsage();
  const startMs = now();
  const read = (): CpuReading => {
    const used = process.cpuUsage(startCpu);
    const wallMs = now() - startMs;
    if (wallMs <= 0) throw new Error('A CPU window must last longer than zero milliseconds');
    const cpuMs = (used.user + used.system) / 1000;
    return { percent: (cpuMs / wallMs) * 100, cpuMs, wallMs };
  };
  return { stop: () => read().percent, read };
}
