/**
 * The jest reporter: names the folder perf specs hand their results to,
 * and when the run completes collects them, compares them with
 * baselines/, prints the table, writes perf-results/ and makes jest exit
 * non-zero (getLastError) when a gated metric regressed, a scenario did not
 * complete or a baseline could not be read. A run without perf results
 * (unit tests only) is left alone.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { compareRun } from '../gate/compare-run.js';
import { captureEnvironment } from '../harness/environment.js';
import { resolveProfile } from '../harness/profile.js';
import { resultsRoot } from '../harness/paths.js';
import { collectHandedOverResults, RUN_DIR_VARIABLE } from '../harness/results-handoff.js';
import { coerceError } from '../lib/coerce-error.js';
import { renderConsoleTable } from './console-table.js';
import { writeRunOutputs } from './write-run-outputs.js';

export interface PlanebenchReporterOptions {
  /** Folder of baselines/<suite>.json; default PLANEBENCH_BASELINES_DIR, else <rootDir>/baselines. */
  readonly baselinesDir?: string;
  /** Folder of perf results; default perf-results in the working directory. */
  readonly resultsDir?: string;
  /** Where the table goes; default stdout (tests capture it). */
  readonly print?: (text: string) => void;
}

interface GlobalConfigLike {
  readonly rootDir: string;
}

function timestampId(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export default class PlanebenchReporter {
  private readonly baselinesDir: string;
  private readonly resultsDir: string;
  private readonly handoffDir: string;
  private readonly runId: string;
  private readonly print: (text: string) => void;
  private error: Error | undefined;

  constructor(globalConfig: GlobalConfigLike, options: PlanebenchReporterOptions = {}) {
    this.baselinesDir = path.resolve(
      globalConfig.rootDir,
      options.baselinesDir ?? process.env['PLANEBENCH_BASELINES_DIR'] ?? 'baselines',
    );
    this.resultsDir = options.resultsDir ? path.resolve(globalConfig.rootDir, options.resultsDir) : resultsRoot();
    this.print = options.print ?? ((text) => process.stdout.write(text));
    this.runId = `${timestampId(new Date())}-${process.pid}`;
    this.handoffDir = path.join(this.resultsDir, '.handoff', this.runId);
    // Test files are set up after reporters, so they inherit this.
    process.env[RUN_DIR_VARIABLE] = this.handoffDir;
  }

  onRunStart(): void {
    mkdirSync(this.handoffDir, { recursive: true });
  }

  onRunComplete(): void {
    try {
      const results = collectHandedOverResults(this.handoffDir);
      rmSync(this.handoffDir, { recursive: true, force: true });
      if (results.length === 0) return;
      const environment = captureEnvironment(resolveProfile());
      const comparison = compareRun(results, this.baselinesDir);
      const outputs = writeRunOutputs(this.resultsDir, this.runId, environment, results, comparison);
      this.print(`${renderConsoleTable(comparison)}\n`);
      this.print(`planebench: results in ${path.relative(process.cwd(), outputs.latestDir) || '.'}/\n`);
      if (comparison.failed) {
        const reasons = [
          ...comparison.regressions.map((r) => `${r.suite}/${r.scenario}/${r.variant} ${r.metric} regressed`),
          ...comparison.baselineErrors.map((e) => e.message),
          ...comparison.scenarios
            .filter((s) => s.status.kind === 'not-completed')
            .map((s) => `${s.suite}/${s.scenario}/${s.variant} did not complete`),
        ];
        this.error = new Error(`planebench gate failed:\n  ${reasons.join('\n  ')}`);
      }
    } catch (error) {
      this.error = coerceError(error);
      process.stderr.write(`planebench reporter: ${this.error.message}\n`);
    }
  }

  getLastError(): Error | undefined {
    return this.error;
  }
}
