import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { measureSqlitePickupFloor } from './sqlite-pickup-floor.js';

const floorDirs = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith('planebench-floor-'));

describe('measureSqlitePickupFloor', () => {
  it('times every insert → wake file → claim in another process and leaves no file behind', async () => {
    const before = floorDirs();
    const samples = await measureSqlitePickupFloor({ samples: 5, ratePerSec: 50 });
    expect(samples).toHaveLength(5);
    for (const us of samples) {
      expect(us).toBeGreaterThan(0);
      expect(us).toBeLessThan(5_000_000);
    }
    expect(floorDirs()).toEqual(before);
  }, 30_000);
});
