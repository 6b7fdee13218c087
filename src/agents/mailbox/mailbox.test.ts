import { Mailbox } from './mailbox.js';

describe('Mailbox', () => {
  it('keeps FIFO order across the ring boundary', () => {
    const box = new Mailbox<number>(3);
    expect(box.push(1)).toBe(true);
    expect(box.push(2)).toBe(true);
    expect(box.shift()).toBe(1);
    expect(box.push(3)).toBe(true);
    expect(box.push(4)).toBe(true);
    expect([box.shift(), box.shift(), box.shift(), box.shift()]).toEqual([2, 3, 4, undefined]);
  });

  it('refuses a message when full and stores nothing', () => {
    const box = new Mailbox<string>(2);
    box.push('a');
    box.push('b');
    expect(box.isFull).toBe(true);
    expect(box.push('c')).toBe(false);
    expect(box.drainAll()).toEqual(['a', 'b']);
    expect(box.length).toBe(0);
  });

  it('wakes a waiting writer when a slot frees up', async () => {
    const box = new Mailbox<number>(1);
    box.push(1);
    let woken = false;
    const writable = box.whenWritable().then(() => {
      woken = true;
    });
    await Promise.resolve();
    expect(woken).toBe(false);
    box.shift();
    await writable;
    expect(woken).toBe(true);
    expect(box.push(2)).toBe(true);
  });
});
