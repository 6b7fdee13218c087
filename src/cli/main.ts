#!/usr/bin/env node
/** The `planebench` command. */
import { coerceError } from '../lib/coerce-error.js';
import { runBaselineCommand } from './baseline-command.js';
import { runCalibrateCommand } from './calibrate-command.js';
import { runCompareCommand } from './compare-command.js';
import { runOrchestratorCli } from './orchestrator/index.js';
import { runPowerCommand } from './power-command.js';
import { runTrendCommand } from './trend-command.js';

type Command = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, { readonly run: Command; readonly help: string }>> = {
  baseline: { run: runBaselineCommand, help: 'baseline update [selector…]   write baselines from perf-results/latest' },
  calibrate: {
    run: runCalibrateCommand,
    help: "calibrate [--rounds k] [--from dir] [pattern…]  measure each metric's noise → baselines/noise.json",
  },
  compare: {
    run: runCompareCommand,
    help: 'compare --base <ref> [--rounds n] [pattern…]  head against base, interleaved, gated',
  },
  orchestrator: {
    run: (argv) => runOrchestratorCli([...argv]),
    help: 'orchestrator run | trigger | worker | status | logs | clean-data | perf-test …   the workflow orchestrator',
  },
  power: {
    run: runPowerCommand,
    help: 'power --results <compare dir> | --committed <results.json>  how large a slowdown the gate catches, on an A/A run',
  },
  trend: {
    run: runTrendCommand,
    help: 'trend [--check]               add runs to perf-results/trend/data.js, render index.html',
  },
};

function usage(): string {
  return ['usage: planebench <command> …', ...Object.values(COMMANDS).map((c) => `  planebench ${c.help}`)].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`planebench: unknown command \`${name}\`\n${usage()}\n`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`planebench: ${coerceError(error).message}\n`);
    process.exitCode = 1;
  },
);
