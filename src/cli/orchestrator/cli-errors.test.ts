/** Errors of the real `planebench orchestrator` commands: what was typed, what was expected, the exit code, no stack. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const EXPECTED_URL = 'a postgres:// or postgresql:// URL (for SQLite, leave it out and give --db <file>)';

describe('planebench orchestrator errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'planebench-cli-errors-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a --database-url that is not a PostgreSQL URL instead of running on SQLite', () => {
    const run = runCli(['clean-data', '--database-url', 'localhost']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Expected \`--database-url\` to be ${EXPECTED_URL}, got \`localhost\` (string)\n`);
  }, 60_000);

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, its password masked', () => {
    const run = runCli(['status'], { DATABASE_URL: 'mysql://me:secret@db/z' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`Expected \`DATABASE_URL\` to be ${EXPECTED_URL}, got \`mysql://me:***@db/z\` (string)\n`);
  }, 60_000);

  it('refuses --database-url and --db together', () => {
    const run = runCli(['status', '--database-url', 'postgres://x@h/d', '--db', join(dir, 'o.db')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('Give --database-url (PostgreSQL) or --db (SQLite), not both\n');
  }, 60_000);

  test.each([['trigger', 'hello'], ['clean-data'], ['status'], ['logs', '1']])(
    '%s names a --db that does not exist, and creates nothing',
    (...command) => {
      const db = join(dir, 'missing', 'o.db');
      const run = runCli([...command, '--db', db]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `--db ${db} does not exist; expected an existing SQLite store (\`planebench orchestrator run --db ${db}\` creates one)\n`,
      );
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    },
    60_000,
  );

  it('names the perf-test argument that is not a number as the usage names it', () => {
    const run = runCli(['perf-test', 'ten', '5', '0.1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('Expected `<runs>` to be a positive integer, got `ten` (string)\n');
  }, 60_000);

  test.each([[['status']], [['perf-test', '1', '1', '0.1', '--no-save', '--no-ceiling']]])(
    '%j on a PostgreSQL nobody listens on: one line with the masked URL and how to start it, exit 1',
    (command) => {
      const run = runCli([...command, '--database-url', 'postgres://x:y@127.0.0.1:1/db']);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        'Cannot connect to the PostgreSQL store at postgres://x:***@127.0.0.1:1/db (connect ECONNREFUSED 127.0.0.1:1); ' +
          'start the database with `bash test-scripts/orchestrator/setup-postgres.sh`, it prints the URL to use\n',
      );
    },
    60_000,
  );
});
