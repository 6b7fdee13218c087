/**
 * A FIFO with a capacity. `tryPush` refuses when full; `push` waits for room.
 * `take` waits for an item. Closing rejects every waiter with the given error.
 */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private readonly roomWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private readonly itemWaiters: Array<{ resolve: (item: T) => void; reject: (error: Error) => void }> = [];
  private closedWith: Error | null = null;

  constructor(
    readonly capacity: number,
    /** Called after every push, e.g. to wake a consumer that polls several queues. */
    private readonly onPush: () => void = () => undefined,
  ) {}

  get size(): number {
    return this.items.length;
  }

  get isFull(): boolean {
    return this.items.length >= this.capacity;
  }

  tryPush(item: T): boolean {
    if (this.closedWith) throw this.closedWith;
    const taker = this.itemWaiters.shift();
    if (taker) {
      taker.resolve(item);
      return true;
    }
    if (this.isFull) return false;
    this.items.push(item);
    this.onPush();
    return true;
  }

  async push(item: T): Promise<void> {
    while (!this.tryPush(item)) {
      await new Promise<void>((resolve, reject) => this.roomWaiters.push({ resolve, reject }));
    }
  }

  tryShift(): T | undefined {
    const item = this.items.shift();
    if (item !== undefined) this.roomWaiters.shift()?.resolve();
    return item;
  }

  take(): Promise<T> {
    const item = this.tryShift();
    if (item !== undefined) return Promise.resolve(item);
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<T>((resolve, reject) => this.itemWaiters.push({ resolve, reject }));
  }

  /** Removes and returns every queued item. */
  drain(): T[] {
    const drained = this.items.splice(0, this.items.length);
    for (const waiter of this.roomWaiters.splice(0, drained.length)) waiter.resolve();
    return drained;
  }

  close(error: Error): void {
    if (this.closedWith) return;
    this.closedWith = error;
    for (const waiter of this.roomWaiters.splice(0)) waiter.reject(error);
    for (const waiter of this.itemWaiters.splice(0)) waiter.reject(error);
  }
}
