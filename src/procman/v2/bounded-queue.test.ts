import { BoundedQueue } from './bounded-queue.js';

describe('BoundedQueue', () => {
  it('refuses a push beyond capacity and lets a waiting sender in once there is room', async () => {
    const queue = new BoundedQueue<number>(2);
    expect(queue.tryPush(1)).toBe(true);
    expect(queue.tryPush(2)).toBe(true);
    expect(queue.tryPush(3)).toBe(false);
    let sent = false;
    const waiting = queue.push(3).then(() => (sent = true));
    await Promise.resolve();
    expect(sent).toBe(false);
    expect(queue.tryShift()).toBe(1);
    await waiting;
    expect([queue.tryShift(), queue.tryShift(), queue.tryShift()]).toEqual([2, 3, undefined]);
  });

  it('hands an item straight to a waiting taker', async () => {
    const queue = new BoundedQueue<string>(1);
    const taken = queue.take();
    expect(queue.tryPush('a')).toBe(true);
    expect(await taken).toBe('a');
    expect(queue.size).toBe(0);
  });

  it('rejects waiting senders and takers when closed, and later pushes', async () => {
    const full = new BoundedQueue<number>(1);
    full.tryPush(1);
    const sender = full.push(2);
    full.close(new Error('closed'));
    await expect(sender).rejects.toThrow('closed');
    expect(() => full.tryPush(3)).toThrow('closed');
    const empty = new BoundedQueue<number>(1);
    const taker = empty.take();
    empty.close(new Error('gone'));
    await expect(taker).rejects.toThrow('gone');
  });
});
