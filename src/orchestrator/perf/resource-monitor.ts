/**
 * Samples the scheduler's RSS and CPU (pidusage) and the worker processes: the
 * task processes, children of the processes that run tasks (the scheduler, or
 * the workers), counted and with their RSS and CPU summed.
 */
import pidusage from 'pidusage';
import { readTaskProcessUsage } from './task-process-usage.js';

export interface ResourceSample {
  readonly rssBytes: number;
  /** CPU time used so far, ms (user + system). */
  readonly cpuTimeMs: number;
  readonly atMs: number;
  readonly taskProcesses: number;
  /** The task processes' RSS, summed. */
  readonly workerRssBytes: number;
  /** The task processes' CPU time so far, ms (user + system), summed. */
  readonly workerCpuTimeMs: number;
}

export interface ResourceSummary {
  readonly initialRssBytes: number;
  readonly finalRssBytes: number;
  readonly peakRssBytes: number;
  readonly rssGrowthBytes: number;
  /** Average CPU over the measured window, percent of one core. */
  readonly cpuPercent: number;
  readonly peakTaskProcesses: number;
  /** The scheduler's RSS at the warm-up mark (`markWarmedUp`); null when it was not marked. */
  readonly warmRssBytes: number | null;
  /** Final RSS − RSS at the warm-up mark; null when it was not marked. */
  readonly rssGrowthAfterWarmUpBytes: number | null;
  /** The worker (task) processes' RSS summed, its highest sample. */
  readonly workerRssPeakBytes: number;
  /** The worker (task) processes' CPU summed over the measured window, percent of one core. */
  readonly workerCpuPercent: number;
  readonly samples: number;
}

export class ResourceMonitor {
  private first: ResourceSample | undefined;
  private last: ResourceSample | undefined;
  private peakRss = 0;
  private peakTasks = 0;
  private peakWorkerRss = 0;
  private warm: ResourceSample | undefined;
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
    const workers = readTaskProcessUsage(this.taskParents);
    const sample: ResourceSample = {
      rssBytes: stat.memory,
      cpuTimeMs: stat.ctime,
      atMs: this.nowMs(),
      taskProcesses: workers.taskProcesses,
      workerRssBytes: workers.rssBytes,
      workerCpuTimeMs: workers.cpuTimeMs,
    };
    this.first ??= sample;
    this.last = sample;
    this.peakRss = Math.max(this.peakRss, sample.rssBytes);
    this.peakTasks = Math.max(this.peakTasks, sample.taskProcesses);
    this.peakWorkerRss = Math.max(this.peakWorkerRss, sample.workerRssBytes);
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

  /** Marks the end of the warm-up: the latest sample's RSS is what later growth is measured from (once). */
  markWarmedUp(): void {
    this.warm ??= this.last;
  }

  /** CPU percent between the first and the latest sample. */
  cpuPercent(): number {
    return this.percentOfOneCore((s) => s.cpuTimeMs);
  }

  private percentOfOneCore(cpuTimeMs: (sample: ResourceSample) => number): number {
    if (!this.first || !this.last || this.last.atMs <= this.first.atMs) return 0;
    return ((cpuTimeMs(this.last) - cpuTimeMs(this.first)) / (this.last.atMs - this.first.atMs)) * 100;
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
      warmRssBytes: this.warm?.rssBytes ?? null,
      rssGrowthAfterWarmUpBytes: this.warm ? final - this.warm.rssBytes : null,
      workerRssPeakBytes: this.peakWorkerRss,
      workerCpuPercent: this.percentOfOneCore((s) => s.workerCpuTimeMs),
      samples: this.count,
    };
  }
}
