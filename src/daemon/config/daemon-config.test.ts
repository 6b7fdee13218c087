import { CONFIG_DEFAULTS, configBuilder, createConfig, defaultConfig, resolveWorkerThreads } from './daemon-config.js';
import { daemonErrorOf } from '../../test-support/daemon-error-of.js';

describe('config builder', () => {
  test('defaults are 5 s / 10 s / 15 s, no pid file, 30 s health checks, one worker thread per CPU, no log file', () => {
    expect(defaultConfig()).toEqual({
      name: 'daemon',
      shutdownTimeoutMs: 5_000,
      forceTimeoutMs: 10_000,
      killTimeoutMs: 15_000,
      pidFile: null,
      healthCheckIntervalMs: 30_000,
      workerThreads: 0,
      logging: null,
    });
    expect(Object.isFrozen(defaultConfig())).toBe(true);
  });

  test('builds a frozen config with every field set', () => {
    const config = configBuilder()
      .name('bench-daemon')
      .shutdownTimeoutMs(1_000)
      .forceTimeoutMs(2_000)
      .killTimeoutMs(3_000)
      .pidFile('/run/bench.pid')
      .healthCheckIntervalMs(500)
      .workerThreads(4)
      .logging({ file: '/var/log/bench.log', maxBytes: 1_000_000, maxFiles: 3, maxPendingLines: 500 })
      .build();
    expect(config).toEqual({
      name: 'bench-daemon',
      shutdownTimeoutMs: 1_000,
      forceTimeoutMs: 2_000,
      killTimeoutMs: 3_000,
      pidFile: '/run/bench.pid',
      healthCheckIntervalMs: 500,
      workerThreads: 4,
      logging: { file: '/var/log/bench.log', maxBytes: 1_000_000, maxFiles: 3, maxPendingLines: 500 },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.logging)).toBe(true);
  });

  test.each([
    ['name', () => configBuilder().name(''), 'name'],
    ['name with a space', () => configBuilder().name('my daemon'), 'name'],
    ['name too long', () => configBuilder().name('x'.repeat(65)), 'name'],
    ['negative shutdown timeout', () => configBuilder().shutdownTimeoutMs(-1), 'shutdownTimeoutMs'],
    ['zero force timeout', () => configBuilder().forceTimeoutMs(0), 'forceTimeoutMs'],
    ['fractional kill timeout', () => configBuilder().killTimeoutMs(1.5), 'killTimeoutMs'],
    ['kill timeout beyond the timer range', () => configBuilder().killTimeoutMs(2 ** 31), 'killTimeoutMs'],
    ['relative pid file', () => configBuilder().pidFile('run/x.pid'), 'pidFile'],
    ['health check every 1 ms', () => configBuilder().healthCheckIntervalMs(1), 'healthCheckIntervalMs'],
    ['NaN health interval', () => configBuilder().healthCheckIntervalMs(Number.NaN), 'healthCheckIntervalMs'],
    ['negative worker thread count', () => configBuilder().workerThreads(-1), 'workerThreads'],
    ['fractional worker thread count', () => configBuilder().workerThreads(2.5), 'workerThreads'],
    ['worker thread count beyond 1024', () => configBuilder().workerThreads(1025), 'workerThreads'],
    ['worker thread count as a string', () => configBuilder().workerThreads('4' as never), 'workerThreads'],
    ['logging section that is not an object', () => configBuilder().logging('/var/log/d.log' as never), 'logging'],
    ['log file path that is relative', () => configBuilder().logging({ file: 'd.log' }), 'logging.file'],
    ['log file missing', () => configBuilder().logging({} as never), 'logging.file'],
    ['log maxBytes of 0', () => configBuilder().logging({ file: '/l/d.log', maxBytes: 0 }), 'logging.maxBytes'],
    ['fractional log maxBytes', () => configBuilder().logging({ file: '/l/d.log', maxBytes: 1.5 }), 'logging.maxBytes'],
    [
      'log maxBytes beyond 1 TiB',
      () => configBuilder().logging({ file: '/l/d.log', maxBytes: 2 ** 41 }),
      'logging.maxBytes',
    ],
    ['log maxFiles of 0', () => configBuilder().logging({ file: '/l/d.log', maxFiles: 0 }), 'logging.maxFiles'],
    [
      'log maxFiles beyond 1000',
      () => configBuilder().logging({ file: '/l/d.log', maxFiles: 1001 }),
      'logging.maxFiles',
    ],
    [
      'log maxPendingLines of 0',
      () => configBuilder().logging({ file: '/l/d.log', maxPendingLines: 0 }),
      'logging.maxPendingLines',
    ],
    [
      'log maxPendingLines beyond 2^24',
      () => configBuilder().logging({ file: '/l/d.log', maxPendingLines: 2 ** 24 + 1 }),
      'logging.maxPendingLines',
    ],
  ])('rejects a %s, naming the field', (_label, build, field) => {
    const error = daemonErrorOf(build);
    expect(error.code).toBe('config-invalid');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(new RegExp(`^Expected \`${field}\` to be .+, got `));
  });

  test('the message names the rule and the value', () => {
    expect(daemonErrorOf(() => configBuilder().shutdownTimeoutMs(-1)).message).toBe(
      'Expected `shutdownTimeoutMs` to be an integer number of milliseconds between 1 and 2147483647, got `-1` (number)',
    );
  });

  test('the worker thread count message names the rule and the value', () => {
    expect(daemonErrorOf(() => configBuilder().workerThreads(-1)).message).toBe(
      'Expected `workerThreads` to be an integer number of threads between 0 (one per available CPU) and 1024, got `-1` (number)',
    );
  });

  test('the logging messages name the field, the rule and the value', () => {
    expect(daemonErrorOf(() => configBuilder().logging({ file: '/l/d.log', maxBytes: -1 })).message).toBe(
      'Expected `logging.maxBytes` to be an integer number of bytes between 1 and 1099511627776, got `-1` (number)',
    );
    expect(daemonErrorOf(() => configBuilder().logging({ file: '/l/d.log', maxFiles: 2.5 })).message).toBe(
      'Expected `logging.maxFiles` to be an integer number of files between 1 (the log file alone) and 1000, got `2.5` (number)',
    );
    expect(daemonErrorOf(() => configBuilder().logging({ file: 'd.log' })).message).toBe(
      'Expected `logging.file` to be an absolute path, got `d.log` (string)',
    );
  });

  test('a logging section is defaulted (10 MiB, 5 files, 128 000 pending lines) and can be removed with null', () => {
    expect(configBuilder().logging({ file: '/l/d.log' }).build().logging).toEqual({
      file: '/l/d.log',
      maxBytes: 10 * 1024 * 1024,
      maxFiles: 5,
      maxPendingLines: 128_000,
    });
    expect(configBuilder().logging({ file: '/l/d.log' }).logging(null).build().logging).toBeNull();
  });

  test('0 worker threads resolves to the available parallelism, any other count to itself', () => {
    expect(resolveWorkerThreads(configBuilder().build(), () => 6)).toBe(6);
    expect(resolveWorkerThreads(configBuilder().workerThreads(1).build(), () => 6)).toBe(1);
    expect(resolveWorkerThreads(configBuilder().workerThreads(1024).build(), () => 6)).toBe(1024);
  });

  test('force timeout must be at least the shutdown timeout', () => {
    const error = daemonErrorOf(() => configBuilder().shutdownTimeoutMs(5_000).forceTimeoutMs(2_000).build());
    expect(error.field).toBe('forceTimeoutMs');
    expect(error.message).toBe(
      'Expected `forceTimeoutMs` to be at least `shutdownTimeoutMs` (5000), got `2000` (number)',
    );
  });

  test('kill timeout must be at least the force timeout', () => {
    const error = daemonErrorOf(() => configBuilder().forceTimeoutMs(12_000).killTimeoutMs(11_000).build());
    expect(error.field).toBe('killTimeoutMs');
    expect(error.message).toBe(
      'Expected `killTimeoutMs` to be at least `forceTimeoutMs` (12000), got `11000` (number)',
    );
  });

  test('equal phase timeouts are allowed', () => {
    const config = configBuilder().shutdownTimeoutMs(100).forceTimeoutMs(100).killTimeoutMs(100).build();
    expect(config.killTimeoutMs).toBe(100);
  });

  test('the order rule is checked at build, so fields can be set in any order', () => {
    const config = configBuilder().killTimeoutMs(60_000).forceTimeoutMs(40_000).shutdownTimeoutMs(20_000).build();
    expect([config.shutdownTimeoutMs, config.forceTimeoutMs, config.killTimeoutMs]).toEqual([20_000, 40_000, 60_000]);
  });
});

