import { StallMonitor } from './stall-monitor.js';

function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('StallMonitor', () => {
  it('sees a blocked event loop and garbage collection', async () => {
    const monitor = new StallMonitor();
    monitor.start();
    // Let the 1 ms delay timer tick, then block it for 40 ms.
    await new Promise((resolve) => setTimeout(resolve, 20));
    blockFor(40);
    await new Promise((resolve) => setTimeout(resolve, 20));
    let keep: unknown[] = [];
    for (let round = 0; round < 20; round += 1) keep = Array.from({ length: 100_000 }, (_, i) => ({ i }));
    expect(keep.length).toBe(100_000);
    const summary = await monitor.stop();
    expect(summary.loopDelayMaxUs).toBeGreaterThanOrEqual(30_000);
    expect(summary.loopDelayP99Us).toBeLessThanOrEqual(summary.loopDelayMaxUs);
    expect(summary.gcPauses).toBeGreaterThan(0);
    expect(summary.gcPauseMaxUs).toBeGreaterThan(0);
    expect(summary.gcPauseTotalUs).toBeGreaterThanOrEqual(summary.gcPauseMaxUs);
  });

  it('gives finite numbers for a window too short to sample', async () => {
    const monitor = new StallMonitor();
    monitor.start();
    const summary = await monitor.stop();
    expect(summary.loopDelayMaxUs).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(summary.loopDelayP99Us)).toBe(true);
  });
});
