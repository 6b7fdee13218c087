/** Memory readings after a full garbage collection (scenario children run with --expose-gc). */
export interface SettledMemory {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  /** JS heap plus memory held outside it (ArrayBuffers, WASM linear memory). */
  readonly heapAndExternalBytes: number;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('Memory scenarios need --expose-gc (the scenario runner passes it)');
  gc();
  gc();
}

export function settledMemory(): SettledMemory {
  collectGarbage();
  const usage = process.memoryUsage();
  return {
    rssBytes: usage.rss,
    heapUsedBytes: usage.heapUsed,
    externalBytes: usage.external,
    heapAndExternalBytes: usage.heapUsed + usage.external,
  };
}

export function perItem(after: number, before: number, items: number): number {
  return Math.max(0, (after - before) / items);
}
