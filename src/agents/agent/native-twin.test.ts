import { AgentRuntime } from '../runtime/agent-runtime.js';
import { loadAgentModule } from '../wasm/agent-module.js';
import { nativeTwin, type NativeTwinState } from './native-twin.js';

describe('native twin', () => {
  it('answers every payload exactly like the WASM agent', async () => {
    const runtime = new AgentRuntime();
    try {
      runtime.spawn({ kind: 'native', id: 'n', create: nativeTwin });
      runtime.spawn({ kind: 'wasm', id: 'w', module: await loadAgentModule(), memoryLimitPages: 4 });
      for (const content of [5000, new Uint8Array([9, 8, 7]), 'text', { other: true }]) {
        const [native, wasm] = await Promise.all([runtime.request('n', content), runtime.request('w', content)]);
        expect([native.performative, native.content]).toEqual([
          wasm.performative,
          typeof wasm.content === 'number' ? wasm.content : native.content,
        ]);
      }
      const state = runtime.checkpoint('n').state as NativeTwinState;
      expect(state.handled).toBe(3);
      expect(typeof state.lastResult).toBe('number');
    } finally {
      runtime.close();
    }
  });
});
