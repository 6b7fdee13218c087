import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaemonError } from '../errors/daemon-error.js';
import { logFilePath } from './rotate-log-files.js';
import { RotatingLogWriter } from './rotating-log-writer.js';
import { daemonErrorOf } from '../../test-support/daemon-error-of.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daemon-log-'));
  file = join(dir, 'daemon.log');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The lines of every log file, oldest file first. */
async function readLines(maxFiles: number): Promise<string[]> {
  const lines: string[] = [];
  for (let index = maxFiles - 1; index >= 0; index -= 1) {
    let text: string;
    try {
      text = await readFile(logFilePath(file, index), 'utf8');
    } catch {
      continue;
    }
    expect(text.endsWith('\n')).toBe(true);
    lines.push(...text.slice(0, -1).split('\n'));
  }
  return lines;
}

async function fileSizes(): Promise<number[]> {
  const names = await readdir(dir);
  return Promise.all(names.map(async (name) => (await stat(join(dir, name))).size));
}

describe('RotatingLogWriter', () => {
  test('lines come back in order and none is lost across many rotations', async () => {
    const writer = new RotatingLogWriter({ file, maxBytes: 200, maxFiles: 200 });
    const expected: string[] = [];
    for (let turn = 0; turn < 10; turn += 1) {
      for (let i = 0; i < 50; i += 1) {
        const line = `turn-${turn} line-${i}`;
        expected.push(line);
        writer.write(line);
      }
      if (turn % 3 === 0) await writer.flush();
      else await nextTurn();
    }
    await writer.close();
    expect(await readLines(200)).toEqual(expected);
    const stats = writer.stats();
    expect(stats.rotations).toBeGreaterThanOrEqual(30);
    expect(stats).toMatchObject({ linesHandedIn: 500, linesWritten: 500, droppedLines: 0, pendingLines: 0 });
    for (const size of await fileSizes()) expect(size).toBeLessThanOrEqual(200);
  });

  test('never keeps more than maxFiles files; they hold the newest lines, in order', async () => {
    const maxFiles = 3;
    const writer = new RotatingLogWriter({ file, maxBytes: 100, maxFiles });
    const expected: string[] = [];
    for (let turn = 0; turn < 20; turn += 1) {
      for (let i = 0; i < 10; i += 1) {
        const line = `t${turn}-l${i}`;
        expected.push(line);
        writer.write(line);
      }
      await writer.flush();
      expect((await readdir(dir)).length).toBeLessThanOrEqual(maxFiles);
    }
    await writer.close();
    expect((await readdir(dir)).sort()).toEqual(['daemon.log', 'daemon.log.1', 'daemon.log.2']);
    const kept = await readLines(maxFiles);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(expected.slice(expected.length - kept.length));
    expect(writer.stats().rotations).toBeGreaterThanOrEqual(10);
  });

  test('a line longer than maxBytes is written whole, in a file of its own', async () => {
    const writer = new RotatingLogWriter({ file, maxBytes: 50, maxFiles: 5 });
    const long = 'x'.repeat(200);
    writer.write('first');
    writer.write(long);
    writer.write('last');
    await writer.close();
    expect(await readFile(logFilePath(file, 2), 'utf8')).toBe('first\n');
    expect(await readFile(logFilePath(file, 1), 'utf8')).toBe(`${long}\n`);
    expect(await readFile(file, 'utf8')).toBe('last\n');
  });

  test('lines handed in during one turn of the event loop are written with one write call', async () => {
    const writer = new RotatingLogWriter({ file });
    for (let i = 0; i < 1_000; i += 1) writer.write(`line ${i}`);
    expect(writer.stats().pendingLines).toBe(1_000);
    await writer.flush();
    expect(writer.stats()).toMatchObject({ batches: 1, writeCalls: 1, linesWritten: 1_000 });
    await writer.close();
  });

  test('close() writes every line handed in, then the writer refuses lines', async () => {
    const writer = new RotatingLogWriter({ file });
    const expected = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    for (const line of expected) writer.write(line);
    const closing = writer.close();
    expect(writer.close()).toBe(closing);
    await closing;
    expect(await readLines(1)).toEqual(expected);
    const error = daemonErrorOf(() => writer.write('late'));
    expect(error.code).toBe('invalid-state');
    expect(error.message).toContain(file);
  });

  test('appends to an existing file, whose size counts toward maxBytes', async () => {
    await writeFile(file, `${'o'.repeat(89)}\n`);
    const writer = new RotatingLogWriter({ file, maxBytes: 100, maxFiles: 2 });
    writer.write('a new line');
    await writer.close();
    expect(await readFile(logFilePath(file, 1), 'utf8')).toBe(`${'o'.repeat(89)}\n`);
    expect(await readFile(file, 'utf8')).toBe('a new line\n');
  });

  test('with maxFiles 1 a rotation starts the file afresh', async () => {
    const writer = new RotatingLogWriter({ file, maxBytes: 10, maxFiles: 1 });
    for (const line of ['aaaa', 'bbbb', 'cccc']) writer.write(line);
    await writer.close();
    expect(await readdir(dir)).toEqual(['daemon.log']);
    expect(await readFile(file, 'utf8')).toBe('cccc\n');
  });

  test('creates the folder of the log file', async () => {
    file = join(dir, 'nested', 'deeper', 'daemon.log');
    const writer = new RotatingLogWriter({ file });
    writer.write('hello');
    await writer.close();
    expect(await readFile(file, 'utf8')).toBe('hello\n');
  });

  test('a file that cannot be opened: flush and close reject with IO, write throws it, lines are counted as dropped', async () => {
    await mkdir(file);
    const writer = new RotatingLogWriter({ file });
    writer.write('lost');
    const error = await writer.flush().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DaemonError);
    expect(error).toMatchObject({ code: 'io', message: `Could not open log file \`${file}\`` });
    expect(daemonErrorOf(() => writer.write('more'))).toBe(error);
    expect(writer.stats()).toMatchObject({ linesHandedIn: 1, linesWritten: 0, droppedLines: 1 });
    await expect(writer.close()).rejects.toBe(error);
  });

  test('a full queue drops new lines, counts them, and flush() still settles', async () => {
    const writer = new RotatingLogWriter({ file, maxPendingLines: 3 });
    for (let i = 0; i < 8; i += 1) writer.write(`line-${i}`);
    expect(writer.stats()).toMatchObject({ linesHandedIn: 8, pendingLines: 3, droppedWhenFull: 5, droppedLines: 5 });
    await writer.flush();
    // Written once the queue has room again: the bound is on lines waiting, not on lines ever.
    writer.write('after');
    await writer.close();
    expect(await readLines(1)).toEqual(['line-0', 'line-1', 'line-2', 'after']);
    expect(writer.stats()).toMatchObject({ linesHandedIn: 9, linesWritten: 4, droppedLines: 5 });
  });

  test.each([
    ['maxPendingLines 0', { file: '/tmp/x.log', maxPendingLines: 0 }, 'logging.maxPendingLines'],
    ['a relative file', { file: 'daemon.log' }, 'logging.file'],
    ['maxBytes 0', { file: '/tmp/x.log', maxBytes: 0 }, 'logging.maxBytes'],
    ['maxFiles 0', { file: '/tmp/x.log', maxFiles: 0 }, 'logging.maxFiles'],
  ])('bad options (%s) are config-invalid naming the field', (_label, options, field) => {
    const error = daemonErrorOf(() => new RotatingLogWriter(options));
    expect(error.code).toBe('config-invalid');
    expect(error.field).toBe(field);
  });
});
