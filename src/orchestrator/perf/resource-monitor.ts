/**
 * Samples the scheduler's RSS and CPU (pidusage) and counts task processes:
 * the children of the processes that run tasks (the scheduler, or the workers).
 */
import pidusage from 'pidusage';
import { listProcesses } from '../../harness/process/process-table.js';

export interface ResourceSample {
  readonly rssBytes: number;
  /** CPU time used so far, ms (user + system). */
  readonly cpuTimeMs: number;
  readonly atMs: number;
  readonly taskProcesses: number;
}

export interface ResourceSummary {
  readonly initialRssBytes: number;
  readonly finalRssBytes: number;
  readonly peakRssBytes: number;
  readonly rssGrowthBytes: number;
  /** Average CPU over the measured window, percent of one core. */
  readonly cpuPercent: number;
  readonly peakTaskProcesses: number;
  readonly samples: number;
}

/**
 * Counts task processes: children of one of `parents` that lead their own
 * process group, as the executor starts every task (the harness's /proc table). Helpers of the
 * runtime (e.g. a loader's service process) share the parent's group and are not counted.
 */
export function countChildren(parents: ReadonlySet<number>): number {
  let count = 0;
  for (const entry of listProcesses()) {
    if (entry.state !== 'Z' && parents.has(entry.ppid) && entry.pgid === entry.pid) count += 1;
  }
  return count;
}

export class ResourceMonitor {
  private first: ResourceSample | undefined;
  private last: ResourceSample | undefined;
  private peakRss = 0;
  private peakTasks = 0;
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();

  constructor(
    private readonly schedulerPid: number,
    private readonly taskParents: ReadonlySet<number>,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Takes one sample now. */
  async sample(): Promise<ResourceSample> {
    const stat = await pidusage(this.schedulerPid);
    const sample: ResourceSample = {
      rssBytes: stat.memory,
      cpuTimeMs: stat.ctime,
      atMs: this.nowMs(),
      taskProcesses: countChildren(this.taskParents),
    };
    this.first ??= sample;
    this.last = sample;
    this.peakRss = Math.max(this.peakRss, sample.rssBytes);
    this.peakTasks = Math.max(this.peakTasks, sample.taskProcesses);
    this.count += 1;
    return sample;
  }

  /** Samples every `intervalMs` until `stop`; `onSample` sees each sample. */
  start(intervalMs: number, onSample?: (sample: ResourceSample) => void): void {
    this.timer = setInterval(() => {
      this.sampling = this.sampling.then(async () => {
        try {
          onSample?.(await this.sample());
        } catch {
          // the process is gone; the summary keeps the last good sample
        }
      });
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling;
  }

  latest(): ResourceSample | undefined {
    return this.last;
  }

  /** CPU percent between the first and the latest sample. */
  cpuPercent(): number {
    if (!this.first || !this.last || this.last.atMs <= this.first.atMs) return 0;
    return ((this.last.cpuTimeMs - this.first.cpuTimeMs) / (this.last.atMs - this.first.atMs)) * 100;
  }

  summary(): ResourceSummary {
    const initial = this.first?.rssBytes ?? 0;
    const final = this.last?.rssBytes ?? 0;
    return {
      initialRssBytes: initial,
      finalRssBytes: final,
      peakRssBytes: this.peakRss,
      rssGrowthBytes: final - initial,
      cpuPercent: this.cpuPercent(),
      peakTaskProcesses: this.peakTasks,
      samples: this.count,
    };
  }
}
