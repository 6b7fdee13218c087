/**
 * A fixed reference workload timed in every trial process: small objects,
 * closures and arithmetic, like the micro-benchmarks. On this kind of VM a whole
 * process sometimes runs ~1.6× slower than its neighbour (measured: 7–10 ns vs
 * 12–19 ns here, with the micro-benchmark of the same process slow alike), so
 * the gate compares this reference between baseline and run before judging
 * nanosecond-scale metrics (src/gate/machine-speed.ts).
 */
export const CALIBRATION_METRIC = 'cpuCalibrationNs';

const ITERATIONS = 100_000;
const ROUNDS = 5;

let sink = 0;

/** ns per iteration of the reference loop, best of a few rounds (~5–10 ms in all). */
export function measureCalibrationNs(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    let acc = 0;
    for (let i = 0; i < ITERATIONS; i += 1) {
      const item = { a: i, b: i * 2, f: () => i };
      acc += item.a + item.b + item.f();
    }
    const ns = Number(process.hrtime.bigint() - start) / ITERATIONS;
    sink = acc;
    best = Math.min(best, ns);
  }
  // Reading the sink keeps the loop's result alive, so the optimizer cannot drop the loop.
  return sink === Number.NEGATIVE_INFINITY ? Number.NaN : best;
}
