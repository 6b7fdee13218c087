import { isProcmanError } from '../errors.js';
import { RwLock } from './rw-lock.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RwLock', () => {
  it('lets readers share the lock', async () => {
    const lock = new RwLock();
    const gate = deferred();
    const first = lock.read(() => gate.promise);
    const second = lock.read(() => 'second');
    expect(await second).toBe('second');
    gate.resolve();
    await first;
  });

  it('holds the write lock across the awaits of its holder, and queues readers behind a waiting writer', async () => {
    const lock = new RwLock();
    const order: string[] = [];
    const readGate = deferred();
    const reading = lock.read(async () => {
      await readGate.promise;
      order.push('read1');
    });
    const writeGate = deferred();
    const writing = lock.write(async () => {
      order.push('write:start');
      await writeGate.promise;
      order.push('write:end');
    });
    const lateRead = lock.read(() => order.push('read2'));
    await settle();
    expect(order).toEqual([]); // the late reader does not overtake the waiting writer
    readGate.resolve();
    await reading;
    await settle();
    expect(order).toEqual(['read1', 'write:start']);
    writeGate.resolve();
    await Promise.all([writing, lateRead]);
    expect(order).toEqual(['read1', 'write:start', 'write:end', 'read2']);
    expect(lock.state).toEqual({ readers: 0, writer: false, waiting: 0 });
  });

  it('releases the lock when the holder throws', async () => {
    const lock = new RwLock();
    await expect(lock.write(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.read(() => 'free')).toBe('free');
  });

  it('leaves the queue when a waiter is aborted, letting the waiters behind it go', async () => {
    const lock = new RwLock();
    const holder = deferred();
    const reading = lock.read(() => holder.promise);
    const controller = new AbortController();
    const writer = lock.write(() => 'never', controller.signal);
    const reader = lock.read(() => 'reader behind the writer');
    controller.abort();
    const error: unknown = await writer.catch((e: unknown) => e);
    expect(isProcmanError(error, 'aborted')).toBe(true);
    expect(await reader).toBe('reader behind the writer');
    holder.resolve();
    await reading;
  });
});
