/**
 * Judges interval snapshots against service-level objectives and raises an
 * alert when p99 request latency or the error rate crosses its threshold, and
 * a `resolved` alert when it comes back. Polling is driven by `check()`; `start`
 * only calls it on an injected interval.
 */
import { option } from '../options/validate.js';
import type { MetricsSnapshot } from './runtime-metrics.js';

export interface SloThresholdsInput {
  /** Alert when interval p99 request latency exceeds this, µs. */
  readonly p99LatencyUs: number;
  /** Alert when the interval error rate exceeds this fraction. */
  readonly errorRate: number;
  /** Ignore intervals with fewer send attempts than this (too few to judge); default 1. */
  readonly minSamples?: number;
}

export type SloName = 'p99-latency' | 'error-rate';

export type SloAlert =
  | {
      readonly state: 'firing';
      readonly slo: SloName;
      readonly value: number;
      readonly threshold: number;
      readonly atMs: number;
    }
  | {
      readonly state: 'resolved';
      readonly slo: SloName;
      readonly value: number;
      readonly threshold: number;
      readonly atMs: number;
    };

export interface Interval {
  start(callback: () => void, everyMs: number): () => void;
}

export const realInterval: Interval = {
  start(callback, everyMs) {
    const timer = setInterval(callback, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface SloMonitorOptions {
  readonly thresholds: SloThresholdsInput;
  /** Source of interval snapshots, e.g. `() => runtime.metrics.intervalSnapshot()`. */
  readonly read: () => MetricsSnapshot;
  readonly onAlert: (alert: SloAlert) => void;
  readonly interval?: Interval;
}

export class SloMonitor {
  private readonly p99LatencyUs: number;
  private readonly errorRate: number;
  private readonly minSamples: number;
  private readonly firing = new Set<SloName>();
  private stopTimer: (() => void) | undefined;

  constructor(private readonly options: SloMonitorOptions) {
    this.p99LatencyUs = option.nonNegativeNumber('thresholds.p99LatencyUs', options.thresholds.p99LatencyUs);
    this.errorRate = option.fraction('thresholds.errorRate', options.thresholds.errorRate);
    this.minSamples = option.positiveInteger('thresholds.minSamples', options.thresholds.minSamples ?? 1);
  }

  /** The SLOs currently breached. */
  get active(): readonly SloName[] {
    return [...this.firing];
  }

  /** Reads one interval snapshot, raises the alerts it calls for and returns them. */
  check(): SloAlert[] {
    const snapshot = this.options.read();
    if (snapshot.counters.sent < this.minSamples && snapshot.requestLatencyUs.count < this.minSamples) return [];
    const alerts: SloAlert[] = [];
    this.judge('p99-latency', snapshot.requestLatencyUs.p99, this.p99LatencyUs, snapshot.atMs, alerts);
    this.judge('error-rate', snapshot.errorRate, this.errorRate, snapshot.atMs, alerts);
    for (const alert of alerts) this.options.onAlert(alert);
    return alerts;
  }

  start(everyMs: number): void {
    option.positiveInteger('everyMs', everyMs);
    this.stop();
    this.stopTimer = (this.options.interval ?? realInterval).start(() => this.check(), everyMs);
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = undefined;
  }

  private judge(slo: SloName, value: number, threshold: number, atMs: number, alerts: SloAlert[]): void {
    const breached = value > threshold;
    if (breached && !this.firing.has(slo)) {
      this.firing.add(slo);
      alerts.push({ state: 'firing', slo, value, threshold, atMs });
    } else if (!breached && this.firing.has(slo)) {
      this.firing.delete(slo);
      alerts.push({ state: 'resolved', slo, value, threshold, atMs });
    }
  }
}
