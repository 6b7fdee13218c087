/**
 * Every environment variable planebench reads, in one place: its name, what
 * it does, and one reader. The README's "Settings" table lists the same.
 * (PERF_PROFILE is read by src/harness/profile.ts, which validates it;
 * PROCMAN_PERF_* by the procman specs' config, which owns those sizes; the
 * daemon library's DAEMON_ERROR_STACKS by that library.)
 */
export const SETTINGS = {
  PLANEBENCH_RESULTS_ROOT: 'folder perf results go to (default ./perf-results)',
  PLANEBENCH_BASELINES_DIR: 'folder of the committed baselines the reporter judges against (default ./baselines)',
  PLANEBENCH_BASELINE_GATE: '`off`: measure without judging against baselines (set by perf:compare for its rounds)',
  PLANEBENCH_CONFIRM: '`0`: no confirmation run of gated regressions in `npm test`',
  PLANEBENCH_CONFIRM_OF: "the first run's results.json, on the confirmation run (set by `npm test`)",
  PLANEBENCH_RUN_DIR: 'folder perf specs hand their results to (set by the reporter)',
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
} as const;

export type SettingName = keyof typeof SETTINGS;

/** The variable's value; an empty value counts as unset. */
export function setting(name: SettingName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
