/**
 * Reads what `planebench compare` left in its output folder: each round's
 * results (rounds/<n>-<side>/latest/results.json) and the pooled sides
 * (base-results.json, results.json). Missing or malformed files are errors
 * naming the file.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readResultsFile, type ResultsFile } from './results-file.js';

export interface CompareRound {
  readonly round: number;
  readonly side: 'base' | 'head';
  readonly results: ResultsFile;
}

export function readCompareRounds(dir: string): CompareRound[] {
  const roundsDir = path.join(dir, 'rounds');
  if (!existsSync(roundsDir)) {
    throw new Error(`${roundsDir}: no rounds here; expected the output folder of \`planebench compare\``);
  }
  const rounds: CompareRound[] = [];
  for (const name of readdirSync(roundsDir).sort()) {
    const match = /^(\d+)-(base|head)$/.exec(name);
    if (!match) continue;
    const file = path.join(roundsDir, name, 'latest', 'results.json');
    if (!existsSync(file)) throw new Error(`${file}: missing; round ${name} of the comparison wrote no results`);
    rounds.push({ round: Number(match[1]), side: match[2] as 'base' | 'head', results: readResultsFile(file) });
  }
  if (rounds.length === 0) throw new Error(`${roundsDir}: expected folders named <round>-base and <round>-head`);
  return rounds;
}

export function readCompareSides(dir: string): { readonly base: ResultsFile; readonly head: ResultsFile } {
  return {
    base: readResultsFile(path.join(dir, 'base-results.json')),
    head: readResultsFile(path.join(dir, 'results.json')),
  };
}
