/** CPU use of this process over a stretch of wall time, percent of one core. */
export interface CpuWindow {
  stop(): number;
}

export function startCpuWindow(now: () => number): CpuWindow {
  const startCpu = process.cpuUsage();
  const startMs = now();
  return {
    stop() {
      const used = process.cpuUsage(startCpu);
      const wallMs = now() - startMs;
      if (wallMs <= 0) throw new Error('A CPU window must last longer than zero milliseconds');
      return ((used.user + used.system) / 1000 / wallMs) * 100;
    },
  };
}
