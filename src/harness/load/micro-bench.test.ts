import { describe, expect, test } from '@jest/globals';
import { microBench, microBenchAsync } from './micro-bench.js';
import { overReference } from './record-micro-bench.js';

/**
 * A machine whose speed flips between two modes: every unit of work costs
 * `slowdown`× more in the slow mode, for the routine and the reference alike.
 */
function flippingMachine(modeEveryMs: number, slowdown: number) {
  let t = 0;
  const factor = (): number => (Math.floor(t / modeEveryMs) % 2 === 1 ? slowdown : 1);
  return {
    now: () => t,
    routine: () => {
      t += 0.0001 * factor(); // 100 ns of work
    },
    asyncRoutine: async () => {
      t += 0.0001 * factor();
    },
    reference: (iterations: number) => {
      t += iterations * 0.00001 * factor(); // 10 ns per reference iteration
    },
  };
}

const options = { warmupMs: 5, samples: 40, sampleTargetMs: 1 };

describe('microBench', () => {
  test('times a reference batch after every sample', () => {
    const machine = flippingMachine(1e9, 1);
    const result = microBench(machine.routine, { ...options, now: machine.now, reference: machine.reference });
    expect(result.perIterationNs).toHaveLength(40);
    expect(result.referenceNs).toHaveLength(40);
    result.perIterationNs.forEach((ns) => expect(ns).toBeCloseTo(100, 6));
    result.referenceNs.forEach((ns) => expect(ns).toBeCloseTo(10, 6));
  });

  test("the ratio over the reference divides out the machine's changing speed", () => {
    const machine = flippingMachine(7, 1.8);
    const result = microBench(machine.routine, { ...options, now: machine.now, reference: machine.reference });
    const raw = result.perIterationNs;
    expect(Math.max(...raw) / Math.min(...raw)).toBeGreaterThan(1.5);
    const ratios = overReference(result);
    // A sample and its reference may straddle a mode change; the others are exact.
    const exact = ratios.filter((r) => Math.abs(r - 10) < 1e-6);
    expect(exact.length).toBeGreaterThan(ratios.length * 0.6);
  });

  test('the asynchronous variant pairs its samples with reference batches too', async () => {
    const machine = flippingMachine(1e9, 1);
    const result = await microBenchAsync(machine.asyncRoutine, {
      ...options,
      now: machine.now,
      reference: machine.reference,
    });
    expect(result.referenceNs).toHaveLength(40);
    expect(overReference(result)[0]).toBeCloseTo(10, 6);
  });

  test('bad options are errors naming the option', () => {
    expect(() => microBench(() => 0, { ...options, samples: 0 })).toThrow('`samples`');
  });
});
