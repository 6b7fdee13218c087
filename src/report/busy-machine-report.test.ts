/**
 * A perf run whose trials began on a busy machine (the harness's trial notes)
 * says so in its console summary and in report.md, next to the affected
 * scenario and not next to the others.
 */
import { captureEnvironment } from '../harness/environment.js';
import { compareRun } from '../gate/compare-run.js';
import { updateBaselines } from '../gate/update-baselines.js';
import { syntheticResult } from '../test-support/fixture-results.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { renderConsoleTable } from './console-table.js';
import { renderMarkdownReport } from './markdown-report.js';

const NOTE = 'measured on a busy machine: the CPUs were 83 % busy after waiting 15 s';

const environment = captureEnvironment('ci');

describe('a run measured on a busy machine', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  const comparison = () => {
    const busy = syntheticResult([10, 11, 12], { scenario: 'busy' });
    const quiet = syntheticResult([10, 11, 12], { scenario: 'quiet' });
    updateBaselines(dir.path, [busy, quiet], environment, []);
    return compareRun(
      [
        { ...busy, notes: [{ cpuQuietBeforeStart: false, cpuBusyBeforeStart: 0.83, quietWaitMs: 15_200 }] },
        { ...quiet, notes: [{ cpuQuietBeforeStart: true }] },
      ],
      dir.path,
    );
  };

  test('the console summary counts it and names the scenario with the note', () => {
    const lines = renderConsoleTable(comparison()).split('\n');
    expect(lines[1]).toContain('1 scenario(s) measured on a busy machine');
    expect(lines).toContain(`    busy/v2: ${NOTE}`);
    expect(lines.some((l) => l.startsWith('    quiet/v2:'))).toBe(false);
  });

  test('report.md names it near the top and in its suite', () => {
    const md = renderMarkdownReport(comparison(), environment);
    expect(md).toContain(`- ⚠️ \`demo/busy/v2\` ${NOTE}`);
    expect(md).toContain(`- \`busy/v2\`: ${NOTE}`);
    expect(md).not.toContain('quiet/v2`: measured');
  });
});
