/**
 * Compiles WebAssembly text to a module with the wabt package (loaded once per
 * process). The result is a WebAssembly.Module ready to instantiate many times.
 */
import wabtInit from 'wabt';
import { AgentError } from '../errors.js';
import { Wasm, type WasmModule } from './webassembly-api.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;

let wabtPromise: Promise<Wabt> | undefined;

function loadWabt(): Promise<Wabt> {
  wabtPromise ??= wabtInit();
  return wabtPromise;
}

export async function compileWatToBinary(fileName: string, source: string): Promise<Uint8Array> {
  const wabt = await loadWabt();
  let parsed: ReturnType<Wabt['parseWat']> | undefined;
  try {
    parsed = wabt.parseWat(fileName, source);
    parsed.resolveNames();
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } catch (error: unknown) {
    throw new AgentError('wasm-compile-failed', `Could not compile \`${fileName}\` with wabt`, { cause: error });
  } finally {
    parsed?.destroy();
  }
}

export async function compileWat(fileName: string, source: string): Promise<WasmModule> {
  const binary = await compileWatToBinary(fileName, source);
  try {
    return new Wasm.Module(binary);
  } catch (error: unknown) {
    throw new AgentError('wasm-compile-failed', `V8 rejected the module compiled from \`${fileName}\``, {
      cause: error,
    });
  }
}
