/**
 * `planebench orchestrator trigger <workflow> [--count N] [--file workflow.yaml]`:
 * creates runs of a workflow (defined from --file first, if given) and prints their ids: one line
 * for a person, or with --json one JSON object.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { wallClockUs } from '../../../orchestrator/clock.js';
import { OrchestratorError, coerceError } from '../../../orchestrator/errors.js';
import { validateWorkflow } from '../../../orchestrator/workflow.js';
import { integerFlag } from '../number-flag.js';
import { STORE_FLAGS, STORE_USAGE, openStoreFromFlags } from '../store-args.js';

export const usage = `Usage: planebench orchestrator trigger [<workflow>] [--file workflow.yaml] [--count N]
Creates N (default 1) pending runs of a workflow and prints their ids; \`run\` runs them.
  <workflow>                 the workflow's name (default: the name in --file)
  --file <workflow.yaml>     defines (or replaces) the workflow first; see
                             test-scripts/orchestrator/example-workflow.yaml
  --count N                  how many runs (default 1)
  --json                     one JSON object instead: {"event":"triggered","workflow":…,"runIds":[…]}
The SQLite store must exist (\`run\` creates it).
${STORE_USAGE}`;

export async function triggerCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...STORE_FLAGS, count: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' } },
  });
  const name = positionals[0];
  const workflow = values.file ? readWorkflowFile(values.file) : undefined;
  const workflowName = name ?? workflow?.name;
  if (!workflowName) throw new OrchestratorError('trigger needs a workflow name or --file', { invalidInput: true });
  const count = integerFlag('count', values.count) ?? 1;
  const store = await openStoreFromFlags(values, { existing: true });
  try {
    if (workflow) await store.upsertWorkflow(workflow);
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) ids.push(await store.triggerRun(workflowName, wallClockUs()));
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ event: 'triggered', workflow: workflowName, runIds: ids })}\n`
        : `triggered ${ids.length} run${ids.length === 1 ? '' : 's'} of ${workflowName}: ${ids.join(', ')}\n`,
    );
  } finally {
    await store.close();
  }
  return 0;
}

function readWorkflowFile(path: string) {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new OrchestratorError(`Cannot read workflow file ${path}: ${coerceError(error).message}`, {
      cause: error,
      invalidInput: true,
    });
  }
  try {
    return validateWorkflow(raw);
  } catch (error) {
    throw new OrchestratorError(`${path}: ${coerceError(error).message}`, { cause: error, invalidInput: true });
  }
}
