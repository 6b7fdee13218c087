/**
 * Memory per agent (creation, after 1000 messages, after a checkpoint) and CPU
 * while idle, processing, under a steady request rate (per agent and per
 * request) and spawning.
 */
import { byProfile, findMetric, measureInterleaved, resolveProfile } from '../../src/harness/index.js';
import { CAXTON, SUITE } from './support/targets.js';

const profile = resolveProfile();
/** CPU of the whole runtime with every agent idle, percent of one core: 4× the most measured. */
const IDLE_RUNTIME_CPU_PERCENT = 2;
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

  test('idle agents cost no CPU; a request under load costs microseconds; processing and spawning cost CPU', async () => {
    const params = byProfile(profile, {
      smoke: { agents: 100, idleMs: 400, messages: 20_000, spawnAgents: 100, loadRatePerSec: 10_000, loadMs: 500 },
      ci: { agents: 1000, idleMs: 500, messages: 100_000, spawnAgents: 1000, loadRatePerSec: 20_000, loadMs: 2_000 },
      full: {
        agents: 10_000,
        idleMs: 10_000,
        messages: 1_000_000,
        spawnAgents: 10_000,
        loadRatePerSec: 100_000,
        loadMs: 60_000,
      },
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
      // The runtime has no timers or polling: idle agents cost nothing, and what the process
      // spends idle is V8's background work left over from setup, whatever the agent count
      // (the reading counts only this process's CPU). So all the agents together stay under
      // 2 %, well under what Caxton allows one agent (5 %); a timer per agent or a polling loop
      // fails it (docs/decisions.md, "Agents' assertions that can fail").
      expect(findMetric(result, 'idleCpuPercent').value).toBeLessThan(IDLE_RUNTIME_CPU_PERCENT);
      expect(findMetric(result, 'idleCpuPerAgentPercent').value).toBeLessThan(IDLE_RUNTIME_CPU_PERCENT / params.agents);
      expect(findMetric(result, 'processingCpuPercent').value).toBeGreaterThan(
        findMetric(result, 'idleCpuPercent').value,
      );
      // Under a steady request rate a request costs routing, a mailbox push, the handler, the
      // reply and a promise, on both sides of the process: microseconds of CPU, load
      // generation included. 50 µs leaves room for a slower machine; an extra copy or scan per
      // message passes it (docs/decisions.md, "Agents' assertions that can fail"). Per agent that is this cost × rate / agents.
      expect(findMetric(result, 'loadCpuNsPerRequest').value).toBeLessThan(50_000);
    }
  }, 600_000);
});
