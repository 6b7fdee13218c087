/**
 * The procman perf parameters: the original's defaults (hsu-procman-rust
 * perf_common), scaled by profile, overridable by environment
 * (`PROCMAN_PERF_N=64`, `PROCMAN_PERF_WINDOW_MS=3000`, …). Resolved once in
 * the spec and passed to the scenario as params, so results record them.
 */
import type { ProfileName } from '../../../src/harness/profile.js';
import { familySetting } from '../../../src/harness/settings.js';
import type { ProcmanVariant } from '../../../src/procman/index.js';
import { check, RULES } from '../../../src/lib/validate.js';

export interface ProcmanPerfConfig {
  /** Managed processes: one gated, the rest plain. */
  readonly n: number;
  readonly windowMs: number;
  readonly warmupMs: number;
  readonly queryPaceMs: number;
  readonly churnPaceMs: number;
  /** Per-query timeout. */
  readonly timeoutMs: number;
  /** Per-operation timeout of churn cycles and the cancellation scenario's second stop. */
  readonly stopTimeoutMs: number;
  readonly concurrency: number;
  readonly readers: number;
  readonly writers: number;
  readonly cancelProbeTimeoutMs: number;
  readonly cancelProbeCount: number;
}

const ORIGINAL: ProcmanPerfConfig = {
  n: 32,
  windowMs: 2000,
  warmupMs: 200,
  queryPaceMs: 10,
  churnPaceMs: 30,
  timeoutMs: 1500,
  stopTimeoutMs: 10_000,
  concurrency: 8,
  readers: 8,
  writers: 2,
  cancelProbeTimeoutMs: 250,
  cancelProbeCount: 3,
};

/** Smoke runs every scenario at a small size in seconds; ci and full use the original's sizes. */
const BY_PROFILE: Readonly<Record<ProfileName, Partial<ProcmanPerfConfig>>> = {
  smoke: { n: 8, windowMs: 800, warmupMs: 100, readers: 4 },
  ci: {},
  full: {},
};

const LIMITS: Readonly<Partial<Record<keyof ProcmanPerfConfig, number>>> = {
  n: 256,
  concurrency: 32,
  readers: 32,
  writers: 8,
};

function envName(key: string): string {
  return `PROCMAN_PERF_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** A scenario's own defaults, for every profile (`all`) or for one. */
export type ScenarioDefaults = Partial<Record<ProfileName | 'all', Partial<ProcmanPerfConfig>>>;

/** Layers: the original's defaults, the profile, the scenario's defaults, then the environment. */
export function resolvePerfConfig(
  profile: ProfileName,
  defaults: ScenarioDefaults = {},
  env: NodeJS.ProcessEnv = process.env,
): ProcmanPerfConfig {
  const merged: Record<string, number> = { ...ORIGINAL, ...BY_PROFILE[profile], ...defaults.all, ...defaults[profile] };
  for (const key of Object.keys(ORIGINAL)) {
    const name = envName(key);
    const raw = familySetting('PROCMAN_PERF_', name, env);
    if (raw === undefined) continue;
    const limit = LIMITS[key as keyof ProcmanPerfConfig] ?? Number.MAX_SAFE_INTEGER;
    // An environment variable is text: its number is checked, its text shown when it fails.
    const value = Number(raw);
    if (!Number.isInteger(value)) check.fail(name, RULES.integerInRange(1, limit), raw);
    merged[key] = check.integerInRange(name, value, 1, limit);
  }
  return merged as unknown as ProcmanPerfConfig;
}

/** The gate stays closed for ~75 % of the window, at least 500 ms, leaving 200 ms (the original's rule). */
export function gateHoldMs(windowMs: number): number {
  if (windowMs <= 700) return Math.max(1, windowMs - 200);
  return Math.min(Math.max(Math.floor((windowMs * 3) / 4), 500), windowMs - 200);
}

/**
 * The churn-only window that follows the gated one (ours, not the original's):
 * v2's runs the window's length; v1's four times that, because v1's queries
 * wait behind a churn operation on only 5–10 % of queries, and the window's
 * mean and p95 of those waits need about 600 queries a trial to see a doubling
 * in two rounds (docs/decisions.md, "v1's churn window runs four windows long").
 */
const V1_CHURN_WINDOW_FACTOR = 4;

export function churnWindowMs(config: ProcmanPerfConfig, variant: ProcmanVariant): number {
  return variant === 'v1' ? config.windowMs * V1_CHURN_WINDOW_FACTOR : config.windowMs;
}

/** At least a quarter of the ideal sample count, and at least 5 (the original's rule). */
export function minExpectedSamples(windowMs: number, paceMs: number): number {
  return Math.max(5, Math.floor(Math.floor(windowMs / paceMs) / 4));
}
