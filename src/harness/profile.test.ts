import { byProfile, resolveProfile } from './profile.js';

describe('profiles', () => {
  test('default to ci and accept the three names', () => {
    expect(resolveProfile({})).toBe('ci');
    expect(resolveProfile({ PERF_PROFILE: 'smoke' })).toBe('smoke');
    expect(byProfile('full', { smoke: 1, ci: 2, full: 3 })).toBe(3);
  });

  test('an unknown profile is one clear error naming the variable', () => {
    expect(() => resolveProfile({ PERF_PROFILE: 'fast' })).toThrow(
      'Expected `PERF_PROFILE` to be one of smoke, ci, full, got `fast` (string)',
    );
  });
});
