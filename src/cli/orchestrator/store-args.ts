/** The flags every orchestrator command shares: which store to open. */
import { setting } from '../../harness/settings.js';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OrchestratorError, invalid } from '../../orchestrator/errors.js';
import { maskPassword, openStore } from '../../orchestrator/store/open-store.js';
import type { Store } from '../../orchestrator/store/store.js';
import { unreachableStore } from './unreachable-store.js';

export const STORE_FLAGS = {
  'database-url': { type: 'string' },
  db: { type: 'string' },
  schema: { type: 'string' },
  'async-commit': { type: 'boolean' },
  'pull-only': { type: 'boolean' },
} as const;

export interface StoreFlags {
  readonly 'database-url'?: string | undefined;
  readonly db?: string | undefined;
  readonly schema?: string | undefined;
  readonly 'async-commit'?: boolean | undefined;
  readonly 'pull-only'?: boolean | undefined;
}

export const DEFAULT_SQLITE_PATH = join(tmpdir(), 'planebench', 'orchestrator.db');

export const STORE_USAGE = `Store (the same for every command):
  --database-url <url>     PostgreSQL, a postgres:// or postgresql:// URL (else DATABASE_URL; anything else is an error)
  --schema <name>          PostgreSQL schema (default orchestrator)
  --async-commit           PostgreSQL: commits do not wait for the log flush (at least once either way)
  --pull-only              PostgreSQL: an idle scheduler or worker offers no slots; every task is claimed
  --db <file>              SQLite, this file even when DATABASE_URL is set (default without a URL:
                           ${DEFAULT_SQLITE_PATH})`;

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/**
 * The PostgreSQL URL from `--database-url`, else DATABASE_URL (empty = unset)
 * unless `--db` is given; undefined selects SQLite. A URL that is not
 * postgres:// or postgresql:// is an error naming the flag or variable it came
 * from, and so are both flags at once.
 */
export function databaseUrlOf(
  flags: Pick<StoreFlags, 'database-url' | 'db'>,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const flag = flags['database-url'];
  if (flag !== undefined && flags.db !== undefined) {
    throw new OrchestratorError('Give --database-url (PostgreSQL) or --db (SQLite), not both', { invalidInput: true });
  }
  if (flags.db !== undefined) return undefined;
  const [source, url] = flag === undefined ? ['DATABASE_URL', setting('DATABASE_URL', env)] : ['--database-url', flag];
  if (url === undefined) return undefined;
  if (!POSTGRES_URL.test(url)) {
    throw invalid(
      source,
      'a postgres:// or postgresql:// URL (for SQLite, leave it out and give --db <file>)',
      maskPassword(url),
    );
  }
  return url;
}

/** `--database-url` or DATABASE_URL selects PostgreSQL; otherwise the SQLite file `--db`. */
export function describeStore(flags: StoreFlags, env: NodeJS.ProcessEnv = process.env): string {
  const url = databaseUrlOf(flags, env);
  return url ? `postgres (${maskPassword(url)})` : `sqlite (${flags.db ?? DEFAULT_SQLITE_PATH})`;
}

export interface OpenFromFlagsOptions {
  /** The SQLite file must exist already: commands that only read or clean it do not create one. */
  readonly existing?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

export async function openStoreFromFlags(flags: StoreFlags, options: OpenFromFlagsOptions = {}): Promise<Store> {
  const databaseUrl = databaseUrlOf(flags, options.env);
  const sqlitePath = flags.db ?? DEFAULT_SQLITE_PATH;
  if (!databaseUrl && options.existing && !existsSync(sqlitePath)) throw missingSqliteStore(flags.db, sqlitePath);
  if (!databaseUrl) mkdirSync(dirname(sqlitePath), { recursive: true });
  try {
    return await openStore({
      sqlitePath,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(flags.schema ? { schema: flags.schema } : {}),
      ...(flags['async-commit'] ? { synchronousCommit: false } : {}),
      ...(flags['pull-only'] ? { pushDispatch: false } : {}),
    });
  } catch (error) {
    throw (databaseUrl && unreachableStore(error, databaseUrl)) || error;
  }
}

function missingSqliteStore(flag: string | undefined, path: string): OrchestratorError {
  const given = flag === undefined ? `--db not given: the default SQLite store ${path}` : `--db ${path}`;
  return new OrchestratorError(
    `${given} does not exist; expected an existing SQLite store (\`planebench orchestrator run --db ${path}\` creates one)`,
    { invalidInput: true },
  );
}
