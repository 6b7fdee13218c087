import { summarizeRun } from '../gate/compare-run.js';
import type { Verdict, VerdictReason } from '../gate/verdict.js';
import {
  FIXTURE_ENVIRONMENT,
  metricComparison as metric,
  scenarioComparison as scenario,
} from '../test-support/fixture-results.js';
import { verdictLabel } from './comparison-rows.js';
import { COMMENT_LIMIT_CHARS, renderMarkdownReport } from './markdown-report.js';
import { metricInWords } from './metric-words.js';

const environment = FIXTURE_ENVIRONMENT;

describe('report.md', () => {
  test('verdict first, then regressions with what they were judged against, then improvements and suite lines', () => {
    const comparison = summarizeRun([
      scenario('procman', 'cpi', [
        metric('queryLatencyUs.p50', 'regressed'),
        metric('queryLatencyUs.p95', 'improved'),
        metric('queryLatencyUs.p99', 'unchanged'),
      ]),
    ]);
    const md = renderMarkdownReport(comparison, environment);
    const lines = md.split('\n');
    expect(lines[0]).toBe('## planebench: ❌ 1 regression');
    const at = (text: string) => md.indexOf(text);
    expect(at('### Regressions')).toBeLessThan(at('### Improvements'));
    expect(at('### Improvements')).toBeLessThan(at('### By suite'));
    expect(md).toContain('query latency, median<br>`queryLatencyUs.p50`');
    expect(md).toContain('40.5 µs → 68.8 µs');
    expect(md).toContain('threshold +12.0 % (from measured noise)');
    expect(md).toContain('- **procman** — 1 of 3 gated metrics unchanged; could see a 20 % change on 1 of them');
  });

  test('a passing run says so on its first line', () => {
    const md = renderMarkdownReport(summarizeRun([scenario('daemon', 's', [metric('x', 'unchanged')])]), environment);
    expect(md.split('\n')[0]).toBe('## planebench: ✅ no regression');
  });

  test('a scenario measured on a busy machine is named near the top, in its suite and in the summary line', () => {
    const busy = {
      ...scenario('daemon', 'shutdown-latency', [metric('sigtermToExitUs.p50', 'unchanged')]),
      busyAtStart: { busyFraction: 0.83, waitedMs: 15_200 },
    };
    const quiet = scenario('daemon', 'micro', [metric('x', 'unchanged')]);
    const comparison = summarizeRun([busy, quiet]);
    const md = renderMarkdownReport(comparison, environment);
    const note = 'measured on a busy machine: the CPUs were 83 % busy after waiting 15 s';
    expect(md).toContain(`- ⚠️ \`daemon/shutdown-latency/v2\` ${note}`);
    expect(md).toContain(`- \`shutdown-latency/v2\`: ${note}`);
    expect(md).toContain('1 scenario(s) measured on a busy machine');
    expect(md).not.toContain('`micro/v2`: measured');
    expect(md.indexOf('⚠️ `daemon/shutdown-latency/v2`')).toBeLessThan(md.indexOf('### By suite'));
  });

  test('the comment shows gated metrics only; the summary every metric', () => {
    const comparison = summarizeRun([
      scenario('agents', 's', [
        metric('routingNs.p50', 'unchanged'),
        metric('gcPauseMaxUs', 'unchanged', { gated: false }),
      ]),
    ]);
    expect(renderMarkdownReport(comparison, environment)).not.toContain('gcPauseMaxUs');
    expect(renderMarkdownReport(comparison, environment, { audience: 'summary' })).toContain('gcPauseMaxUs');
  });

  test('2,000 metrics with 50 regressions fit a comment, every regression in full', () => {
    const scenarios = Array.from({ length: 100 }, (_, s) =>
      scenario(`suite${s % 5}`, `scenario-${s}`, [
        ...Array.from({ length: 19 }, (_, i) => metric(`someLongMetricNameLatencyUs.p${i}`, 'unchanged')),
        metric('queryLatencyUs.p50', s % 2 === 0 ? 'regressed' : 'unchanged'),
      ]),
    );
    const comparison = summarizeRun(scenarios);
    expect(comparison.regressions).toHaveLength(50);
    const md = renderMarkdownReport(comparison, environment);
    expect(md.length).toBeLessThan(COMMENT_LIMIT_CHARS);
    for (const s of scenarios.filter((_, i) => i % 2 === 0)) expect(md).toContain(`\`${s.suite}/${s.scenario}/v2\``);
    expect(md).toMatch(/> Left out to fit a comment: the .* table/);
    expect(md.trimEnd().endsWith('</sub>')).toBe(true);
  });
});

describe('every verdict explains itself', () => {
  const reasons: [VerdictReason, Partial<Verdict>, RegExp][] = [
    ['within the noise', {}, /^unchanged$/],
    ['below the absolute floor', { thresholdSource: 'kind default' }, /^unchanged \(below the absolute floor\)$/],
    ['below the smallest effect judged', {}, /^unchanged \(below the smallest effect judged\)$/],
    ['too few trials', { tooFewTrials: true }, /^unchanged \(1 trial: not judged\)$/],
    ['the trials overlap', {}, /^unchanged \(the trials overlap\)$/],
  ];
  test.each(reasons)('%s', (reason, verdict, label) => {
    expect(verdictLabel(metric('x', 'unchanged', {}, { reason, ...verdict }))).toMatch(label);
  });

  test('a metric ungated by its noise says so', () => {
    const m = metric('x', 'unchanged', { gated: false, ungatedBecause: 'its measured noise hides a 2× change' });
    expect(verdictLabel(m)).toBe('unchanged (not gated: its measured noise hides a 2× change)');
  });
});

describe('metric names in words', () => {
  test.each([
    ['queryLatencyUs.p50', 'query latency, median'],
    ['schedulerRssBytes', 'scheduler rss'],
    ['msgPerSec.32KB', 'msg per sec, 32KB'],
    ['pickupOverFloorRatio', 'pickup over floor ratio'],
    ['requestLatencyNs.p99.9', 'request latency, 99.9th percentile'],
  ])('%s → %s', (name, words) => {
    expect(metricInWords(name)).toBe(words);
  });
});
