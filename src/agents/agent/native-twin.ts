/**
 * The native twin of the WebAssembly agent: the same message handling in JS
 * (numbers → count_primes, bytes and strings → FNV-1a), with the same
 * checkpointable state, so native and WASM agents can be compared on equal work.
 */
import { countPrimes, fnv1a } from '../wasm/native-compute.js';
import type { NativeBehaviour } from './native-instance.js';

const encoder = new TextEncoder();

export interface NativeTwinState {
  handled: number;
  lastResult: number;
}

export function nativeTwin(): NativeBehaviour {
  const state: NativeTwinState = { handled: 0, lastResult: 0 };
  return {
    handle(message, context) {
      const content = message.content;
      let result: number;
      if (typeof content === 'number') result = countPrimes(content);
      else if (content instanceof Uint8Array) result = fnv1a(content);
      else if (typeof content === 'string') result = fnv1a(encoder.encode(content));
      else {
        context.reply('not-understood', { reason: 'the native twin takes a number, bytes or a string' });
        return undefined;
      }
      state.handled++;
      state.lastResult = result;
      return result;
    },
    checkpoint: () => ({ ...state }),
    restore(saved) {
      Object.assign(state, saved as NativeTwinState);
    },
  };
}
