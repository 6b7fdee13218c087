/** Races a promise against a timer; the loser is left to settle on its own (its rejection is swallowed). */
export type Timed<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'timeout' };

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<Timed<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ kind: 'done', value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
