/** Micro-benchmark results whose iteration is a batch of operations, reported per operation. */
import type { MicroBenchResult } from '../../../src/harness/load/micro-bench.js';

/** A batch's result per operation: each sample and its reference divided by the operations in the batch. */
export function perOperation(result: MicroBenchResult, operations: number): MicroBenchResult {
  return {
    perIterationNs: result.perIterationNs.map((ns) => ns / operations),
    referenceNs: result.referenceNs,
    iterationsPerSample: result.iterationsPerSample * operations,
  };
}
