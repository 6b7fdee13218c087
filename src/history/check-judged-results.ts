/**
 * A results.json to be judged or recorded must hold what the comparison
 * reads: its run id, profile and commit, and per metric of a completed
 * scenario its name, direction, gating and trial values. A problem names the
 * file and the field.
 */
import { JsonReader } from '../gate/json-shape.js';
import { PROFILE_NAMES } from '../harness/profile.js';
import type { ResultsFile } from '../gate/results-file.js';

export function checkJudgedResults(file: string, results: ResultsFile): ResultsFile {
  const r = new JsonReader(file);
  r.string(results.runId, 'runId');
  const env = results.environment as unknown as Record<string, unknown>;
  r.oneOf(env['profile'], 'environment.profile', PROFILE_NAMES);
  r.string(env['gitCommit'], 'environment.gitCommit');
  results.scenarios.forEach((s, i) => {
    if (s.state !== 'completed') return;
    (s.metrics as unknown[]).forEach((raw, j) => {
      const field = `scenarios[${i}].metrics[${j}]`;
      const m = r.object(raw, field);
      r.string(m['name'], `${field}.name`);
      r.string(m['kind'], `${field}.kind`);
      r.oneOf(m['direction'], `${field}.direction`, ['smaller', 'bigger'] as const);
      r.boolean(m['gated'], `${field}.gated`);
      r.number(m['value'], `${field}.value`);
      r.numbers(m['trials'], `${field}.trials`);
    });
  });
  return results;
}
