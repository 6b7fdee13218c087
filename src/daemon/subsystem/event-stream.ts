/**
 * A push-based stream of events: listeners are called synchronously, and
 * `[Symbol.asyncIterator]` buffers events for `for await`. Emitting with no
 * subscriber costs one check.
 */
type Listener<T> = (event: T) => void;

export class EventStream<T> implements AsyncIterable<T> {
  #listeners: Listener<T>[] | null = null;

  get hasSubscribers(): boolean {
    return this.#listeners !== null;
  }

  emit(event: T): void {
    const listeners = this.#listeners;
    if (listeners === null) return;
    for (const listener of listeners.slice()) listener(event);
  }

  subscribe(listener: Listener<T>): () => void {
    (this.#listeners ??= []).push(listener);
    return () => {
      const list = this.#listeners;
      if (list === null) return;
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.#listeners = null;
    };
  }

  /** The next event that satisfies `predicate`. */
  next(predicate: (event: T) => boolean = () => true): Promise<T> {
    return new Promise((resolve) => {
      const unsubscribe = this.subscribe((event) => {
        if (!predicate(event)) return;
        unsubscribe();
        resolve(event);
      });
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    const buffered: T[] = [];
    let waiting: ((result: IteratorResult<T>) => void) | null = null;
    let closed = false;
    const unsubscribe = this.subscribe((event) => {
      if (waiting !== null) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: event, done: false });
      } else buffered.push(event);
    });
    const done: IteratorResult<T> = { value: undefined, done: true };
    return {
      next: () => {
        const event = buffered.shift();
        if (event !== undefined) return Promise.resolve({ value: event, done: false });
        if (closed) return Promise.resolve(done);
        return new Promise((resolve) => (waiting = resolve));
      },
      return: () => {
        closed = true;
        unsubscribe();
        waiting?.(done);
        waiting = null;
        return Promise.resolve(done);
      },
    };
  }
}
