/**
 * The daemon library measured like its Rust original (the seed document
 * "proc-daemon-performance"):
 * six Criterion-style micro-benchmarks, stats queries under contention, log lines
 * through the rotating log writer (alone and from 64 loggers), memory
 * (per subsystem, per config, of signal handling), and SIGTERM → exit of a real
 * daemon process. The assertions are architectural bounds with wide
 * margins; the baseline gate catches drift.
 */
import { byProfile, duetBaseTree, findMetric, measureScenario, resolveProfile } from '../../src/harness/index.js';
import { buildDaemon, DAEMON_BUILD_VARIABLE, type DaemonBuild } from './support/compiled-daemon.js';

const suite = 'daemon';
/** Jest's limit per test: the trials' own limits plus room for a loaded machine. */
const TEST_TIMEOUT_MS = 300_000;
/**
 * The memory scenario's gated heap deltas need 7–8 twin pairs to catch a doubling and a pair costs
 * 6 s, so it runs 4 trials a side (docs/decisions.md, "Trials go where the noise needs them and a
 * pair is cheap").
 */
const MEMORY_TRIALS = byProfile(resolveProfile(), { smoke: 1, ci: 4, full: 5 });

const builds: DaemonBuild[] = [];
/** The trials' environments: this tree's compiled copy and, in a duet run, the base tree's for its trials. */
let buildEnv: { env: Record<string, string>; baseEnv?: Record<string, string> };

beforeAll(async () => {
  // One compiled copy of the library for every scenario child (see compiled-daemon.ts).
  const envOf = async (tree?: string): Promise<Record<string, string>> => {
    const build = await buildDaemon(tree);
    builds.push(build);
    return { [DAEMON_BUILD_VARIABLE]: build.root };
  };
  const baseTree = duetBaseTree();
  buildEnv = { env: await envOf(), ...(baseTree ? { baseEnv: await envOf(baseTree) } : {}) };
}, 60_000);

afterAll(async () => {
  await Promise.all(builds.map((build) => build.remove()));
});

/**
 * The micro-benchmarks' bounds, ~10-50x above what a loaded machine measures:
 * they fail when a change adds real work (a timer, a process listener, I/O),
 * not on noise.
 */
const MICRO_BOUNDS_NS: Readonly<Record<string, number>> = {
  configBuildNs: 2_000,
  daemonCreationNs: 10_000,
  subsystemRegistrationNs: 20_000,
  shutdownCoordinationNs: 100_000,
  errorCreationNs: 1_000,
  errorChainNs: 2_000,
};

/**
 * A line of a burst through the writer costs less than one synchronous write per line divided
 * by this: cheaper than writing each line itself. How much cheaper is the host's (a write
 * system call against an I/O round trip through libuv's thread pool) and goes to the gate as
 * `overReference`.
 */
const LOG_LINE_SPEEDUP = 1;
/**
 * A line from the 64 loggers costs less than this many synchronous writes. Whether it costs
 * less than one depends on the machine's state of the hour (each round's flush waits for one
 * round trip through the thread pool), so that comparison is the gate's; a writer that sent
 * each line through the thread pool costs about five, and one that wrote each line itself
 * fails the lines-per-write bound (docs/decisions.md, "Log lines are batched").
 */
const CONCURRENT_LINE_SYNC_WRITES = 2;
/** A batched write carries more lines than this. */
const MIN_LINES_PER_WRITE = 8;

function expectMicroBounds(median: (name: string) => number): void {
  for (const [name, boundNs] of Object.entries(MICRO_BOUNDS_NS)) expect(median(name)).toBeLessThan(boundNs);
}

