/**
 * Reads what `planebench compare` left in its output folder: each round's
 * results (rounds/<n>-<side>/latest/results.json, or a duet round's
 * rounds/<n>-duet/latest/results.json and base-results.json) and the pooled sides
 * (base-results.json, results.json). Missing or malformed files are errors
 * naming the file.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BASE_RESULTS_FILE, readResultsFile, type ResultsFile } from './results-file.js';

export interface CompareRound {
  readonly round: number;
  readonly side: 'base' | 'head';
  /** Measured in a duet round: this side's trials are twins of the other side's. */
  readonly duet: boolean;
  readonly results: ResultsFile;
}

export function readCompareRounds(dir: string): CompareRound[] {
  const roundsDir = path.join(dir, 'rounds');
  if (!existsSync(roundsDir)) {
    throw new Error(`${roundsDir}: no rounds here; expected the output folder of \`planebench compare\``);
  }
  const rounds: CompareRound[] = [];
  for (const name of readdirSync(roundsDir).sort()) {
    const match = /^(\d+)-(base|head|duet)$/.exec(name);
    if (!match) continue;
    const round = Number(match[1]);
    const read = (file: string): ResultsFile => {
      const at = path.join(roundsDir, name, 'latest', file);
      if (!existsSync(at)) throw new Error(`${at}: missing; round ${name} of the comparison wrote no results`);
      return readResultsFile(at);
    };
    if (match[2] === 'duet') {
      rounds.push({ round, side: 'base', duet: true, results: read(BASE_RESULTS_FILE) });
      rounds.push({ round, side: 'head', duet: true, results: read('results.json') });
    } else {
      rounds.push({ round, side: match[2] as 'base' | 'head', duet: false, results: read('results.json') });
    }
  }
  if (rounds.length === 0) {
    throw new Error(`${roundsDir}: expected folders named <round>-duet, or <round>-base and <round>-head`);
  }
  return rounds;
}

export function readCompareSides(dir: string): { readonly base: ResultsFile; readonly head: ResultsFile } {
  return {
    base: readResultsFile(path.join(dir, 'base-results.json')),
    head: readResultsFile(path.join(dir, 'results.json')),
  };
}
