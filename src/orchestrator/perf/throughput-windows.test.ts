import { windowThroughput } from './throughput-windows.js';

const s = (sec: number): number => sec * 1e6;

describe('windowThroughput', () => {
  it('says a run shorter than the window has none, with its length', () => {
    expect(windowThroughput([s(1), s(2)], 0, s(5.5), 10)).toEqual({ windowSec: 10, measured: false, runSec: 5.5 });
  });

  it('finds the busiest and the idlest window inside the run', () => {
    // 20 s run: 1 task/s for the first 10 s, then 5 tasks/s for the last 10 s.
    const finished = [
      ...Array.from({ length: 10 }, (_, i) => s(i + 0.5)),
      ...Array.from({ length: 50 }, (_, i) => s(10 + (i + 0.5) / 5)),
    ];
    const result = windowThroughput(finished, 0, s(20), 10);
    expect(result).toEqual({ windowSec: 10, measured: true, peakTasksPerSec: 5, lowestTasksPerSec: 1 });
  });

  it('measures a run exactly one window long as its one window', () => {
    const finished = Array.from({ length: 30 }, (_, i) => s((i + 1) * 2));
    expect(windowThroughput(finished, 0, s(60), 60)).toEqual({
      windowSec: 60,
      measured: true,
      peakTasksPerSec: 0.5,
      lowestTasksPerSec: 0.5,
    });
  });
});