describe('daemon library', () => {
  test(
    'micro-benchmarks: building, configuring and shutting down a daemon cost microseconds; errors cost no stack trace',
    async () => {
      const result = await measureScenario({
        suite,
        scenario: 'micro',
        module: new URL('./micro.scenario.ts', import.meta.url),
        timeoutMs: 120_000,
        ...buildEnv,
      });
      const median = (name: string): number => findMetric(result, `${name}.median`).value;
      expectMicroBounds(median);
      // Creating an error must not capture a V8 stack trace by default (errorCreationNs's bound is
      // below one capture's cost); and it is cheaper than creating one that does.
      expect(median('errorCreationNs')).toBeLessThan(findMetric(result, 'errorCreationWithStackNs.median').value);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'micro-benchmarks with metrics: a daemon that counts what it does still builds and shuts down in microseconds',
    async () => {
      const result = await measureScenario({
        suite,
        scenario: 'micro',
        variant: 'metrics',
        module: new URL('./micro.scenario.ts', import.meta.url),
        params: { metrics: true },
        timeoutMs: 120_000,
        ...buildEnv,
      });
      const median = (name: string): number => findMetric(result, `${name}.median`).value;
      // The default variant's bounds: counting is a few map updates per event, not new work.
      expectMicroBounds(median);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'contention: a stats query of 100 subsystems costs microseconds, also with 64 in flight while a subsystem restarts',
    async () => {
      const result = await measureScenario({
        suite,
        scenario: 'contention',
        module: new URL('./contention.scenario.ts', import.meta.url),
        timeoutMs: 120_000,
        ...buildEnv,
      });
      const median = (name: string): number => findMetric(result, `${name}.median`).value;
      // One stats() walks 100 entries: a few µs. The bounds fail when a query does I/O or
      // waits (on a timer, on the restart, on other queries): then it costs tens of µs or more.
      expect(median('statsQueryNs')).toBeLessThan(100_000);
      expect(median('statsQueryConcurrentNs')).toBeLessThan(100_000);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    "logging: a burst's line costs less than a synchronous write, one from 64 loggers less than two; a write carries many lines, the file rotating under them",
    async () => {
      const result = await measureScenario({
        suite,
        scenario: 'logging',
        module: new URL('./logging.scenario.ts', import.meta.url),
        timeoutMs: 120_000,
        ...buildEnv,
      });
      const median = (name: string): number => findMetric(result, `${name}.median`).value;
      // The writer queues a line and writes hundreds with one call; the references, measured
      // in the same trial with the same bursts and loggers, make one write system call per
      // line. A writer that wrote each line itself would cost about as much as its reference.
      expect(median('logLineNs') * LOG_LINE_SPEEDUP).toBeLessThan(median('syncWriteLineNs'));
      expect(median('logLineConcurrentNs')).toBeLessThan(
        CONCURRENT_LINE_SYNC_WRITES * median('syncWriteLineConcurrentNs'),
      );
      // The batching itself: one write call carries many lines (a burst's 256; the 64 loggers'
      // lines of one turn of the event loop), not one.
      expect(findMetric(result, 'logLineLinesPerWrite').value).toBeGreaterThan(MIN_LINES_PER_WRITE);
      expect(findMetric(result, 'logLineConcurrentLinesPerWrite').value).toBeGreaterThan(MIN_LINES_PER_WRITE);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'memory: a running subsystem costs kilobytes, the daemon itself little more; a config and signal handling cost under 4 KB',
    async () => {
      const result = await measureScenario({
        suite,
        scenario: 'memory',
        module: new URL('./memory.scenario.ts', import.meta.url),
        trials: MEMORY_TRIALS,
        timeoutMs: 120_000,
        ...buildEnv,
      });
      const perSubsystem = findMetric(result, 'heapPerSubsystemBytes').value;
      expect(perSubsystem).toBeGreaterThan(0);
      expect(perSubsystem).toBeLessThan(64 * 1024);
      expect(findMetric(result, 'baseDaemonHeapBytes').value).toBeLessThan(1024 * 1024);
      // 1000 subsystems take more heap than 1: the measurement sees them.
      expect(findMetric(result, 'heapDeltaN1000Bytes').value).toBeGreaterThan(
        findMetric(result, 'heapDeltaN1Bytes').value,
      );
      // The seed's Rust figures: configuration ~1-4 KB, signal handling ~512 B.
      // A config is a small frozen object; the bound fails when it grows buffers or copies.
      expect(findMetric(result, 'configHeapBytes').value).toBeLessThan(4 * 1024);
      // Signal handling is one listener per signal (the scenario checks they were installed):
      // the bound fails when it grows per-daemon state.
      expect(findMetric(result, 'signalHandlingHeapBytes').value).toBeLessThan(4 * 1024);
    },
    TEST_TIMEOUT_MS,
  );

  test(
    'shutdown latency: SIGTERM → exit is bounded by the signal, not by the 30 s health-check interval',
    async () => {
      const healthIntervalMs = 30_000;
      const result = await measureScenario({
        suite,
        scenario: 'shutdown-latency',
        module: new URL('./shutdown-latency.scenario.ts', import.meta.url),
        params: { healthIntervalMs, settleMs: 100 },
        timeoutMs: 180_000,
        ...buildEnv,
      });
      expect(findMetric(result, 'uncleanExits').value).toBe(0);
      // A loop that slept its interval would take up to 30 s; process teardown
      // takes milliseconds. One second is far from both.
      expect(findMetric(result, 'sigtermToExitUs.p99').value).toBeLessThan(1_000_000);
      expect(findMetric(result, 'sigtermToExitUs.p50').value).toBeLessThan((healthIntervalMs * 1000) / 100);
    },
    TEST_TIMEOUT_MS,
  );
});
