import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configBuilder, defaultConfig } from '../config/daemon-config.js';
import { DAEMON_METRICS, MetricsCollector } from '../metrics/metrics-collector.js';
import { ManualTimers } from '../time/manual-timers.js';
import { Daemon, exitCodeFor } from './daemon.js';
import { daemonErrorOf } from '../../test-support/daemon-error-of.js';

const fastConfig = configBuilder()
  .name('test-daemon')
  .shutdownTimeoutMs(100)
  .forceTimeoutMs(300)
  .killTimeoutMs(500)
  .healthCheckIntervalMs(1_000)
  .build();

describe('Daemon', () => {
  test('runs its tasks until shutdown and reports a graceful stop', async () => {
    const timers = new ManualTimers();
    const started: string[] = [];
    const daemon = Daemon.builder(fastConfig)
      .withTask('a', async (shutdown) => {
        started.push('a');
        await shutdown.cancelled();
      })
      .withTask('b', async (shutdown) => {
        started.push('b');
        await shutdown.cancelled();
      })
      .withoutSignals()
      .withTimers(timers)
      .build();
    expect(daemon.state).toBe('built');
    const running = daemon.run();
    expect(started).toEqual(['a', 'b']);
    expect(daemon.state).toBe('running');
    await timers.advance(5_000);
    expect(daemon.shutdown()).toBe(true);
    expect(daemon.shutdown()).toBe(false);
    const report = await running;
    expect(report).toMatchObject({ outcome: 'graceful', reason: { kind: 'requested' }, abandoned: [] });
    expect(report.subsystems.map((s) => s.name).sort()).toEqual(['a', 'b']);
    expect(daemon.state).toBe('stopped');
    expect(exitCodeFor(report)).toBe(0);
    expect(timers.pendingCount).toBe(0);
  });

  test('withMetrics() counts starts, stops, failures, health checks and the shutdown time', async () => {
    const timers = new ManualTimers();
    const metrics = new MetricsCollector();
    const daemon = Daemon.builder(fastConfig)
      .withTask('waits', (shutdown) => shutdown.cancelled(), { healthCheck: () => true })
      .withTask('fails', () => Promise.reject(new Error('boom')))
      .withoutSignals()
      .withTimers(timers)
      .withMetrics(metrics)
      .build();
    expect(daemon.metrics).toBe(metrics);
    const running = daemon.run();
    await timers.advance(1_000);
    daemon.shutdown();
    await running;
    expect(metrics.snapshot().counters).toEqual({
      [DAEMON_METRICS.subsystemStarts]: 2,
      [DAEMON_METRICS.subsystemFailures]: 1,
      [DAEMON_METRICS.healthChecks]: 1,
      [DAEMON_METRICS.subsystemStops]: 1,
    });
    expect(metrics.snapshot().timings[DAEMON_METRICS.shutdownMs]?.count).toBe(1);
  });

  test('without withMetrics() a daemon has no collector; a wrong collector is a config error', () => {
    expect(Daemon.builder(fastConfig).withoutSignals().build().metrics).toBeNull();
    expect(daemonErrorOf(() => Daemon.builder(fastConfig).withMetrics({} as never)).field).toBe('metrics');
  });

  test('runs health checks on the interval while running', async () => {
    const timers = new ManualTimers();
    let checks = 0;
    const daemon = Daemon.builder(fastConfig)
      .withTask('h', (shutdown) => shutdown.cancelled(), {
        healthCheck: () => {
          checks += 1;
          return true;
        },
      })
      .withoutSignals()
      .withTimers(timers)
      .build();
    const running = daemon.run();
    await timers.advance(3_000);
    expect(checks).toBe(3);
    daemon.shutdown();
    await running;
    expect(daemon.subsystems.stats().subsystems[0]?.healthy).toBe(true);
  });

  test('a shutdown requested before run() stops at once without starting anything', async () => {
    let ran = false;
    const daemon = Daemon.builder(fastConfig)
      .withTask('never', async () => {
        ran = true;
      })
      .withoutSignals()
      .withTimers(new ManualTimers())
      .build();
    daemon.shutdown();
    const report = await daemon.run();
    expect(ran).toBe(false);
    expect(report.outcome).toBe('graceful');
  });

  test('run() twice is invalid-state', async () => {
    const daemon = Daemon.builder(defaultConfig()).withoutSignals().build();
    const running = daemon.run();
    await expect(daemon.run()).rejects.toMatchObject({ code: 'invalid-state' });
    daemon.shutdown();
    await running;
  });

  test('a stuck task is abandoned after the force timeout; the kill deadline then fires', async () => {
    const timers = new ManualTimers();
    const kills: number[] = [];
    const daemon = Daemon.builder(fastConfig)
      .withTask('stuck', () => new Promise<void>(() => {}))
      .withoutSignals()
      .withTimers(timers)
      .onKillTimeout(() => kills.push(timers.now()))
      .build();
    const running = daemon.run();
    await timers.advance(10);
    daemon.shutdown();
    await timers.advance(300);
    const report = await running;
    expect(report).toMatchObject({ outcome: 'abandoned', abandoned: ['stuck'], durationMs: 300 });
    expect(exitCodeFor(report)).toBe(1);
    expect(kills).toEqual([]);
    await timers.advance(200);
    expect(kills).toEqual([510]);
  });

  test('the kill deadline is disarmed when everything stopped', async () => {
    const timers = new ManualTimers();
    const kills: number[] = [];
    const daemon = Daemon.builder(fastConfig)
      .withTask('slow', async (shutdown) => {
        await shutdown.cancelled();
        await new Promise<void>((resolve) => shutdown.forceSignal.addEventListener('abort', () => resolve()));
      })
      .withoutSignals()
      .withTimers(timers)
      .onKillTimeout(() => kills.push(timers.now()))
      .build();
    const running = daemon.run();
    daemon.shutdown();
    await timers.advance(100);
    expect((await running).outcome).toBe('forced');
    await timers.advance(1_000);
    expect(kills).toEqual([]);
    expect(timers.pendingCount).toBe(0);
  });

  test('writes the pid file while running and removes it after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'daemon-pid-'));
    try {
      const pidFile = join(dir, 'nested', 'd.pid');
      const daemon = Daemon.builder(configBuilder().pidFile(pidFile).build())
        .withTask('t', (shutdown) => shutdown.cancelled())
        .withoutSignals()
        .build();
      // Subsystems start after the pid file is written.
      const started = daemon.events.next((e) => e.type === 'state-changed' && e.state === 'running');
      const running = daemon.run();
      await started;
      expect((await readFile(pidFile, 'utf8')).trim()).toBe(String(process.pid));
      daemon.shutdown();
      await running;
      await expect(stat(pidFile)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('shutdown flushes and closes the log: every line logged, also while stopping, is in the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'daemon-log-'));
    try {
      const file = join(dir, 'daemon.log');
      const config = configBuilder()
        .shutdownTimeoutMs(1_000)
        .forceTimeoutMs(2_000)
        .killTimeoutMs(3_000)
        .logging({ file, maxBytes: 1_000, maxFiles: 50 })
        .build();
      const expected: string[] = [];
      const daemon: Daemon = Daemon.builder(config)
        .withTask('chatty', async (shutdown) => {
          daemon.log('chatty started');
          await shutdown.cancelled();
          // Handed in during the drain, with no flush: the daemon's shutdown must write them.
          for (let i = 0; i < 500; i += 1) daemon.log(`chatty stopping ${i}`);
        })
        .withoutSignals()
        .build();
      expected.push('chatty started', ...Array.from({ length: 500 }, (_, i) => `chatty stopping ${i}`));
      const started = daemon.events.next((e) => e.type === 'state-changed' && e.state === 'running');
      const running = daemon.run();
      await started;
      daemon.shutdown();
      expect((await running).outcome).toBe('graceful');
      const writer = daemon.logWriter;
      expect(writer?.closed).toBe(true);
      expect(writer?.stats()).toMatchObject({ linesWritten: 501, pendingLines: 0, droppedLines: 0 });
      const lines: string[] = [];
      for (let index = 49; index >= 0; index -= 1) {
        const path = index === 0 ? file : `${file}.${index}`;
        const text = await readFile(path, 'utf8').catch(() => '');
        if (text !== '') lines.push(...text.slice(0, -1).split('\n'));
      }
      expect(lines).toEqual(expected);
      expect(daemonErrorOf(() => daemon.log('after the stop')).code).toBe('invalid-state');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('without a logging section log() does nothing and there is no writer', async () => {
    const daemon = Daemon.builder(defaultConfig()).withoutSignals().build();
    expect(daemon.logWriter).toBeNull();
    daemon.log('nowhere');
    daemon.shutdown();
    expect((await daemon.run()).outcome).toBe('graceful');
  });

  test('a log file that cannot be opened fails run() with IO before any subsystem starts, reported once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'daemon-log-'));
    try {
      const file = join(dir, 'is-a-folder');
      await mkdir(file);
      let ran = false;
      const reported: unknown[] = [];
      const daemon = Daemon.builder(configBuilder().logging({ file }).build())
        .withTask('never', async () => {
          ran = true;
        })
        .withoutSignals()
        .onError((error) => reported.push(error))
        .build();
      await expect(daemon.run()).rejects.toMatchObject({ code: 'io' });
      expect(ran).toBe(false);
      // The rejection is the report; onError is for errors the daemon survives.
      expect(reported).toEqual([]);
      expect(daemon.state).toBe('stopped');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('builder validation: duplicate task names and bad signals name the field', () => {
    expect(
      daemonErrorOf(() =>
        Daemon.builder(defaultConfig())
          .withTask('x', async () => {})
          .withTask('x', async () => {})
          .build(),
      ).field,
    ).toBe('subsystems[1].name');
    expect(daemonErrorOf(() => Daemon.builder(defaultConfig()).withSignals(['SIGKILL'])).field).toBe('signals[0]');
    expect(daemonErrorOf(() => Daemon.builder(defaultConfig()).withSignals(['NOPE' as NodeJS.Signals])).field).toBe(
      'signals[0]',
    );
    expect(daemonErrorOf(() => Daemon.builder(defaultConfig()).withSignals([])).field).toBe('signals');
  });
});
