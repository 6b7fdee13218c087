/**
 * The native twins of the WebAssembly agent's work, the same algorithms line
 * for line, so a native/WASM ratio compares the engines and not the code.
 */

/** Number of primes below `n`, by trial division (agent.wat `count_primes`). */
export function countPrimes(n: number): number {
  let count = 0;
  for (let i = 2; i < n; i++) {
    let prime = 1;
    for (let d = 2; d * d <= i; d++) {
      if (i % d === 0) {
        prime = 0;
        break;
      }
    }
    count += prime;
  }
  return count;
}

/** FNV-1a 32-bit hash, as a signed 32-bit integer like the WASM i32 result (agent.wat `fnv1a`). */
export function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < bytes.length; i++) {
    hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  }
  return hash;
}
