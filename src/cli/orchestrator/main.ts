#!/usr/bin/env node
/** Entry point for `node --import tsx src/cli/orchestrator/main.ts <command>` (scheduler and worker processes). */
import { runOrchestratorCli } from './index.js';

process.exitCode = await runOrchestratorCli(process.argv.slice(2));
