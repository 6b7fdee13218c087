#!/usr/bin/env node
/** `npm run perf:orchestrator -- --config <name>` or `-- <runs> <tasks_per_run> <duration>`. */
import { runOrchestratorCli } from './index.js';

process.exitCode = await runOrchestratorCli(['perf-test', ...process.argv.slice(2)]);
