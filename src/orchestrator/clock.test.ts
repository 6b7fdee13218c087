import { calibrate, edge, wallClockUs, type ClockEdge } from './clock.js';

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

  /**
   * A scripted machine: the monotonic clock advances 1 µs a read, and the wall clock reads
   * (monotonic + offset) in whole milliseconds. With `awayUs`, the process is away that long
   * right after a Date.now() that still read the old millisecond, and the edge passes meanwhile.
   */
  function scriptedClocks(offsetUs: number, awayUs = 0): { monotonicUs: () => number; wallMs: () => number } {
    let monoUs = 1_000_000;
    let awayOnce = awayUs > 0;
    return {
      monotonicUs: () => (monoUs += 1),
      wallMs: () => {
        const ms = Math.floor((monoUs + offsetUs) / 1000);
        if (awayOnce && (monoUs + offsetUs) % 1000 > 600) {
          awayOnce = false;
          monoUs += awayUs;
        }
        return ms;
      },
    };
  }
  const OFFSET_US = 5_000_000_250;

  it('brackets an edge from before the last call that read the old millisecond, so time away around it widens the bracket', () => {
    const measured = edge(scriptedClocks(OFFSET_US, 700));
    expect(measured.bracketUs).toBeGreaterThan(700);
    expect(Math.abs(measured.anchorUs - OFFSET_US)).toBeLessThanOrEqual(measured.bracketUs / 2 + 1);
  });

  it('reads a narrow bracket and the true anchor when nothing interrupts it', () => {
    const measured = edge(scriptedClocks(OFFSET_US));
    expect(measured.bracketUs).toBeLessThanOrEqual(4);
    expect(Math.abs(measured.anchorUs - OFFSET_US)).toBeLessThanOrEqual(2);
  });
});
