/**
 * The contract both managers meet, on real processes: lifecycle, SIGKILL
 * escalation, whole-group kill, cancellation, unexpected exits, and no process
 * left behind.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProcessManager } from './create-process-manager.js';
import type { ProcmanVariant } from './create-process-manager.js';
import { isProcmanError } from './errors.js';
import { isLivingPid, newTag, survivorsOf } from './testing/leak-check.js';
import { gatedProcessSpec, gateFilesIn, plainProcessSpec } from './testing/test-processes.js';
import { waitForFile } from './testing/wait-for-file.js';
import type { ProcessInfo, ProcessManager } from './types.js';

jest.setTimeout(20_000);

const FILE_TIMEOUT_MS = 10_000;

/** Polls the manager's own queries until `predicate` holds (bounded). */
async function waitForInfo(
  manager: ProcessManager,
  id: string,
  predicate: (info: ProcessInfo) => boolean,
): Promise<ProcessInfo> {
  const deadline = Date.now() + FILE_TIMEOUT_MS;
  for (;;) {
    const info = await manager.getProcessInfo(id);
    if (predicate(info)) return info;
    if (Date.now() > deadline)
      throw new Error(`Process ${id} never reached the expected state: ${JSON.stringify(info)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each<ProcmanVariant>(['v1', 'v2'])('procman %s', (variant) => {
  let manager: ProcessManager;
  let tag: string;
  let dir: string;

  beforeEach(() => {
    tag = newTag(`procman-unit-${variant}`);
    dir = mkdtempSync(join(tmpdir(), 'procman-unit-'));
    manager = createProcessManager(variant, { heartbeatIntervalMs: 0, gracePeriodMs: 5_000 });
  });

  afterEach(async () => {
    for (const name of ['gated', 'g']) writeFileSync(gateFilesIn(dir, name).gate, 'go\n');
    await manager.shutdown({ gracePeriodMs: 500 }).catch(() => undefined);
    const survivors = survivorsOf(tag);
    rmSync(dir, { recursive: true, force: true });
    expect(survivors).toEqual([]);
  });

  it('starts, reports, stops and starts again', async () => {
    const spec = plainProcessSpec('p', { tag });
    const started = await manager.start(spec);
    expect(started.kind).toBe('started');
    expect(started.info).toMatchObject({ id: 'p', state: 'running', restartCount: 0 });
    const pid = started.info.pid as number;
    expect(isLivingPid(pid)).toBe(true);

    expect((await manager.start(spec)).kind).toBe('already-running');
    expect(await manager.getAllProcessInfo()).toEqual([expect.objectContaining({ id: 'p', pid, state: 'running' })]);

    const stopped = await manager.stop('p');
    expect(stopped.kind).toBe('exited');
    expect(stopped.info.state).toBe('stopped');
    expect(stopped.info.lastExit?.signal).toBe('SIGTERM');
    expect(isLivingPid(pid)).toBe(false);
    expect((await manager.stop('p')).kind).toBe('already-stopped');

    const again = await manager.start(spec);
    expect(again.info).toMatchObject({ state: 'running', restartCount: 1 });
    expect(again.info.pid).not.toBe(pid);

    const restarted = await manager.restart('p');
    expect(restarted).toMatchObject({ stop: 'exited', info: { state: 'running', restartCount: 2 } });
    expect(restarted.info.pid).not.toBe(again.info.pid);
  });

  it('rejects unknown ids and invalid arguments with errors that say why', async () => {
    await expect(manager.stop('missing')).rejects.toMatchObject({ code: 'not-found' });
    await expect(manager.getProcessInfo('missing')).rejects.toMatchObject({ code: 'not-found' });
    expect(() => manager.start({ id: '', command: 'x' })).toThrow(
      'Expected `spec.id` to be a non-empty string, got `` (string)',
    );
    expect(() => manager.stop('p', { gracePeriodMs: -1 })).toThrow(
      'Expected `gracePeriodMs` to be a non-negative integer, got `-1` (number)',
    );
  });

  it('escalates to SIGKILL when a process ignores SIGTERM for the grace period', async () => {
    const files = gateFilesIn(dir, 'stubborn');
    await manager.start(gatedProcessSpec('stubborn', files, { tag, ignoreSigterm: true }));
    await waitForFile(files.ready, FILE_TIMEOUT_MS); // its SIGTERM handler is installed
    const stopped = await manager.stop('stubborn', { gracePeriodMs: 200 });
    expect(stopped.kind).toBe('killed');
    expect(stopped.info.state).toBe('stopped');
    expect(stopped.info.lastExit?.signal).toBe('SIGKILL');
  });

  it('kills the whole process group, so no descendant survives a stop', async () => {
    const files = gateFilesIn(dir, 'g');
    await manager.start(gatedProcessSpec('g', files, { tag, descendant: true }));
    await waitForFile(files.ready, FILE_TIMEOUT_MS);
    const grandchild = Number(readFileSync(files.ready, 'utf8').split('\n')[1]);
    expect(isLivingPid(grandchild)).toBe(true);
    writeFileSync(files.gate, 'go\n'); // the leader exits at once on SIGTERM; the grandchild ignores it
    expect((await manager.stop('g')).kind).toBe('exited');
    expect(isLivingPid(grandchild)).toBe(false);
  });

  it('records a spawn failure as a failed process', async () => {
    await expect(manager.start({ id: 'bad', command: join(dir, 'no-such-binary') })).rejects.toMatchObject({
      code: 'spawn-failed',
    });
    expect(await manager.getProcessInfo('bad')).toMatchObject({ state: 'failed', pid: null });
  });

  it('marks a process that dies on its own as failed', async () => {
    const { info } = await manager.start(plainProcessSpec('victim', { tag }));
    process.kill(info.pid as number, 'SIGKILL');
    const failed = await waitForInfo(manager, 'victim', (i) => i.state === 'failed');
    expect(failed.lastExit).toMatchObject({ signal: 'SIGKILL' });
  });

  it('cancels an in-flight stop: the caller is released, the process stays stopping until it exits', async () => {
    const files = gateFilesIn(dir, 'gated');
    await manager.start(gatedProcessSpec('gated', files, { tag }));
    await waitForFile(files.ready, FILE_TIMEOUT_MS);
    const controller = new AbortController();
    const stopping = manager.stop('gated', { signal: controller.signal });
    stopping.catch(() => undefined);
    await waitForFile(files.ack, FILE_TIMEOUT_MS);
    controller.abort(new Error('caller gave up'));
    const error: unknown = await stopping.catch((e: unknown) => e);
    expect(isProcmanError(error, 'aborted')).toBe(true);

    expect(await manager.getProcessInfo('gated')).toMatchObject({ state: 'stopping' });
    writeFileSync(files.gate, 'go\n');
    await waitForInfo(manager, 'gated', (i) => i.state === 'stopped');
    expect(['already-stopped', 'exited']).toContain((await manager.stop('gated')).kind);
  });

  it('drops an operation whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      manager.start(plainProcessSpec('never', { tag }), { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'aborted',
    });
  });

  it('refuses operations after shutdown and leaves nothing running', async () => {
    const pids = await Promise.all(
      ['a', 'b', 'c'].map(async (id) => (await manager.start(plainProcessSpec(id, { tag }))).info.pid as number),
    );
    await manager.shutdown();
    expect(pids.filter(isLivingPid)).toEqual([]);
    await expect(manager.start(plainProcessSpec('d', { tag }))).rejects.toMatchObject({ code: 'manager-closed' });
    expect((await manager.getAllProcessInfo()).map((i) => i.state)).toEqual(['stopped', 'stopped', 'stopped']);
  });

  it('fills in memory from the heartbeat', async () => {
    await manager.shutdown();
    manager = createProcessManager(variant, { heartbeatIntervalMs: 20 });
    await manager.start(plainProcessSpec('watched', { tag }));
    const info = await waitForInfo(manager, 'watched', (i) => i.memoryBytes !== null);
    expect(info.memoryBytes).toBeGreaterThan(0);
  });
});

describe('queries during a gated stop', () => {
  it.each<[ProcmanVariant, boolean]>([
    ['v1', false],
    ['v2', true],
  ])('%s answers a query before the stop finishes: %s', async (variant, answersFirst) => {
    const tag = newTag(`procman-unit-order-${variant}`);
    const dir = mkdtempSync(join(tmpdir(), 'procman-unit-'));
    const manager = createProcessManager(variant, { heartbeatIntervalMs: 0 });
    const files = gateFilesIn(dir, 'gated');
    try {
      await manager.start(gatedProcessSpec('gated', files, { tag }));
      await manager.start(plainProcessSpec('other', { tag }));
      await waitForFile(files.ready, FILE_TIMEOUT_MS);
      const order: string[] = [];
      const stopping = manager.stop('gated').then(() => order.push('stop'));
      await waitForFile(files.ack, FILE_TIMEOUT_MS);
      const query = manager.getAllProcessInfo().then((infos) => {
        order.push('query');
        return infos;
      });
      // Open the gate only after the query had every chance to be answered.
      await Promise.race([query, new Promise((resolve) => setTimeout(resolve, 200))]);
      writeFileSync(files.gate, 'go\n');
      const [infos] = await Promise.all([query, stopping]);
      expect(order[0] === 'query').toBe(answersFirst);
      if (answersFirst) {
        expect(infos.find((i) => i.id === 'gated')).toMatchObject({ state: 'stopping', busy: true });
      }
    } finally {
      writeFileSync(files.gate, 'go\n');
      await manager.shutdown({ gracePeriodMs: 500 });
      rmSync(dir, { recursive: true, force: true });
    }
    expect(survivorsOf(tag)).toEqual([]);
  });
});
