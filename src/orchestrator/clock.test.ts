import { calibrate, wallClockUs, type ClockEdge } from './clock.js';

function edges(...list: ClockEdge[]): { next: () => ClockEdge; measured: () => number } {
  let i = 0;
  return { next: () => list[i++]!, measured: () => i };
}

describe('wallClockUs', () => {
  it('reads the wall clock to within its millisecond', () => {
    const beforeMs = Date.now();
    const us = wallClockUs();
    const afterMs = Date.now();
    expect(us).toBeGreaterThanOrEqual(beforeMs * 1000 - 100);
    expect(us).toBeLessThan((afterMs + 1) * 1000 + 100);
  });

  it('keeps the first edge when its bracket is narrow', () => {
    const source = edges({ anchorUs: 7, bracketUs: 1 }, { anchorUs: 9, bracketUs: 0 });
    expect(calibrate(source.next)).toBe(7);
    expect(source.measured()).toBe(1);
  });

  it('measures again when the process was away inside the bracket, and keeps the narrowest', () => {
    const source = edges(
      { anchorUs: 1_000, bracketUs: 10_000 }, // descheduled for 10 ms at the edge
      { anchorUs: 5_900, bracketUs: 300 },
      { anchorUs: 6_000, bracketUs: 2 },
      { anchorUs: 0, bracketUs: 0 },
    );
    expect(calibrate(source.next)).toBe(6_000);
    expect(source.measured()).toBe(3);
  });

  it('gives up after a few edges on a machine that never lets it finish one quickly', () => {
    const source = edges(...[40, 30, 50, 60, 70, 10].map((bracketUs) => ({ anchorUs: bracketUs, bracketUs })));
    expect(calibrate(source.next)).toBe(30);
    expect(source.measured()).toBe(5);
  });
});
