/**
 * Every environment variable planebench reads, in one place: its name, what
 * it does, and the one reader (`setting`, `familySetting`) the rest of the
 * code goes through. The README's "Settings" table lists the same.
 *
 * Exceptions, read elsewhere:
 * - DAEMON_ERROR_STACKS, by the daemon library (src/daemon/errors/daemon-error.ts):
 *   a system under test imports nothing from the harness.
 * - FIXTURE_*, by the made-up perf spec the reporter's end-to-end test runs
 *   (src/report/fixtures/fixture-perf-spec.ts.txt), which runs in a project of its own.
 * Code that starts a process hands `process.env` on to it whole; that is not a read.
 */
export const SETTINGS = {
  PERF_PROFILE: 'the profile, `smoke`, `ci` (default) or `full`; src/harness/profile.ts checks the name',
  PLANEBENCH_RESULTS_ROOT: 'folder perf results go to (default ./perf-results)',
  PLANEBENCH_BASELINES_DIR: 'folder of the committed baselines the reporter judges against (default ./baselines)',
  PLANEBENCH_BASELINE_GATE: '`off`: measure without judging against baselines (set by perf:compare for its rounds)',
  PLANEBENCH_CONFIRM: '`0`: no confirmation run of gated regressions in `npm test`',
  PLANEBENCH_CONFIRM_OF: "the first run's results.json, on the confirmation run (set by `npm test`)",
  PLANEBENCH_RUN_DIR: 'folder perf specs hand their results to (set by the reporter)',
  PLANEBENCH_DUET_BASE:
    "the base tree of a trial-interleaved comparison: each trial of a scenario runs beside one of the base tree's same scenario module (set by perf:compare)",
  PLANEBENCH_SCENARIO_TAG: "tag of a trial's processes, by which leftovers are found (set by the harness)",
  PLANEBENCH_ECHO: "`1`: show the trial processes' output",
  PLANEBENCH_VERBOSE: "`1`: print every metric's row in the console, not only the verdict, changes and suite lines",
  PLANEBENCH_NODE_FLAGS: 'extra Node flags for every trial process, space-separated (e.g. --cpu-prof)',
  PLANEBENCH_PG_URL: 'PostgreSQL URL for the orchestrator specs; without it their PostgreSQL variants are skipped',
  PLANEBENCH_DAEMON_BUILD: 'a compiled daemon library to measure (set by the daemon spec for its trials)',
  PLANEBENCH_CHROMIUM: 'the Chromium executable for the trend page check (default: chromium on PATH)',
  PLANEBENCH_TREND_SCREENSHOT: "where the trend page's browser test saves a screenshot, to look at",
  PLANEBENCH_COMMENT_SCREENSHOT: "where the pull-request comment's browser test saves its first screen, to look at",
  DATABASE_URL: "the orchestrator commands' PostgreSQL store when `--database-url` and `--db` are not given",
  GITHUB_SHA: 'the commit a run is recorded for (set by GitHub Actions; otherwise `git rev-parse HEAD`)',
  GITHUB_SERVER_URL: 'with GITHUB_REPOSITORY, the repository address the trend page links (set by GitHub Actions)',
  GITHUB_REPOSITORY: 'owner/name of the repository (set by GitHub Actions)',
  PATH: 'where chromium is looked for when `PLANEBENCH_CHROMIUM` is not set',
} as const;

/** Families of variables: the prefix, and what a member sets (its owner derives the names and checks the values). */
export const SETTING_FAMILIES = {
  PROCMAN_PERF_: 'a procman spec size, e.g. `PROCMAN_PERF_WINDOW_MS` (perf-tests/procman/support/perf-config.ts)',
} as const;

export type SettingFamily = keyof typeof SETTING_FAMILIES;

export type SettingName = keyof typeof SETTINGS;

/** The variable's value; an empty value counts as unset. */
export function setting(name: SettingName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A family member's value (`PROCMAN_PERF_WINDOW_MS` of `PROCMAN_PERF_`); an empty value counts as unset. */
export function familySetting(
  family: SettingFamily,
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!name.startsWith(family)) throw new Error(`Expected \`${name}\` to start with \`${family}\``);
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Sets a variable for this process and the processes it starts from now on (the reporter's run folder). */
export function exportSetting(name: SettingName, value: string, env: NodeJS.ProcessEnv = process.env): void {
  env[name] = value;
}
