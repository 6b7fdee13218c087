/**
 * Samples CPU and RSS of a set of processes with pidusage (reading /proc,
 * never `ps`) at an interval, and counts a process tree's size, for
 * "scheduler RSS growth" and "peak worker count" style figures.
 */
import pidusage from 'pidusage';
import { listDescendants } from '../process/process-table.js';

export interface ResourceSamplerOptions {
  /** The processes to sample, asked again at every tick (pids come and go). */
  readonly pids: () => readonly number[];
  readonly intervalMs: number;
  /** Count the living descendants of this pid at every tick (peak process count). */
  readonly treeRootPid?: number;
  /** Only count descendants whose command matches (e.g. the worker's name). */
  readonly treeFilter?: (command: string) => boolean;
}

export interface ResourceSummary {
  readonly samples: number;
  /** CPU use summed over the sampled processes, percent of one core. */
  readonly cpuPercent: { readonly mean: number; readonly peak: number };
  readonly rssBytes: {
    readonly initial: number;
    readonly peak: number;
    readonly final: number;
    readonly growth: number;
  };
  readonly peakProcessCount: number;
}

export interface ResourceSampler {
  /** Takes one sample now (also done at every interval). */
  sample(): Promise<void>;
  stop(): Promise<ResourceSummary>;
}

export function startResourceSampler(options: ResourceSamplerOptions): ResourceSampler {
  if (!Number.isFinite(options.intervalMs) || options.intervalMs <= 0) {
    throw new RangeError(`Expected \`intervalMs\` to be a positive number, got \`${options.intervalMs}\``);
  }
  const cpu: number[] = [];
  const rss: number[] = [];
  let peakProcessCount = 0;
  let inFlight: Promise<void> = Promise.resolve();

  const takeSample = async () => {
    const pids = [...options.pids()];
    if (options.treeRootPid !== undefined) {
      const tree = listDescendants(options.treeRootPid).filter((p) => options.treeFilter?.(p.command) ?? true);
      peakProcessCount = Math.max(peakProcessCount, tree.length);
    }
    if (pids.length === 0) return;
    let stats: Record<string, { cpu: number; memory: number }>;
    try {
      stats = await pidusage(pids);
    } catch {
      return; // a process exited between listing and reading: skip this tick
    }
    let cpuSum = 0;
    let rssSum = 0;
    for (const s of Object.values(stats)) {
      cpuSum += s.cpu;
      rssSum += s.memory;
    }
    cpu.push(cpuSum);
    rss.push(rssSum);
  };
  const sample = () => (inFlight = inFlight.then(takeSample));
  const timer = setInterval(() => void sample(), options.intervalMs);
  void sample();

  return {
    sample,
    async stop() {
      clearInterval(timer);
      await sample();
      pidusage.clear();
      const mean = cpu.length > 0 ? cpu.reduce((a, b) => a + b, 0) / cpu.length : 0;
      const initial = rss[0] ?? 0;
      const final = rss[rss.length - 1] ?? 0;
      return {
        samples: rss.length,
        cpuPercent: { mean, peak: cpu.length > 0 ? Math.max(...cpu) : 0 },
        rssBytes: { initial, peak: rss.length > 0 ? Math.max(...rss) : 0, final, growth: final - initial },
        peakProcessCount,
      };
    },
  };
}
