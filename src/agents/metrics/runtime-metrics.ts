/**
 * The runtime's own counters and latency histograms, read as snapshots: a
 * cumulative one, and an interval one (since the previous interval snapshot)
 * that the SLO monitor judges.
 */
import type { Histogram } from 'hdr-histogram-js';
import { createLatencyHistogram, recordLatency, summarize, type LatencySummary } from './latency-recorder.js';

export interface Counters {
  /** Send attempts (accepted or rejected). */
  sent: number;
  /** Messages accepted into a mailbox. */
  delivered: number;
  /** Messages refused because the mailbox was full. */
  rejected: number;
  /** Messages a handler finished (successfully or by crashing). */
  processed: number;
  crashes: number;
  restarts: number;
  /** Agents failed because the supervisor gave up on them. */
  gaveUp: number;
  /** One-way messages that no agent will handle (their agent failed or stopped). */
  deadLetters: number;
  requests: number;
  replies: number;
  /** Replies with the `failure` performative. */
  failureReplies: number;
  timeouts: number;
  /** Dispatcher turns run; messages in flight together share a turn (up to its budget). */
  turns: number;
}

export type CountersSnapshot = Readonly<Counters>;

export interface MetricsSnapshot {
  readonly atMs: number;
  /** Length of the period the snapshot covers, ms. */
  readonly periodMs: number;
  readonly counters: CountersSnapshot;
  readonly requestLatencyUs: LatencySummary;
  readonly recoveryMs: LatencySummary;
  /** (rejected + crashes + timeouts + dead letters) / send attempts; 0 without traffic. */
  readonly errorRate: number;
}

function zeroCounters(): Counters {
  return {
    sent: 0,
    delivered: 0,
    rejected: 0,
    processed: 0,
    crashes: 0,
    restarts: 0,
    gaveUp: 0,
    deadLetters: 0,
    requests: 0,
    replies: 0,
    failureReplies: 0,
    timeouts: 0,
    turns: 0,
  };
}

export function errorRateOf(counters: CountersSnapshot): number {
  const errors = counters.rejected + counters.crashes + counters.timeouts + counters.deadLetters;
  return counters.sent === 0 ? 0 : Math.min(1, errors / counters.sent);
}

export class RuntimeMetrics {
  /** Incremented in place by the runtime; `turns` is copied from the dispatcher at each snapshot. */
  readonly counters: Counters = zeroCounters();
  private readonly now: () => number;
  private readonly startedAtMs: number;
  private readonly requestLatency: Histogram = createLatencyHistogram();
  private readonly intervalRequestLatency: Histogram = createLatencyHistogram();
  private readonly recovery: Histogram = createLatencyHistogram();
  private readonly intervalRecovery: Histogram = createLatencyHistogram();
  private intervalCounters: Counters = zeroCounters();
  private intervalStartMs: number;
  private turnSource: { readonly turns: number } | undefined;

  constructor(now: () => number) {
    this.now = now;
    this.startedAtMs = now();
    this.intervalStartMs = this.startedAtMs;
  }

  /**
   * Where `turns` comes from: the dispatcher counts its turns itself, and a snapshot
   * copies the count (no call per turn).
   */
  countTurnsOf(source: { readonly turns: number }): void {
    this.turnSource = source;
  }

  /** The counters as they are now, `turns` read from its source. */
  private currentCounters(): Counters {
    if (this.turnSource !== undefined) this.counters.turns = this.turnSource.turns;
    return this.counters;
  }

  recordRequestLatencyUs(us: number): void {
    recordLatency(this.requestLatency, us);
    recordLatency(this.intervalRequestLatency, us);
  }

  recordRecoveryMs(ms: number): void {
    recordLatency(this.recovery, ms);
    recordLatency(this.intervalRecovery, ms);
  }

  /** Everything since the runtime started. */
  snapshot(): MetricsSnapshot {
    const counters: CountersSnapshot = { ...this.currentCounters() };
    const atMs = this.now();
    return {
      atMs,
      periodMs: atMs - this.startedAtMs,
      counters,
      requestLatencyUs: summarize(this.requestLatency),
      recoveryMs: summarize(this.recovery),
      errorRate: errorRateOf(counters),
    };
  }

  /** Everything since the previous interval snapshot; starts the next interval. */
  intervalSnapshot(): MetricsSnapshot {
    const atMs = this.now();
    const total = this.currentCounters();
    const before = this.intervalCounters;
    const counters = Object.fromEntries(
      (Object.keys(total) as (keyof Counters)[]).map((key) => [key, total[key] - before[key]]),
    ) as unknown as CountersSnapshot;
    const snapshot: MetricsSnapshot = {
      atMs,
      periodMs: atMs - this.intervalStartMs,
      counters,
      requestLatencyUs: summarize(this.intervalRequestLatency),
      recoveryMs: summarize(this.intervalRecovery),
      errorRate: errorRateOf(counters),
    };
    this.intervalCounters = { ...total };
    this.intervalStartMs = atMs;
    this.intervalRequestLatency.reset();
    this.intervalRecovery.reset();
    return snapshot;
  }
}
