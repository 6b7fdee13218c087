import { exportSetting, familySetting, setting } from './settings.js';

describe('settings', () => {
  test('an empty value counts as unset', () => {
    expect(setting('PLANEBENCH_ECHO', { PLANEBENCH_ECHO: '' })).toBeUndefined();
    expect(setting('PLANEBENCH_ECHO', { PLANEBENCH_ECHO: '1' })).toBe('1');
  });

  test('a family member is read by its full name, and only a member of that family', () => {
    const env = { PROCMAN_PERF_WINDOW_MS: '3000', PROCMAN_PERF_N: '' };
    expect(familySetting('PROCMAN_PERF_', 'PROCMAN_PERF_WINDOW_MS', env)).toBe('3000');
    expect(familySetting('PROCMAN_PERF_', 'PROCMAN_PERF_N', env)).toBeUndefined();
    expect(() => familySetting('PROCMAN_PERF_', 'PLANEBENCH_ECHO', env)).toThrow(
      'Expected `PLANEBENCH_ECHO` to start with `PROCMAN_PERF_`',
    );
  });

  test('exportSetting sets the variable for what reads it next', () => {
    const env: NodeJS.ProcessEnv = {};
    exportSetting('PLANEBENCH_RUN_DIR', '/tmp/run', env);
    expect(setting('PLANEBENCH_RUN_DIR', env)).toBe('/tmp/run');
  });
});
