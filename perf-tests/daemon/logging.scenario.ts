/**
 * The seed's logging case (its v1.1.0 notes: "per-log-line latency under high
 * logging volume", the rotating log writer), as Criterion-style
 * micro-benchmarks of the library's RotatingLogWriter on a real file in a
 * temporary folder, the file rotating under the benchmark:
 *
 *   logLineNs             a burst of LINES_PER_BURST lines handed to the writer, then `flush()`
 *                         (all of them written to the file), divided by the lines: one line
 *                         with its share of the batched write and of the rotations (the file
 *                         rotates every ~40 bursts)
 *   logLineConcurrentNs   a round of CONCURRENT_LOGGERS async loggers handing in LINES_PER_LOGGER
 *                         lines each and yielding to the event loop between lines, so the
 *                         writer's batches, and in about one round in ten a rotation, run
 *                         between their lines; then `flush()`; divided by the lines
 *
 * Each has a reference, measured in the same trial and not gated: the same
 * burst or round with every line written by its own `fs.writeSync` (a writer
 * that does not batch), to a file truncated at the same size (cheaper than
 * rotating): `syncWriteLineNs`, `syncWriteLineConcurrentNs`. And
 * `<bench>LinesPerWrite`, the lines per write call the writer made (not gated).
 *
 * The scenario fails if a benchmark saw no rotation or lost a line.
 */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { microBenchAsync } from '../../src/harness/load/micro-bench.js';
import { recordMicroBench } from '../../src/harness/load/record-micro-bench.js';
import { median } from '../../src/harness/stats/median.js';
import { defineScenario, type ScenarioContext } from '../../src/harness/scenario.js';
import type { LogWriterStats, RotatingLogWriter } from '../../src/daemon/index.js';
import { loadCompiledDaemon } from './support/compiled-daemon.js';
import { microBenchOptions } from './support/micro-bench-options.js';
import { perOperation } from './support/per-operation.js';

/** A 100-byte line, newline included, like a daemon's request log. */
const LINE = '2026-12-06T03:00:00.000Z INFO  subsystem-17 request handled status=200 latencyUs=123 id=00001234567';
const LINES_PER_BURST = 256;
const BURST_MAX_BYTES = 1024 * 1024;
const CONCURRENT_LOGGERS = 64;
const LINES_PER_LOGGER = 4;
/**
 * Ten rounds' bytes (64 × 4 lines of 100 bytes each): a rotation happens under the loggers
 * about every tenth round. Files rotated every round measure the rename latency of the
 * disk, not a line (docs/decisions.md, "Log lines are batched").
 */
const CONCURRENT_MAX_BYTES = 256 * 1024;
const MAX_FILES = 4;

/** What a benchmark logs to: the writer, or the synchronous reference. */
interface LineSink {
  write(line: string): void;
  flush(): Promise<void> | void;
}

/**
 * The reference: every line written with its own `fs.writeSync` (it writes the line it
 * was made with, so both sides encode the same text), the file truncated when it would
 * pass `maxBytes`.
 */
function syncLineWriter(fd: number, lineWithNewline: string, maxBytes: number): LineSink {
  const lineBytes = Buffer.byteLength(lineWithNewline);
  let fileBytes = 0;
  return {
    write() {
      if (fileBytes + lineBytes > maxBytes) {
        ftruncateSync(fd, 0);
        fileBytes = 0;
      }
      writeSync(fd, lineWithNewline);
      fileBytes += lineBytes;
    },
    flush() {},
  };
}

/** Fails the trial unless the writer wrote every line it was given and rotated during the benchmark. */
function checkWriter(name: string, stats: LogWriterStats): void {
  if (stats.linesWritten !== stats.linesHandedIn || stats.droppedLines !== 0) {
    throw new Error(`${name}: ${stats.linesHandedIn} lines handed in, ${stats.linesWritten} written`);
  }
  if (stats.rotations === 0)
    throw new Error(`${name}: the log file never rotated; the benchmark is not under rotation`);
}

function noteWriter(ctx: ScenarioContext<unknown>, name: string, stats: LogWriterStats): void {
  ctx.value(`${name}LinesPerWrite`, 'ratio', stats.linesWritten / stats.writeCalls, {
    gate: false,
    direction: 'bigger',
  });
  ctx.note(`${name}.rotations`, stats.rotations);
  ctx.note(`${name}.batches`, stats.batches);
  ctx.note(`${name}.linesWritten`, stats.linesWritten);
}