describe('createConfig', () => {
  test('resolves a partial input against the defaults', () => {
    expect(createConfig({ name: 'svc', healthCheckIntervalMs: 1_000 })).toEqual({
      ...CONFIG_DEFAULTS,
      name: 'svc',
      healthCheckIntervalMs: 1_000,
    });
  });

  test('validates like the builder', () => {
    expect(daemonErrorOf(() => createConfig({ workerThreads: -2 })).field).toBe('workerThreads');
    expect(createConfig({ workerThreads: 8 }).workerThreads).toBe(8);
    expect(daemonErrorOf(() => createConfig({ shutdownTimeoutMs: 20_000 })).field).toBe('forceTimeoutMs');
    expect(daemonErrorOf(() => createConfig({ pidFile: '' })).field).toBe('pidFile');
    expect(daemonErrorOf(() => createConfig({ logging: { file: '/l/d.log', maxFiles: -1 } })).field).toBe(
      'logging.maxFiles',
    );
    expect(createConfig({ logging: { file: '/l/d.log', maxBytes: 4096 } }).logging).toEqual({
      file: '/l/d.log',
      maxBytes: 4096,
      maxFiles: 5,
      maxPendingLines: 128_000,
    });
  });

  test('rejects an unknown field of the logging section, naming it', () => {
    const error = daemonErrorOf(() => createConfig({ logging: { file: '/l/d.log', maxSize: 5 } as never }));
    expect(error.field).toBe('logging.maxSize');
    expect(error.message).toBe(
      'Unknown config field `logging.maxSize`; the fields are file, maxBytes, maxFiles, maxPendingLines',
    );
  });

  test('rejects an unknown field, naming it', () => {
    const error = daemonErrorOf(() => createConfig({ timeout: 5 } as never));
    expect(error.field).toBe('timeout');
    expect(error.message).toContain('Unknown config field `timeout`');
  });

  test('does not mutate its input', () => {
    const input = Object.freeze({ name: 'svc' });
    expect(createConfig(input).name).toBe('svc');
  });
});
