/**
 * The jest reporter: names the folder perf specs hand their results to,
 * and when the run completes collects them, compares them with
 * baselines/, prints the table, writes perf-results/ and makes jest exit
 * non-zero (getLastError) when a gated metric regressed, a scenario did not
 * complete or a baseline could not be read. A run without perf results
 * (unit tests only) is left alone.
 *
 * When only gated regressions failed the run, it also asks for a
 * confirmation (src/gate/confirmation.ts): it remembers which spec file
 * handed over which result, and names the files to measure again. On the
 * confirmation run (PLANEBENCH_CONFIRM_OF set) it pools the trials with the
 * first run's and judges the whole run once more.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readBaseline } from '../gate/baseline-file.js';
import { compareRun, summarizeRun } from '../gate/compare-run.js';
import { captureEnvironment } from '../harness/environment.js';
import { resolveProfile } from '../harness/profile.js';
import { resultsRoot } from '../harness/paths.js';
import { scenarioId, type RecordedHistogram, type ScenarioResult } from '../harness/result-model.js';
import {
  collectHandedOverResults,
  handedOverFileNames,
  handoffFileName,
  RUN_DIR_VARIABLE,
} from '../harness/results-handoff.js';
import { coerceError } from '../lib/coerce-error.js';
import type { RunComparison } from '../gate/compare-run.js';
import {
  clearConfirmRequest,
  CONFIRM_OF_VARIABLE,
  poolConfirmation,
  writeConfirmRequest,
  type PooledRun,
} from '../gate/confirmation.js';
import { renderConsoleTable } from './console-table.js';
import { regressionDistributions } from './distribution-chart.js';
import { readResultsFile } from '../gate/results-file.js';
import { writeRunOutputs } from './write-run-outputs.js';
import { BASE_HANDOFF_FOLDER } from '../harness/runner/duet.js';
import { renderCriterionLines } from './criterion-lines.js';
import { exportSetting, setting, type SettingName } from '../harness/settings.js';

export interface PlanebenchReporterOptions {
  /** Folder of baselines/<suite>.json; default PLANEBENCH_BASELINES_DIR, else <rootDir>/baselines. */
  readonly baselinesDir?: string;
  /** Folder of perf results; default perf-results in the working directory. */
  readonly resultsDir?: string;
  /** Where the table goes; default stdout (tests capture it). */
  readonly print?: (text: string) => void;
  /** Where the reporter's own failures go; default stderr (tests capture it). */
  readonly printError?: (text: string) => void;
  /** The first run's results.json when this run confirms its regressions; default PLANEBENCH_CONFIRM_OF. */
  readonly confirmOf?: string;
  /** Judge against baselines/ (default, unless PLANEBENCH_BASELINE_GATE=off). */
  readonly baselineGate?: boolean;
}

interface GlobalConfigLike {
  readonly rootDir: string;
}

/** What the reporter reads of jest's aggregated results. */
interface AggregatedResultsLike {
  readonly numFailedTestSuites: number;
  readonly numRuntimeErrorTestSuites: number;
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
  private readonly printError: (text: string) => void;
  private readonly confirmOf: string | undefined;
  /** False for the rounds of `planebench compare`, which judge base against head themselves. */
  private readonly baselineGate: boolean;
  /** Handed-over result file → the spec file that wrote it. */
  private readonly specOfResult = new Map<string, string>();
  private error: Error | undefined;

  constructor(globalConfig: GlobalConfigLike, options: PlanebenchReporterOptions = {}) {
    this.baselinesDir = path.resolve(
      globalConfig.rootDir,
      options.baselinesDir ?? setting('PLANEBENCH_BASELINES_DIR') ?? 'baselines',
    );
    this.resultsDir = options.resultsDir ? path.resolve(globalConfig.rootDir, options.resultsDir) : resultsRoot();
    this.print = options.print ?? ((text) => process.stdout.write(text));
    this.printError = options.printError ?? ((text) => process.stderr.write(text));
    this.confirmOf = options.confirmOf ?? setting(CONFIRM_OF_VARIABLE);
    this.baselineGate = options.baselineGate ?? setting(BASELINE_GATE_VARIABLE) !== 'off';
    this.runId = `${timestampId(new Date())}-${process.pid}`;
    this.handoffDir = path.join(this.resultsDir, '.handoff', this.runId);
    // Test files are set up after reporters, so they inherit this.
    exportSetting(RUN_DIR_VARIABLE, this.handoffDir);
  }

  onRunStart(): void {
    mkdirSync(this.handoffDir, { recursive: true });
    clearConfirmRequest(this.resultsDir);
  }

  /** Test files run one at a time (in band), so results that appeared during one are its own. */
  onTestResult(test: { readonly path: string }): void {
    for (const name of handedOverFileNames(this.handoffDir)) {
      if (!this.specOfResult.has(name)) this.specOfResult.set(name, test.path);
    }
  }

