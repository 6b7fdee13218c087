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
 *   --data <data.js>   with --changes: the history to read (default <out>/data.js)
 */
import path from 'node:path';
import { resultsRoot } from '../harness/paths.js';
import { checkTrendPage } from '../report/trend/check-trend-page.js';
import { CHROMIUM_INSTALL_HINT, findChromium } from '../report/chromium/find-chromium.js';
import { DATA_FILE, updateTrend, writeTrendPage } from '../report/trend/update-trend.js';
import { parseBenchmarkDataJs } from '../report/trend/benchmark-data.js';
import { DEFAULT_SINCE_RUNS, formatHistoryChange, historyChanges } from '../history/history-changes.js';
import { existsSync, readFileSync } from 'node:fs';

const USAGE =
  'usage: planebench trend [--results <dir>] [--out <dir>] [--check] [--screenshot <file.png>]\n' +
  '       planebench trend --page-only <dir>\n' +
  '       planebench trend --changes [--data <data.js>] [--since <runs>]';

interface TrendArgs {
  readonly results: string;
  readonly out?: string;
  readonly pageOnly?: string;
  readonly check: boolean;
  readonly screenshot?: string;
  readonly changes: boolean;
  readonly data?: string;
  readonly since: number;
}

function parseArgs(argv: readonly string[]): TrendArgs {
  const values: Record<string, string> = {};
  let check = false;
  let changes = false;
  let since = DEFAULT_SINCE_RUNS;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--check') {
      check = true;
    } else if (arg === '--changes') {
      changes = true;
    } else if (arg === '--since') {
      const value = argv[i + 1] ?? '';
      since = Number(value);
      if (!/^\d+$/.test(value) || since < 1)
        throw new Error(`Expected \`--since\` to be a whole number of runs ≥ 1, got \`${value}\`\n${USAGE}`);
      i += 1;
    } else if (['--results', '--out', '--page-only', '--screenshot', '--data'].includes(arg)) {
      const value = argv[i + 1];
      if (!value || value.startsWith('--'))
        throw new Error(`Expected a path after \`${arg}\`, got \`${value ?? ''}\`\n${USAGE}`);
      values[arg] = path.resolve(value);
      i += 1;
    } else {
      throw new Error(`Unknown argument \`${arg}\` for \`planebench trend\`\n${USAGE}`);
    }
  }
  if (values['--screenshot'] && !check) throw new Error('`--screenshot` needs `--check`');
  if (values['--data'] && !changes) throw new Error('`--data` needs `--changes`');
  return {
    results: values['--results'] ?? resultsRoot(),
    check,
    changes,
    since,
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

function printChanges(args: TrendArgs): number {
  const file = args.data ?? path.join(args.out ?? path.join(args.results, 'trend'), DATA_FILE);
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

export async function runTrendCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
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
