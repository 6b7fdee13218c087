/** The flags every orchestrator command shares: which store to open. */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openStore } from '../../orchestrator/store/open-store.js';
import type { Store } from '../../orchestrator/store/store.js';

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

/** `--database-url` or DATABASE_URL selects PostgreSQL; otherwise the SQLite file `--db`. */
export function describeStore(flags: StoreFlags, env: NodeJS.ProcessEnv = process.env): string {
  const url = flags['database-url'] ?? env['DATABASE_URL'];
  return url ? `postgres (${url.replace(/:[^:@/]*@/, ':***@')})` : `sqlite (${flags.db ?? DEFAULT_SQLITE_PATH})`;
}

export async function openStoreFromFlags(flags: StoreFlags, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const databaseUrl = flags['database-url'] ?? env['DATABASE_URL'];
  const sqlitePath = flags.db ?? DEFAULT_SQLITE_PATH;
  if (!databaseUrl) mkdirSync(dirname(sqlitePath), { recursive: true });
  return openStore({
    sqlitePath,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(flags.schema ? { schema: flags.schema } : {}),
    ...(flags['async-commit'] ? { synchronousCommit: false } : {}),
    ...(flags['pull-only'] ? { pushDispatch: false } : {}),
  });
}
