/**
 * `planebench trend` — adds the runs under perf-results/ to the local trend
 * history (perf-results/trend/data.js, github-action-benchmark's shape) and
 * renders perf-results/trend/index.html. See src/report/trend/update-trend.ts.
 *   --results <dir>    results root (default perf-results, or PLANEBENCH_RESULTS_ROOT)
 *   --out <dir>        trend folder (default <results>/trend)
 *   --page-only <dir>  only write <dir>/index.html for a data.js kept elsewhere (the Pages branch);
 *                      the change points it marks are found in <dir>/data.js as it is written
 *   --check            open the page in headless Chromium: every chart drawn, no console errors
 *   --screenshot <png> with --check, save a full-page screenshot
 *   --changes          print the change points of every gated metric's history
 *                      (src/history/change-points.ts); exit 1 when one made a metric
 *                      worse within the newest --since <n> runs (default 5)
 *   --data <data.js>   with --changes, --judge or --record: the history (default <out>/data.js)
 *   --judge <results.json>  judge the run against its testbed's recent history (the pooled
 *                      trials of its last --runs <k> runs, default 5), else the committed
 *                      baseline (src/history/judge-run.ts); exit 1 on a gated regression,
 *                      2 when an input is unreadable
 *   --baselines <dir>  with --judge: the committed baselines and noise.json (default baselines/,
 *                      or PLANEBENCH_BASELINES_DIR)
 *   --record <results.json>  with --data: record the run's testbed and trial values on the
 *                      entries github-action-benchmark added for it (src/history/record-run.ts)
 */
import path from 'node:path';
import { resultsRoot } from '../harness/paths.js';
import { checkTrendPage } from '../report/trend/check-trend-page.js';
import { CHROMIUM_INSTALL_HINT, findChromium } from '../report/chromium/find-chromium.js';
import { DATA_FILE, updateTrend, writeTrendPage } from '../report/trend/update-trend.js';
import { parseBenchmarkDataJs } from '../history/benchmark-data.js';
import { DEFAULT_SINCE_RUNS, formatHistoryChange, historyChanges } from '../history/history-changes.js';
import { existsSync, readFileSync } from 'node:fs';
import { coerceError } from '../lib/coerce-error.js';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { setting } from '../harness/settings.js';
import { readResultsFile, type ResultsFile } from '../gate/results-file.js';
import { emptyBenchmarkData, formatBenchmarkDataJs, type BenchmarkData } from '../history/benchmark-data.js';
import { readCommitInfo } from '../report/trend/commit-info.js';
import { repositoryUrl } from '../report/trend/repository-web-address.js';
import { checkJudgedResults } from '../history/check-judged-results.js';
import { HISTORY_RUNS } from '../history/history-reference.js';
import { judgeRun } from '../history/judge-run.js';
import { recordRun } from '../history/record-run.js';
import { renderJudgement } from '../report/render-judgement.js';
import { typedNumber } from '../lib/typed-number.js';
import { flagChecks, missingValue } from './flag-checks.js';

const USAGE =
  'usage: planebench trend [--results <dir>] [--out <dir>] [--check] [--screenshot <file.png>]\n' +
  '       planebench trend --page-only <dir>\n' +
  '       planebench trend --changes [--data <data.js>] [--since <runs>]\n' +
  '       planebench trend --judge <results.json> [--data <data.js>] [--runs <k>] [--baselines <dir>]\n' +
  '       planebench trend --record <results.json> --data <data.js>';

interface TrendArgs {
  readonly results: string;
  readonly out?: string;
  readonly pageOnly?: string;
  readonly check: boolean;
  readonly screenshot?: string;
  readonly changes: boolean;
  readonly data?: string;
  readonly since: number;
  readonly judge?: string;
  readonly record?: string;
  readonly baselines?: string;
  readonly runs: number;
}

function runCount(flag: string, value: string): number {
  return typedNumber(flagChecks(USAGE), value, (v, n) => v.positiveInteger(flag, n));
}

