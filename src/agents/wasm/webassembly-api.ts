/**
 * The part of the WebAssembly JS API the runtime uses, typed here because the
 * project's lib (ES2023, no DOM) does not declare the `WebAssembly` global
 * although Node provides it.
 */
export interface WasmModuleExportDescriptor {
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

export interface WasmModuleImportDescriptor extends WasmModuleExportDescriptor {
  readonly module: string;
}

/** An opaque compiled module. */
export interface WasmModule {
  readonly __wasmModule?: never;
}

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export interface WasmApi {
  readonly Module: {
    new (bytes: Uint8Array): WasmModule;
    exports(module: WasmModule): WasmModuleExportDescriptor[];
    imports(module: WasmModule): WasmModuleImportDescriptor[];
  };
  readonly Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  readonly Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  readonly RuntimeError: new (message?: string) => Error;
}

export const Wasm: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
