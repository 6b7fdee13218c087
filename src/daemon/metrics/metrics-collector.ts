/**
 * What a daemon counts when built `withMetrics()` (the Rust original's
 * `metrics` feature): counters, gauges and timings by name. A daemon without
 * a collector counts nothing and pays one null check per event.
 */

/** Count, sum and maximum of the durations recorded under one name, ms. */
export interface TimingSummary {
  readonly count: number;
  readonly sumMs: number;
  readonly maxMs: number;
}

export interface MetricsSnapshot {
  readonly counters: Readonly<Record<string, number>>;
  readonly gauges: Readonly<Record<string, number>>;
  readonly timings: Readonly<Record<string, TimingSummary>>;
}

/** The names the daemon records under. */
export const DAEMON_METRICS = Object.freeze({
  subsystemStarts: 'subsystem_starts',
  subsystemStops: 'subsystem_stops',
  subsystemFailures: 'subsystem_failures',
  subsystemRestarts: 'subsystem_restarts',
  healthChecks: 'health_checks',
  shutdownMs: 'shutdown_ms',
});

interface MutableTiming {
  count: number;
  sumMs: number;
  maxMs: number;
}

export class MetricsCollector {
  readonly #counters = new Map<string, number>();
  readonly #gauges = new Map<string, number>();
  readonly #timings = new Map<string, MutableTiming>();

  increment(name: string, by = 1): void {
    this.#counters.set(name, (this.#counters.get(name) ?? 0) + by);
  }

  setGauge(name: string, value: number): void {
    this.#gauges.set(name, value);
  }

  addToGauge(name: string, delta: number): void {
    this.#gauges.set(name, (this.#gauges.get(name) ?? 0) + delta);
  }

  recordTiming(name: string, durationMs: number): void {
    const timing = this.#timings.get(name);
    if (timing === undefined) {
      this.#timings.set(name, { count: 1, sumMs: durationMs, maxMs: durationMs });
      return;
    }
    timing.count += 1;
    timing.sumMs += durationMs;
    if (durationMs > timing.maxMs) timing.maxMs = durationMs;
  }

  counter(name: string): number {
    return this.#counters.get(name) ?? 0;
  }

  snapshot(): MetricsSnapshot {
    const timings: Record<string, TimingSummary> = {};
    for (const [name, t] of this.#timings) timings[name] = { count: t.count, sumMs: t.sumMs, maxMs: t.maxMs };
    return {
      counters: Object.fromEntries(this.#counters),
      gauges: Object.fromEntries(this.#gauges),
      timings,
    };
  }
}