  onRunComplete(_contexts?: unknown, aggregated?: AggregatedResultsLike): void {
    try {
      const measured = collectHandedOverResults(this.handoffDir);
      const baseResults = collectHandedOverResults(path.join(this.handoffDir, BASE_HANDOFF_FOLDER));
      rmSync(this.handoffDir, { recursive: true, force: true });
      if (measured.length === 0) return;
      const pooled = this.confirmOf ? this.poolWithFirstRun(this.confirmOf, measured) : undefined;
      const results = pooled?.results ?? measured;
      const environment = captureEnvironment(resolveProfile());
      const comparison = this.baselineGate
        ? compareRun(results, this.baselinesDir, {
            ...(pooled ? { remeasured: pooled.remeasured } : {}),
            environment,
          })
        : notJudged(results);
      const outputs = writeRunOutputs(this.resultsDir, this.runId, environment, results, comparison, {
        specs: this.specsOf(results),
        distributions: regressionDistributions(comparison.regressions, results, (id) => this.baselineHistograms(id)),
        baseResults,
      });
      const criterion = renderCriterionLines(results, this.baselineGate ? comparison : undefined);
      if (criterion.length > 0) {
        this.print(`\nplanebench · micro-benchmarks, as Criterion prints them\n${criterion.join('\n')}\n`);
      }
      if (pooled) {
        this.print(
          `\nplanebench: confirmation — ${pooled.remeasured.size} scenario(s) measured again; ` +
            'each is judged on the trials of both runs (the rest of the run is as measured first)\n',
        );
      }
      this.print(
        this.baselineGate
          ? `${renderConsoleTable(comparison, {
              ...(pooled ? { only: pooled.remeasured } : {}),
              verbose: setting('PLANEBENCH_VERBOSE') === '1',
              fullReport: path.relative(process.cwd(), path.join(outputs.latestDir, 'summary.md')),
            })}\n`
          : `\nplanebench: ${results.length} scenario(s) measured; not judged against baselines/ (${BASELINE_GATE_VARIABLE}=off)\n`,
      );
      this.print(`planebench: results in ${path.relative(process.cwd(), outputs.latestDir) || '.'}/\n`);
      if (comparison.failed) {
        this.error = new Error(`planebench gate failed:\n  ${failureReasons(comparison).join('\n  ')}`);
        const testsFailed = (aggregated?.numFailedTestSuites ?? 0) + (aggregated?.numRuntimeErrorTestSuites ?? 0) > 0;
        if (!pooled && !testsFailed)
          this.requestConfirmation(comparison, measured, path.join(outputs.runDir, 'results.json'));
      }
    } catch (error) {
      this.error = coerceError(error);
      this.printError(`planebench reporter: ${this.error.message}\n`);
    }
  }

  /** Asks the wrapper to measure again the spec files behind the regressions, when they are the only failure. */
  private requestConfirmation(
    comparison: RunComparison,
    measured: readonly ScenarioResult[],
    resultsFile: string,
  ): void {
    const onlyRegressions =
      comparison.baselineErrors.length === 0 && comparison.scenarios.every((s) => s.status.kind !== 'not-completed');
    if (!onlyRegressions || comparison.regressions.length === 0) return;
    const regressed = new Set(comparison.regressions.map(scenarioId));
    const testFiles = new Set<string>();
    for (const r of measured) {
      if (!regressed.has(scenarioId(r))) continue;
      const spec = this.specOfResult.get(handoffFileName(r));
      if (spec === undefined) return; // a result of unknown origin: nothing sound to re-run
      testFiles.add(spec);
    }
    const file = writeConfirmRequest(this.resultsDir, {
      results: resultsFile,
      testFiles: [...testFiles].sort(),
      regressions: comparison.regressions.map((r) => `${scenarioId(r)} ${r.metric}`),
    });
    this.print(`planebench: confirmation requested in ${path.relative(process.cwd(), file)}\n`);
  }

  /** The committed baseline's histograms of a scenario (suite/scenario/variant), for the regressions' charts. */
  private baselineHistograms(id: string): Readonly<Record<string, RecordedHistogram>> | undefined {
    const [suite, scenario, variant] = id.split('/');
    if (!suite || !scenario || !variant) return undefined;
    try {
      return readBaseline(this.baselinesDir, suite)?.scenarios[`${scenario}/${variant}`]?.histograms;
    } catch {
      return undefined; // an unreadable baseline is reported by the gate already
    }
  }

  /** suite/scenario/variant → the spec file that measured it, where known. */
  private specsOf(results: readonly ScenarioResult[]): Record<string, string> {
    const specs: Record<string, string> = {};
    for (const r of results) {
      const spec = this.specOfResult.get(handoffFileName(r));
      if (spec !== undefined) specs[scenarioId(r)] = spec;
    }
    return specs;
  }

  private poolWithFirstRun(firstResults: string, measured: readonly ScenarioResult[]): PooledRun {
    return poolConfirmation(readResultsFile(firstResults).scenarios, measured);
  }

  getLastError(): Error | undefined {
    return this.error;
  }
}

/** Set to `off` by `planebench compare` for its rounds. */
export const BASELINE_GATE_VARIABLE = 'PLANEBENCH_BASELINE_GATE' satisfies SettingName;

/** A run not judged against baselines: only scenarios that did not complete fail it. */
function notJudged(results: readonly ScenarioResult[]): RunComparison {
  return summarizeRun(
    results.map((r) => ({
      suite: r.suite,
      scenario: r.scenario,
      variant: r.variant,
      profile: r.profile,
      status:
        r.state === 'completed'
          ? { kind: 'no-baseline' as const }
          : { kind: 'not-completed' as const, state: r.state, error: r.error ?? '' },
      metrics: [],
    })),
  );
}

function failureReasons(comparison: RunComparison): string[] {
  return [
    ...comparison.regressions.map((r) => `${scenarioId(r)} ${r.metric} regressed`),
    ...comparison.baselineErrors.map((e) => e.message),
    ...comparison.scenarios
      .filter((s) => s.status.kind === 'not-completed')
      .map((s) => `${scenarioId(s)} did not complete`),
  ];
}
