#!/usr/bin/env node
// The managed test executable with a gate (after the original's testexe):
//   node gated-process.mjs --ready <file> --ack <file> --gate <file>
//        [--ignore-sigterm] [--descendant]
// 1. writes its pid to the `ready` file;
// 2. on SIGTERM writes the `ack` file, then blocks until the `gate` file
//    exists and exits 0 (with --ignore-sigterm it acknowledges and never exits);
// --descendant first starts a grandchild in the same process group that ignores
//    SIGTERM and writes its pid on the ready file's second line, so a test can
//    check that the whole group is killed.
import { spawn } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GATE_POLL_MS = 5;

function option(name) {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (value === undefined || value.startsWith('--')) {
    process.stderr.write(`gated-process: missing ${name} <file>\n`);
    process.exit(2);
  }
  return value;
}

const readyFile = option('--ready');
const ackFile = option('--ack');
const gateFile = option('--gate');
const ignoreSigterm = process.argv.includes('--ignore-sigterm');
const withDescendant = process.argv.includes('--descendant');

const keepAlive = setInterval(() => undefined, 1 << 30);
let stopping = false;

process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  writeFileSync(ackFile, `${process.pid}\n`);
  if (ignoreSigterm) return;
  const poll = setInterval(() => {
    if (!existsSync(gateFile)) return;
    clearInterval(poll);
    clearInterval(keepAlive);
    process.exit(0);
  }, GATE_POLL_MS);
});

const lines = [String(process.pid)];
if (withDescendant) {
  const plain = fileURLToPath(new URL('./plain-process.sh', import.meta.url));
  const grandchild = spawn('/bin/sh', [plain, 'ignore-sigterm'], { stdio: 'ignore' });
  grandchild.unref();
  lines.push(String(grandchild.pid));
}
// Written whole, then renamed, so a reader never sees half a file.
writeFileSync(`${readyFile}.tmp`, `${lines.join('\n')}\n`);
renameSync(`${readyFile}.tmp`, readyFile);
