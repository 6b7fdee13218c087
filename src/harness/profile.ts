import { setting } from './settings.js';
import { check } from '../lib/validate.js';

/**
 * PERF_PROFILE scales every scenario: `smoke` (seconds, for unit-test time),
 * `ci` (the whole suite in minutes on 2 cores) and `full` (the seed documents' sizes).
 */
export const PROFILE_NAMES = ['smoke', 'ci', 'full'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const DEFAULT_PROFILE: ProfileName = 'ci';

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);
}

/** Reads PERF_PROFILE; an unknown name is an error that names the variable. */
export function resolveProfile(env: NodeJS.ProcessEnv = process.env): ProfileName {
  const raw = setting('PERF_PROFILE', env);
  if (raw === undefined) return DEFAULT_PROFILE;
  return check.oneOf('PERF_PROFILE', raw, PROFILE_NAMES);
}

/** Picks the size for a profile: `byProfile(profile, { smoke: 2, ci: 8, full: 32 })`. */
export function byProfile<T>(profile: ProfileName, sizes: Readonly<Record<ProfileName, T>>): T {
  return sizes[profile];
}
