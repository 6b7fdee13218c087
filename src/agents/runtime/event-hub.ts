/** A small typed event hub with `next`, a promise of the next matching event (tests wait on events, not sleeps). */
export class EventHub<M extends object> {
  private readonly listeners = new Map<keyof M, Set<(payload: never) => void>>();

  on<K extends keyof M>(name: K, listener: (payload: M[K]) => void): () => void {
    const set = this.listeners.get(name) ?? new Set<(payload: never) => void>();
    this.listeners.set(name, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  next<K extends keyof M>(name: K, matches: (payload: M[K]) => boolean = () => true): Promise<M[K]> {
    return new Promise((resolve) => {
      const off = this.on(name, (payload) => {
        if (!matches(payload)) return;
        off();
        resolve(payload);
      });
    });
  }

  emit<K extends keyof M>(name: K, payload: M[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) (listener as (payload: M[K]) => void)(payload);
  }
}
