#!/usr/bin/env node
/** `npm run perf:orchestrator:all`: every config in perf-configs/ (src/cli/orchestrator/commands/perf-all.ts). */
import { runOrchestratorCli } from './index.js';

process.exitCode = await runOrchestratorCli(['perf-all', ...process.argv.slice(2)]);
