/** @jest-config-loader-options {"transpileOnly": true, "compilerOptions": {"moduleResolution": "node10"}} */
import type { Config } from 'jest';

const tsJest: [string, Record<string, unknown>] = ['ts-jest', { useESM: true, diagnostics: false }];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
} satisfies Config;

const config: Config = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'perf',
      testMatch: ['<rootDir>/perf-tests/**/*.perf.ts'],
      setupFilesAfterEnv: ['<rootDir>/perf-tests/setup-timeout.ts'],
    },
  ],
  reporters: ['default', '<rootDir>/src/report/jest-reporter.ts'],
};

export default config;
