/**
 * The copy ceiling under a WASM agent's message rate: the same payload copied
 * the way the runtime hands bytes to a WASM agent (a view on the agent's linear
 * memory, then `set`), into as many memories as there are receivers, round
 * robin, with nothing else around it. At 32 KB a message is bound by this copy
 * (a cache-to-cache memcpy), and its rate moves with the machine (docs/decisions.md,
 * "A WASM agent's 32 KB rate is gated as a fraction of the copy alone").
 */
import { Wasm } from '../../../src/agents/wasm/webassembly-api.js';

/** Copies per second of `payload` into `memories` fresh memories of `pages` pages, `count` copies in all. */
export function measureCopyCeilingPerSec(
  payload: Uint8Array,
  options: { memories: number; pages: number; count: number; now: () => number },
): number {
  const memories = Array.from({ length: options.memories }, () => new Wasm.Memory({ initial: options.pages }));
  // First touch of every page outside the clock, as the agents' warm-up does for theirs.
  for (const memory of memories) new Uint8Array(memory.buffer).fill(0);
  const copy = (i: number): void => {
    const memory = memories[i % memories.length]!;
    new Uint8Array(memory.buffer, 0, payload.length).set(payload);
  };
  for (let i = 0; i < Math.min(options.count, 10_000); i += 1) copy(i); // warm-up (JIT)
  const startedMs = options.now();
  for (let i = 0; i < options.count; i += 1) copy(i);
  const elapsedMs = options.now() - startedMs;
  return elapsedMs > 0 ? (options.count / elapsedMs) * 1000 : Number.POSITIVE_INFINITY;
}
