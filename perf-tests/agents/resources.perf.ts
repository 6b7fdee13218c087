/** Memory per agent (creation, after 1000 messages, after a checkpoint) and CPU while idle, processing and spawning. */
import { byProfile, findMetric, measureInterleaved, resolveProfile } from '../../src/harness/index.js';
import { CAXTON, SUITE } from './support/targets.js';

const profile = resolveProfile();
const messagesPerAgentOf = (name: typeof profile) => byProfile(name, { smoke: 100, ci: 1000, full: 1000 });

describe('agents: resource use', () => {
  test(`an agent costs far less than Caxton’s 10 MB, through ${messagesPerAgentOf(profile)} messages and a checkpoint`, async () => {
    const agents = byProfile(profile, { smoke: 100, ci: 300, full: 10_000 });
    const messagesPerAgent = messagesPerAgentOf(profile);
    const results = await measureInterleaved(
      (['native', 'wasm'] as const).map((agentKind) => ({
        suite: SUITE,
        scenario: 'memory-per-agent',
        variant: agentKind,
        module: new URL('./memory-profile.scenario.ts', import.meta.url),
        params: { agentKind, agents, messagesPerAgent, messageBytes: 64 },
        timeoutMs: 180_000,
      })),
    );
    for (const result of results) {
      expect(findMetric(result, 'totalPerAgentBytes').value).toBeLessThan(CAXTON.memoryPerAgentBytes);
      // Handling messages must not make agents grow: under 1 KB per agent after 1000 messages … plus GC noise.
      expect(findMetric(result, 'processingPerAgentBytes').value).toBeLessThan(64 * 1024);
    }
  }, 900_000);

  test('idle agents cost no CPU; processing and spawning do', async () => {
    const params = byProfile(profile, {
      smoke: { agents: 100, idleMs: 400, messages: 20_000, spawnAgents: 100 },
      ci: { agents: 1000, idleMs: 500, messages: 100_000, spawnAgents: 1000 },
      full: { agents: 10_000, idleMs: 10_000, messages: 1_000_000, spawnAgents: 10_000 },
    });
    const results = await measureInterleaved(
      (['native', 'wasm'] as const).map((agentKind) => ({
        suite: SUITE,
        scenario: 'cpu-use',
        variant: agentKind,
        module: new URL('./cpu-profile.scenario.ts', import.meta.url),
        params: { agentKind, ...params },
        timeoutMs: 120_000,
      })),
    );
    for (const result of results) {
      // Caxton's target is per agent. The runtime has no timers or polling, so the whole
      // process idles far below a core (a polling loop would show ~100 %); what remains is
      // V8's background work (GC, WASM tier-up) left over from setup.
      expect(findMetric(result, 'idleCpuPerAgentPercent').value).toBeLessThan(CAXTON.cpuPerAgentPercent);
      expect(findMetric(result, 'idleCpuPercent').value).toBeLessThan(25);
      expect(findMetric(result, 'processingCpuPercent').value).toBeGreaterThan(
        findMetric(result, 'idleCpuPercent').value,
      );
    }
  }, 600_000);
});