export default defineScenario(async (ctx) => {
  const options = microBenchOptions(ctx.profile);
  const compiled = await loadCompiledDaemon();
  const writers: RotatingLogWriter[] = [];
  let dir: string | undefined;
  const syncFds: number[] = [];
  try {
    const { RotatingLogWriter } = compiled.library;
    const logDir = await mkdtemp(join(tmpdir(), 'planebench-daemon-log-'));
    dir = logDir;

    const lineWithNewline = `${LINE}\n`;
    const lineBytes = Buffer.byteLength(lineWithNewline);
    const syncLog = (name: string, maxBytes: number): LineSink => {
      const fd = openSync(join(logDir, name), 'a');
      syncFds.push(fd);
      return syncLineWriter(fd, lineWithNewline, maxBytes);
    };

    const burst = (log: LineSink) => async (): Promise<void> => {
      for (let i = 0; i < LINES_PER_BURST; i += 1) log.write(LINE);
      await log.flush();
    };
    const round = (log: LineSink) => {
      const logger = async (): Promise<void> => {
        for (let i = 0; i < LINES_PER_LOGGER; i += 1) {
          log.write(LINE);
          await nextTurn();
        }
      };
      return async (): Promise<void> => {
        const loggers: Promise<void>[] = [];
        for (let l = 0; l < CONCURRENT_LOGGERS; l += 1) loggers.push(logger());
        await Promise.all(loggers);
        await log.flush();
      };
    };
    /**
     * One benchmark: its reference (every line its own `fs.writeSync`, not gated) first, then
     * the writer in its own folder, checked and noted. `metric` names it (`logLineNs`); its
     * notes drop the unit (`logLine.rotations`).
     */
    const measureWriter = async (bench: {
      readonly metric: string;
      readonly referenceMetric: string;
      readonly folder: string;
      readonly maxBytes: number;
      readonly linesPerIteration: number;
      readonly iteration: (log: LineSink) => () => Promise<void>;
    }): Promise<void> => {
      const reference = await microBenchAsync(
        bench.iteration(syncLog(`sync-${bench.folder}.log`, bench.maxBytes)),
        options,
      );
      ctx.value(
        `${bench.referenceMetric}.median`,
        'durationNs',
        median(perOperation(reference, bench.linesPerIteration).perIterationNs),
        { gate: false },
      );
      const writer = new RotatingLogWriter({
        file: join(logDir, bench.folder, 'daemon.log'),
        maxBytes: bench.maxBytes,
        maxFiles: MAX_FILES,
      });
      writers.push(writer);
      await writer.open();
      const result = await microBenchAsync(bench.iteration(writer), options);
      recordMicroBench(ctx, bench.metric, perOperation(result, bench.linesPerIteration));
      checkWriter(bench.metric, writer.stats());
      noteWriter(ctx, bench.metric.replace(/Ns$/, ''), writer.stats());
    };

    await measureWriter({
      metric: 'logLineNs',
      referenceMetric: 'syncWriteLineNs',
      folder: 'burst',
      maxBytes: BURST_MAX_BYTES,
      linesPerIteration: LINES_PER_BURST,
      iteration: burst,
    });
    await measureWriter({
      metric: 'logLineConcurrentNs',
      referenceMetric: 'syncWriteLineConcurrentNs',
      folder: 'concurrent',
      maxBytes: CONCURRENT_MAX_BYTES,
      linesPerIteration: CONCURRENT_LOGGERS * LINES_PER_LOGGER,
      iteration: round,
    });

    ctx.note('lineBytes', lineBytes);
    ctx.note('linesPerBurst', LINES_PER_BURST);
    ctx.note('concurrentLoggers', CONCURRENT_LOGGERS);
    ctx.note('linesPerLogger', LINES_PER_LOGGER);
    ctx.note('maxFiles', MAX_FILES);
    ctx.note('measuredCode', 'src/daemon transpiled to ES2022 by TypeScript, run in plain Node (not through tsx)');
  } finally {
    for (const fd of syncFds) closeSync(fd);
    await Promise.allSettled(writers.map((writer) => writer.close()));
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    await compiled.release();
  }
});
