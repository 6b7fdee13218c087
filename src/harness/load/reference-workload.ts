/**
 * The harness's fixed reference workload: small objects, closures and
 * arithmetic, the kind of work the micro-benchmarks do. Timing it next to a
 * measurement tells how fast the machine ran at that moment; it never changes
 * with the code under test.
 */
let sink = 0;

/** Runs `iterations` iterations of the reference loop. */
export function runReferenceWorkload(iterations: number): void {
  let acc = 0;
  for (let i = 0; i < iterations; i += 1) {
    const item = { a: i, b: i * 2, f: () => i };
    acc += item.a + item.b + item.f();
  }
  sink = acc;
}

/** The last loop's result; reading it keeps the optimizer from dropping the loop. */
export function referenceSink(): number {
  return sink;
}
