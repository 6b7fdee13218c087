/**
 * The harness's reference workload (../load/reference-workload.ts) timed at the
 * start and end of every trial process. The machine's speed varies from process
 * to process and within one, so the gate compares this reference between
 * baseline and run before judging nanosecond-scale metrics
 * (src/gate/machine-speed.ts).
 */
import { referenceSink, runReferenceWorkload } from '../load/reference-workload.js';

export const CALIBRATION_METRIC = 'cpuCalibrationNs';

const ITERATIONS = 100_000;
const ROUNDS = 5;

/** ns per iteration of the reference loop, best of a few rounds (~5–10 ms in all). */
export function measureCalibrationNs(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = process.hrtime.bigint();
    runReferenceWorkload(ITERATIONS);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / ITERATIONS);
  }
  return referenceSink() === Number.NEGATIVE_INFINITY ? Number.NaN : best;
}
