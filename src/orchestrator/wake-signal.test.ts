import { WakeSignal } from './wake-signal.js';

describe('WakeSignal', () => {
  it('cuts a sleep short on wake', async () => {
    const signal = new WakeSignal();
    const sleeping = signal.sleep(60_000);
    signal.wake();
    await expect(sleeping).resolves.toBe('woken');
  });

  it('remembers a wake that came while nobody slept', async () => {
    const signal = new WakeSignal();
    signal.wake();
    await expect(signal.sleep(60_000)).resolves.toBe('woken');
  });

  it('times out when nobody wakes it', async () => {
    await expect(new WakeSignal().sleep(1)).resolves.toBe('timeout');
  });
});
