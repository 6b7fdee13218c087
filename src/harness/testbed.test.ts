import { describeTestbed, sameTestbed, testbedOf } from './testbed.js';

describe('testbed', () => {
  const env = { cpuModel: 'AMD EPYC', cores: 2, node: 'v20.20.2' };

  test('CPU model, cores and Node major; patch and minor releases are the same testbed', () => {
    const t = testbedOf(env)!;
    expect(t).toEqual({ cpuModel: 'AMD EPYC', cores: 2, nodeMajor: 20 });
    expect(sameTestbed(t, testbedOf({ ...env, node: 'v20.21.0' })!)).toBe(true);
    expect(sameTestbed(t, testbedOf({ ...env, node: 'v24.11.1' })!)).toBe(false);
    expect(sameTestbed(t, testbedOf({ ...env, cores: 4 })!)).toBe(false);
    expect(describeTestbed(t)).toBe('AMD EPYC × 2, Node 20');
  });

  test('a fingerprint without the fields (a record from before testbeds) has none', () => {
    expect(testbedOf({ cpuModel: 'x', cores: 2 })).toBeUndefined();
    expect(testbedOf({ cpuModel: 'x', cores: 2, node: 'twenty' })).toBeUndefined();
  });
});
