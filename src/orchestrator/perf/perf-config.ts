/**
 * Perf-test configurations: perf-configs/<name>.yaml with the original's
 * fields. A file is parsed against a schema; an error names the file, the
 * field and what was expected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { RULES, validators } from '../../lib/validate.js';
import { OrchestratorError, coerceError, invalid } from '../errors.js';
import type { SchedulerOptions } from '../options.js';

export const PERF_CONFIG_DIR = fileURLToPath(new URL('../../../perf-configs/', import.meta.url));

export interface PerfConfig {
  readonly name: string;
  readonly runs: number;
  readonly tasksPerRun: number;
  readonly taskDurationSec: number;
  readonly scheduler: Required<
    Pick<SchedulerOptions, 'pollIntervalMs' | 'batchSize' | 'concurrency' | 'statusBatchSize'>
  >;
}

const SCHEMA = {
  workflows: { check: 'positiveInteger', required: true },
  tasks_per_workflow: { check: 'positiveInteger', required: true },
  duration: { check: 'positiveNumber', required: true },
  poll_interval_secs: { check: 'positiveNumber', required: false },
  max_tasks_per_batch: { check: 'positiveInteger', required: false },
  max_concurrent_dispatches: { check: 'positiveInteger', required: false },
  max_concurrent_status_checks: { check: 'positiveInteger', required: false },
} as const;

type Field = keyof typeof SCHEMA;

const DEFAULT_SCHEDULER = { pollIntervalMs: 1000, batchSize: 100, concurrency: 50, statusBatchSize: 100 } as const;

/** Validates parsed YAML; `where` names the file in errors. */
export function parsePerfConfig(name: string, raw: unknown, where: string): PerfConfig {
  const fail = (message: string) => new OrchestratorError(`${where}: ${message}`, { invalidInput: true });
  const check = validators((field, rule, value) => {
    throw invalid(field, rule, value, where);
  });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw fail(`Expected a mapping of fields (${Object.keys(SCHEMA).join(', ')}), got \`${JSON.stringify(raw)}\``);
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(SCHEMA, key)) {
      throw fail(`Unknown field \`${key}\`; expected one of ${Object.keys(SCHEMA).join(', ')}`);
    }
  }
  for (const [field, spec] of Object.entries(SCHEMA) as [Field, (typeof SCHEMA)[Field]][]) {
    const value = record[field];
    if (value === undefined) {
      const rule = spec.check === 'positiveNumber' ? RULES.positiveNumber() : RULES[spec.check];
      if (spec.required) throw fail(`Missing required field \`${field}\` (${rule})`);
      continue;
    }
    check[spec.check](field, value);
  }
  const pick = (field: Field): number | undefined => record[field] as number | undefined;
  const pollSecs = pick('poll_interval_secs');
  return {
    name,
    runs: pick('workflows')!,
    tasksPerRun: pick('tasks_per_workflow')!,
    taskDurationSec: pick('duration')!,
    scheduler: {
      pollIntervalMs:
        pollSecs === undefined ? DEFAULT_SCHEDULER.pollIntervalMs : Math.max(1, Math.round(pollSecs * 1000)),
      batchSize: pick('max_tasks_per_batch') ?? DEFAULT_SCHEDULER.batchSize,
      concurrency: pick('max_concurrent_dispatches') ?? DEFAULT_SCHEDULER.concurrency,
      statusBatchSize: pick('max_concurrent_status_checks') ?? DEFAULT_SCHEDULER.statusBatchSize,
    },
  };
}

/** Loads `perf-configs/<name>.yaml`, or a path to a YAML file. */
export function loadPerfConfig(nameOrPath: string, dir: string = PERF_CONFIG_DIR): PerfConfig {
  const isPath = nameOrPath.includes('/') || /\.ya?ml$/.test(nameOrPath);
  const path = isPath ? nameOrPath : `${dir}${nameOrPath}.yaml`;
  const name = isPath ? (nameOrPath.split('/').pop() ?? nameOrPath).replace(/\.ya?ml$/, '') : nameOrPath;
  if (!existsSync(path)) {
    throw new OrchestratorError(`No perf config \`${nameOrPath}\`: ${path} does not exist`, { invalidInput: true });
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OrchestratorError(`${path}: not valid YAML: ${coerceError(error).message}`, {
      cause: error,
      invalidInput: true,
    });
  }
  return parsePerfConfig(name, raw, path);
}

/** A configuration from `<runs> <tasks_per_run> <duration>` on the command line. */
export function adHocPerfConfig(runs: number, tasksPerRun: number, durationSec: number): PerfConfig {
  return parsePerfConfig(
    'custom',
    { workflows: runs, tasks_per_workflow: tasksPerRun, duration: durationSec },
    'command line',
  );
}

export const PERF_CONFIG_NAMES = ['quick', 'standard', 'heavy', 'latency', 'memory'] as const;

/**
 * Tasks done before the run counts as warmed up: a quarter of them, and at least one per slot.
 * By then the scheduler's young generation has grown to its limit (docs/orchestrator.md,
 * "Memory"), so RSS growth after it is not start-up; what a leak grows is.
 */
export function warmUpTaskCount(config: PerfConfig): number {
  return Math.max(config.scheduler.concurrency, Math.ceil((config.runs * config.tasksPerRun) / 4));
}