function parseArgs(argv: readonly string[]): TrendArgs {
  const values: Record<string, string> = {};
  let check = false;
  let changes = false;
  let since = DEFAULT_SINCE_RUNS;
  let runs = HISTORY_RUNS;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--check') {
      check = true;
    } else if (arg === '--changes') {
      changes = true;
    } else if (arg === '--since') {
      since = runCount(arg, argv[i + 1] ?? '');
      i += 1;
    } else if (arg === '--runs') {
      runs = runCount(arg, argv[i + 1] ?? '');
      i += 1;
    } else if (
      ['--results', '--out', '--page-only', '--screenshot', '--data', '--judge', '--record', '--baselines'].includes(
        arg,
      )
    ) {
      const value = argv[i + 1];
      if (!value || value.startsWith('--')) missingValue(USAGE, arg, value, 'a path');
      values[arg] = path.resolve(value);
      i += 1;
    } else {
      throw new Error(`Unknown argument \`${arg}\` for \`planebench trend\`\n${USAGE}`);
    }
  }
  if (values['--screenshot'] && !check) throw new Error('`--screenshot` needs `--check`');
  const judge = values['--judge'];
  const record = values['--record'];
  if (values['--data'] && !changes && !judge && !record)
    throw new Error('`--data` needs `--changes`, `--judge` or `--record`');
  if (values['--baselines'] && !judge) throw new Error('`--baselines` needs `--judge`');
  if (argv.includes('--runs') && !judge) throw new Error('`--runs` needs `--judge`');
  if (record && !values['--data']) throw new Error(`\`--record\` needs \`--data <data.js>\`\n${USAGE}`);
  if ([changes, judge, record].filter(Boolean).length > 1)
    throw new Error('`--changes`, `--judge` and `--record` are separate commands; give one');
  return {
    results: values['--results'] ?? resultsRoot(),
    check,
    changes,
    since,
    runs,
    ...(judge ? { judge } : {}),
    ...(record ? { record } : {}),
    ...(values['--baselines'] ? { baselines: values['--baselines'] } : {}),
    ...(values['--data'] ? { data: values['--data'] } : {}),
    ...(values['--out'] ? { out: values['--out'] } : {}),
    ...(values['--page-only'] ? { pageOnly: values['--page-only'] } : {}),
    ...(values['--screenshot'] ? { screenshot: values['--screenshot'] } : {}),
  };
}

async function checkInChromium(pageFile: string, screenshot: string | undefined): Promise<number> {
  const chromium = findChromium();
  if (!chromium) {
    process.stderr.write(`planebench trend: --check needs Chromium; none found (install: ${CHROMIUM_INSTALL_HINT})\n`);
    return 1;
  }
  const check = await checkTrendPage(pageFile, { chromium, ...(screenshot ? { screenshotFile: screenshot } : {}) });
  const problems = [...check.consoleErrors, ...check.errors];
  for (const c of check.charts) {
    for (const s of c.series) if (s.pixels === 0) problems.push(`${c.key} ${s.label}: nothing painted`);
  }
  for (const suite of new Set(check.charts.map((c) => c.suite))) {
    const charts = check.charts.filter((c) => c.suite === suite);
    const points = charts.flatMap((c) => c.series.map((s) => s.points));
    const profiles = [...new Set(charts.flatMap((c) => c.series.map((s) => s.label)))].join(', ');
    process.stdout.write(
      `  ${suite}: ${charts.length} charts drawn, ${Math.min(...points)}–${Math.max(...points)} points per line (${profiles})\n`,
    );
  }
  if (check.figures !== check.charts.length)
    problems.push(`${check.figures} chart frames but ${check.charts.length} charts drawn`);
  if (check.charts.length > 0 && check.tooltip.length === 0)
    problems.push('hovering the first chart showed no tooltip');
  if (check.tooltip.length > 0)
    process.stdout.write(`chromium: hover on ${check.charts[0]?.key ?? ''}: ${check.tooltip.join(' · ')}\n`);
  const headline = check.charts.filter((c) => c.part === 'headline').length;
  const marks = check.charts.reduce((n, c) => n + c.marks, 0);
  process.stdout.write(
    `chromium: ${check.charts.length} charts drawn (${headline} in the headline, ${marks} change mark(s)) · ${check.summary}\n`,
  );
  if (check.verdict) process.stdout.write(`chromium: ${check.verdict}\n`);
  if (screenshot) process.stdout.write(`chromium: screenshot in ${path.relative(process.cwd(), screenshot)}\n`);
  for (const p of problems) process.stderr.write(`  ✗ ${p}\n`);
  return problems.length === 0 ? 0 : 1;
}

function historyFile(args: TrendArgs): string {
  return args.data ?? path.join(args.out ?? path.join(args.results, 'trend'), DATA_FILE);
}

