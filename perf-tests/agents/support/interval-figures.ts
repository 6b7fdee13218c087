/**
 * Per-interval figures of a load test (seed: IntervalMetrics): requests sent,
 * responses received, errors and latencies in each interval of intended send
 * time.
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export interface IntervalFigures {
  readonly startMs: number;
  readonly sent: number;
  readonly received: number;
  readonly errors: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
}

interface Bucket {
  sent: number;
  received: number;
  errors: number;
  readonly latencies: Histogram;
}

export class IntervalRecorder {
  private readonly buckets: Bucket[] = [];

  constructor(
    readonly intervalMs: number,
    private readonly originMs: number,
  ) {}

  private bucket(atMs: number): Bucket {
    const index = Math.max(0, Math.floor((atMs - this.originMs) / this.intervalMs));
    while (this.buckets.length <= index) {
      this.buckets.push({
        sent: 0,
        received: 0,
        errors: 0,
        latencies: hdr.build({
          lowestDiscernibleValue: 1,
          highestTrackableValue: 3_600_000_000,
          numberOfSignificantValueDigits: 2,
        }),
      });
    }
    return this.buckets[index] as Bucket;
  }

  sent(intendedAtMs: number): void {
    this.bucket(intendedAtMs).sent++;
  }

  received(intendedAtMs: number, latencyUs: number): void {
    const bucket = this.bucket(intendedAtMs);
    bucket.received++;
    bucket.latencies.recordValue(Math.max(1, Math.round(latencyUs)));
  }

  error(intendedAtMs: number): void {
    this.bucket(intendedAtMs).errors++;
  }

  figures(): IntervalFigures[] {
    return this.buckets.map((bucket, index) => ({
      startMs: index * this.intervalMs,
      sent: bucket.sent,
      received: bucket.received,
      errors: bucket.errors,
      p50Us: bucket.latencies.totalCount === 0 ? 0 : bucket.latencies.getValueAtPercentile(50),
      p99Us: bucket.latencies.totalCount === 0 ? 0 : bucket.latencies.getValueAtPercentile(99),
      maxUs: bucket.latencies.totalCount === 0 ? 0 : bucket.latencies.maxValue,
    }));
  }
}
