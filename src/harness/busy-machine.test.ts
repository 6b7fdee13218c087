import { busier, busyAtStart } from './busy-machine.js';

describe('busyAtStart', () => {
  it('is undefined when every trial began on quiet CPUs, or the notes predate the flag', () => {
    expect(busyAtStart({ notes: [{ cpuQuietBeforeStart: true, cpuBusyBeforeStart: 0.1, quietWaitMs: 250 }] })).toBe(
      undefined,
    );
    expect(busyAtStart({ notes: [{ cpuBusyBeforeStart: 0.9, quietWaitMs: 15_000 }] })).toBe(undefined);
    expect(busyAtStart({ notes: [] })).toBe(undefined);
  });

  it('gives the busiest start among pooled runs', () => {
    const notes = [
      { cpuQuietBeforeStart: false, cpuBusyBeforeStart: 0.6, quietWaitMs: 15_000 },
      { cpuQuietBeforeStart: true, cpuBusyBeforeStart: 0.1, quietWaitMs: 250 },
      { cpuQuietBeforeStart: false, cpuBusyBeforeStart: 0.9, quietWaitMs: 15_100 },
    ];
    expect(busyAtStart({ notes })).toEqual({ busyFraction: 0.9, waitedMs: 15_100 });
  });

  it('busier picks the busier of two starts, either may be absent', () => {
    const a = { busyFraction: 0.5, waitedMs: 15_000 };
    const b = { busyFraction: 0.7, waitedMs: 15_000 };
    expect(busier(a, b)).toBe(b);
    expect(busier(undefined, a)).toBe(a);
    expect(busier(b, undefined)).toBe(b);
    expect(busier(undefined, undefined)).toBe(undefined);
  });
});