function printChanges(args: TrendArgs): number {
  const file = historyFile(args);
  if (!existsSync(file))
    throw new Error(`${file}: no trend history here; run \`npm run perf:trend\` first or pass --data`);
  const data = parseBenchmarkDataJs(readFileSync(file, 'utf8'), file);
  const changes = historyChanges(data);
  for (const c of changes) process.stdout.write(`${c.regression ? '✗' : '·'} ${formatHistoryChange(c)}\n`);
  const recent = changes.filter((c) => c.regression && c.runsAgo < args.since);
  const runs = Math.max(0, ...Object.values(data.entries).map((r) => r.length));
  process.stdout.write(
    `planebench trend: ${changes.length} change point(s) in a history of ${runs} run(s); ` +
      `${recent.length} made a metric worse within the newest ${args.since} run(s)${recent.length > 0 ? ' — FAILED' : ''}\n`,
  );
  return recent.length > 0 ? 1 : 0;
}

function readJudgedRun(file: string): ResultsFile {
  return checkJudgedResults(file, readResultsFile(file));
}

/** A history that does not exist yet is an empty one (the first push to main); a corrupt one is an error. */
function readHistoryOrEmpty(file: string): BenchmarkData | undefined {
  if (!existsSync(file)) return undefined;
  return parseBenchmarkDataJs(readFileSync(file, 'utf8'), file);
}

function judge(args: TrendArgs, resultsFile: string): number {
  const results = readJudgedRun(resultsFile);
  const file = historyFile(args);
  const history = readHistoryOrEmpty(file);
  if (!history) process.stdout.write(`planebench trend: no trend history at ${file}; judged without it\n`);
  const baselinesDir = args.baselines ?? path.resolve(setting('PLANEBENCH_BASELINES_DIR') ?? 'baselines');
  const judgement = judgeRun(results, history ?? emptyBenchmarkData(''), { baselinesDir, runs: args.runs });
  process.stdout.write(`${renderJudgement(judgement, results, setting('PLANEBENCH_VERBOSE') === '1')}\n`);
  return judgement.comparison.failed ? 1 : 0;
}

function record(args: TrendArgs, resultsFile: string): number {
  const results = readJudgedRun(resultsFile);
  const file = historyFile(args);
  if (!existsSync(file)) throw new Error(`${file}: no trend history here to record the run in`);
  const data = parseBenchmarkDataJs(readFileSync(file, 'utf8'), file);
  const cwd = process.cwd();
  const commit = () =>
    readCommitInfo(
      { sha: results.environment.gitCommit, dirty: results.environment.gitDirty, runDate: results.environment.date },
      data.repoUrl || repositoryUrl(cwd),
      cwd,
    );
  const outcome = recordRun(data, results, commit, Date.now());
  if (outcome.how !== 'already') writeFileAtomic(file, formatBenchmarkDataJs(outcome.data));
  const what = {
    recorded: "recorded its testbed and trial values on the action's entries",
    added: 'added it (the action added no entry for its commit)',
    already: 'the history already has it',
  }[outcome.how];
  process.stdout.write(`planebench trend: run ${results.runId} in ${path.relative(cwd, file) || file}: ${what}\n`);
  return 0;
}

/** Judging and recording are steps of a workflow: any bad input is one line and exit 2. */
function inputStep(argv: readonly string[], step: (args: TrendArgs, file: string) => number): number {
  try {
    const args = parseArgs(argv);
    return step(args, (args.judge ?? args.record) as string);
  } catch (error) {
    process.stderr.write(`planebench trend: ${coerceError(error).message}\n`);
    return 2;
  }
}

export async function runTrendCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.includes('--judge')) return inputStep(argv, judge);
  if (argv.includes('--record')) return inputStep(argv, record);
  const args = parseArgs(argv);
  if (args.changes) return printChanges(args);
  if (args.pageOnly) {
    const page = writeTrendPage(args.pageOnly);
    process.stdout.write(`planebench trend: wrote ${path.relative(process.cwd(), page)}\n`);
    return args.check ? checkInChromium(page, args.screenshot) : 0;
  }
  const update = updateTrend({ resultsRoot: args.results, ...(args.out ? { trendDir: args.out } : {}) });
  for (const s of update.skipped) process.stderr.write(`planebench trend: skipped ${s.dir}: ${s.reason}\n`);
  process.stdout.write(
    `planebench trend: ${update.added} new run(s), ${update.runsInHistory} in the history · ` +
      `${path.relative(process.cwd(), update.pageFile)}\n`,
  );
  return args.check ? checkInChromium(update.pageFile, args.screenshot) : 0;
}
