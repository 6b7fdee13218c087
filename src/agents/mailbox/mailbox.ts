/**
 * A bounded FIFO mailbox (ring buffer). `push` refuses a message when full, so
 * the sender sees back-pressure instead of a silent drop; `whenWritable`
 * resolves once there is room again.
 */
export class Mailbox<T> {
  readonly capacity: number;
  private readonly slots: (T | undefined)[];
  private head = 0;
  private size = 0;
  private waiters: (() => void)[] = [];

  constructor(capacity: number) {
    this.capacity = capacity;
    this.slots = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  get isFull(): boolean {
    return this.size === this.capacity;
  }

  get free(): number {
    return this.capacity - this.size;
  }

  /** Appends a message; false when the mailbox is full (nothing is stored). */
  push(item: T): boolean {
    if (this.size === this.capacity) return false;
    let index = this.head + this.size;
    if (index >= this.capacity) index -= this.capacity;
    this.slots[index] = item;
    this.size++;
    return true;
  }

  /** Removes and returns the oldest message, or undefined when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.size--;
    if (this.waiters.length > 0) this.wakeWriters();
    return item;
  }

  /** Removes every message (oldest first), e.g. to fail them when the agent is gone. */
  drainAll(): T[] {
    const items: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) items.push(item);
    return items;
  }

  /** Resolves when at least one slot is free (at once if one is free now). */
  whenWritable(): Promise<void> {
    if (this.size < this.capacity) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Wakes every writer waiting for room (also used when the mailbox is closed). */
  wakeWriters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
