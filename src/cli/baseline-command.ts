/** `planebench baseline update [selector…]` — see src/gate/update-baselines.ts. */
import path from 'node:path';
import { updateBaselines } from '../gate/update-baselines.js';
import { resultsRoot } from '../harness/paths.js';
import { readResultsFile } from '../report/results-file.js';

export async function runBaselineCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'update') {
    process.stderr.write(
      'usage: planebench baseline update [--results <results.json>] [--baselines <dir>] [selector…]\n',
    );
    return 2;
  }
  let resultsFile = path.join(resultsRoot(), 'latest', 'results.json');
  let baselinesDir = path.resolve('baselines');
  const selectors: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] as string;
    if (arg === '--results' || arg === '--baselines') {
      const value = rest[i + 1];
      if (!value) throw new Error(`Expected a path after \`${arg}\``);
      if (arg === '--results') resultsFile = path.resolve(value);
      else baselinesDir = path.resolve(value);
      i += 1;
    } else if (arg.startsWith('--')) {
      throw new Error(`Unknown option \`${arg}\` for \`planebench baseline update\``);
    } else {
      selectors.push(arg);
    }
  }
  const results = readResultsFile(resultsFile);
  const changes = updateBaselines(baselinesDir, results.scenarios, results.environment, selectors);
  for (const c of changes) {
    const profile =
      c.previousProfile && c.previousProfile !== c.profile ? `${c.previousProfile} → ${c.profile}` : c.profile;
    process.stdout.write(
      `${c.action === 'added' ? 'added   ' : 'replaced'} ${c.suite}/${c.key} (${c.metrics} metrics, profile ${profile})\n`,
    );
  }
  const suites = new Set(changes.map((c) => c.suite));
  process.stdout.write(
    `planebench: ${changes.length} baseline entr${changes.length === 1 ? 'y' : 'ies'} written in ${suites.size} file(s) under ${path.relative(process.cwd(), baselinesDir) || '.'}/ from ${path.relative(process.cwd(), resultsFile)}\n`,
  );
  return 0;
}
