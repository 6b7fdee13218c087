/**
 * The floor of a procman query: the same work without a process manager —
 * copy n process records into fresh ProcessInfo objects and answer through a
 * promise — so a trial can divide its query latency by what this machine, in
 * this minute, takes for that much work after the same idle time.
 */
import type { ScenarioContext } from '../../../src/harness/scenario.js';
import type { ProcessInfo } from '../../../src/procman/index.js';
import type { QuerySamples } from './query-loop.js';

export function bareQueryOf(n: number): () => Promise<ProcessInfo[]> {
  const records: ProcessInfo[] = Array.from({ length: n }, (_, i) => ({
    id: `proc-${i}`,
    state: 'running',
    pid: 10_000 + i,
    restartCount: 0,
    lastExit: null,
    lastSeenAtMs: 0,
    memoryBytes: 0,
    busy: false,
  }));
  return () => Promise.resolve().then(() => records.map((r) => ({ ...r })));
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** query percentile ÷ bare-query percentile of one trial; undefined without samples on either side. */
export function overFloorRatio(samples: readonly QuerySamples[], p: number): number | undefined {
  const query = samples.flatMap((s) => s.queryUs);
  const bare = samples.flatMap((s) => s.bareUs);
  if (query.length === 0 || bare.length === 0) return undefined;
  return percentile(query, p) / percentile(bare, p);
}

export function newSamples(): QuerySamples {
  return { queryUs: [], bareUs: [] };
}

/**
 * Records the trial's floor: the bare queries' histogram (reported) and the
 * query's p50 and p95 over the bare query's (gated as `gate` says): the
 * manager's cost with the machine's state of the minute divided out.
 */
export function recordOverFloor(
  ctx: Pick<ScenarioContext<unknown>, 'histogram' | 'value'>,
  samples: readonly QuerySamples[],
  gate: { readonly p50: boolean; readonly p95: boolean },
): void {
  const bare = ctx.histogram('bareQueryLatencyUs', 'latencyUs', { stats: ['p50', 'p95'], gate: false });
  for (const s of samples) for (const us of s.bareUs) bare.record(us);
  const p50 = overFloorRatio(samples, 50);
  const p95 = overFloorRatio(samples, 95);
  if (p50 !== undefined) ctx.value('queryOverFloorP50Ratio', 'ratio', p50, { gate: gate.p50 });
  if (p95 !== undefined) ctx.value('queryOverFloorP95Ratio', 'ratio', p95, { gate: gate.p95 });
}
