import { RuntimeMetrics } from './runtime-metrics.js';
import { SloMonitor, type SloAlert } from './slo-monitor.js';

describe('SloMonitor', () => {
  it('fires when interval p99 or error rate crosses its threshold and resolves when it recovers', () => {
    let nowMs = 0;
    const metrics = new RuntimeMetrics(() => nowMs);
    const alerts: SloAlert[] = [];
    const monitor = new SloMonitor({
      thresholds: { p99LatencyUs: 1000, errorRate: 0.05 },
      read: () => metrics.intervalSnapshot(),
      onAlert: (alert) => alerts.push(alert),
    });

    // Interval 1: fast and clean.
    for (let i = 0; i < 100; i++) metrics.recordRequestLatencyUs(100);
    metrics.counters.sent += 100;
    nowMs = 10_000;
    expect(monitor.check()).toEqual([]);

    // Interval 2: slow tail and 10 % rejected.
    for (let i = 0; i < 95; i++) metrics.recordRequestLatencyUs(100);
    for (let i = 0; i < 5; i++) metrics.recordRequestLatencyUs(50_000);
    metrics.counters.sent += 100;
    metrics.counters.rejected += 10;
    nowMs = 20_000;
    expect(monitor.check().map((alert) => [alert.state, alert.slo, alert.threshold])).toEqual([
      ['firing', 'p99-latency', 1000],
      ['firing', 'error-rate', 0.05],
    ]);
    expect(monitor.active).toEqual(['p99-latency', 'error-rate']);

    // Interval 3: still bad latency (no repeat alert), errors recovered.
    for (let i = 0; i < 100; i++) metrics.recordRequestLatencyUs(5_000);
    metrics.counters.sent += 100;
    nowMs = 30_000;
    expect(monitor.check()).toEqual([
      { state: 'resolved', slo: 'error-rate', value: 0, threshold: 0.05, atMs: 30_000 },
    ]);
    expect(alerts).toHaveLength(3);
    expect(alerts[1]).toMatchObject({ value: 0.1, atMs: 20_000 });
  });

  it('runs on an injected interval and ignores intervals without traffic', () => {
    const ticks: (() => void)[] = [];
    const metrics = new RuntimeMetrics(() => 0);
    const alerts: SloAlert[] = [];
    const monitor = new SloMonitor({
      thresholds: { p99LatencyUs: 10, errorRate: 0 },
      read: () => metrics.intervalSnapshot(),
      onAlert: (alert) => alerts.push(alert),
      interval: { start: (callback) => (ticks.push(callback), () => ticks.splice(0)) },
    });
    monitor.start(1000);
    ticks[0]?.();
    expect(alerts).toEqual([]);
    metrics.recordRequestLatencyUs(500);
    ticks[0]?.();
    expect(alerts.map((alert) => alert.slo)).toEqual(['p99-latency']);
    monitor.stop();
    expect(ticks).toHaveLength(0);
  });

  it('validates thresholds', () => {
    const metrics = new RuntimeMetrics(() => 0);
    expect(
      () =>
        new SloMonitor({
          thresholds: { p99LatencyUs: 1, errorRate: 2 },
          read: () => metrics.snapshot(),
          onAlert: () => undefined,
        }),
    ).toThrow('Expected `thresholds.errorRate` to be a number between 0 and 1, got `2` (number)');
  });
});
