/**
 * A sleep that a wake-up cuts short. A wake that arrives while nobody sleeps
 * is remembered, so the next sleep returns at once and no work is missed.
 */
export class WakeSignal {
  private pending = false;
  private resolveSleep: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  wake(): void {
    if (this.resolveSleep) this.finish();
    else this.pending = true;
  }

  /** Resolves after `ms` or on the next wake, whichever comes first; reports which. */
  sleep(ms: number): Promise<'woken' | 'timeout'> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve('woken');
    }
    return new Promise((resolve) => {
      this.resolveSleep = () => resolve('woken');
      this.timer = setTimeout(() => {
        this.resolveSleep = undefined;
        this.timer = undefined;
        resolve('timeout');
      }, ms);
    });
  }

  private finish(): void {
    const resolve = this.resolveSleep;
    this.resolveSleep = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    resolve?.();
  }
}
