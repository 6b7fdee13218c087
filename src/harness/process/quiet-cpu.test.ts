import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProcStat, waitForQuietCpu, type CpuTimes } from './quiet-cpu.js';

/** Cumulative CPU times that go busy, busy, then quiet (100 jiffies per window). */
function sequence(busyPerWindow: readonly number[]): () => CpuTimes {
  let total = 0;
  let idle = 0;
  let i = -1;
  return () => {
    if (i >= 0) {
      const busy = busyPerWindow[Math.min(i, busyPerWindow.length - 1)] ?? 0;
      total += 100;
      idle += 100 - busy;
    }
    i += 1;
    return { total, idle };
  };
}

describe('waitForQuietCpu', () => {
  it('waits through busy windows and returns at the first quiet one', async () => {
    const outcome = await waitForQuietCpu({ windowMs: 1, readCpuTimes: sequence([90, 60, 10]) });
    expect(outcome.quiet).toBe(true);
    expect(outcome.busyFraction).toBeCloseTo(0.1);
  });

  it('gives up after the timeout and says the machine was busy', async () => {
    const outcome = await waitForQuietCpu({ windowMs: 1, timeoutMs: 20, readCpuTimes: sequence([80]) });
    expect(outcome.quiet).toBe(false);
    expect(outcome.busyFraction).toBeCloseTo(0.8);
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(20);
  });

  it('says once, at the first busy window, that it waits (before the wait, not after)', async () => {
    const said: number[] = [];
    await waitForQuietCpu({
      windowMs: 1,
      readCpuTimes: sequence([90, 60, 10]),
      onBusy: (busy, timeoutMs) => said.push(busy, timeoutMs),
    });
    expect(said).toEqual([0.9, 15_000]);
    const quiet: number[] = [];
    await waitForQuietCpu({ windowMs: 1, readCpuTimes: sequence([5]), onBusy: (busy) => quiet.push(busy) });
    expect(quiet).toEqual([]);
  });

  it('does not wait where CPU times cannot be read', async () => {
    expect(await waitForQuietCpu({ readCpuTimes: () => undefined })).toEqual({
      quiet: true,
      busyFraction: 0,
      waitedMs: 0,
    });
  });
});

describe('readProcStat', () => {
  it('sums every field of the aggregate line and counts idle and iowait as idle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'planebench-stat-'));
    try {
      const file = join(dir, 'stat');
      writeFileSync(file, 'cpu  100 5 50 800 20 1 2 3 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n');
      expect(readProcStat(file)).toEqual({ total: 981, idle: 820 });
      writeFileSync(file, 'garbage\n');
      expect(readProcStat(file)).toBeUndefined();
      expect(readProcStat(join(dir, 'missing'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads this machine (Linux)', () => {
    const times = readProcStat();
    expect(times).toBeDefined();
    expect(times!.total).toBeGreaterThanOrEqual(times!.idle);
  });
});
