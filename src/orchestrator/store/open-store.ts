/** Opens the store a URL names: PostgreSQL for `postgres://…`; without a URL, the embedded SQLite file. */
import { invalid } from '../errors.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; any other URL is an error. */
  readonly databaseUrl?: string;
  /** The SQLite file used when no database URL is given. */
  readonly sqlitePath: string;
  readonly schema?: string;
  /** PostgreSQL: false lets commits return before the log flush (see PostgresStoreOptions). */
  readonly synchronousCommit?: boolean;
  /** PostgreSQL: false keeps this process's runners from offering slots for push dispatch. */
  readonly pushDispatch?: boolean;
}

/** `postgres://user:***@host/db`: a URL as errors and logs show it. */
export function maskPassword(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw invalid('databaseUrl', 'a postgres:// or postgresql:// URL', maskPassword(url));
  }
  // Each driver is loaded only when used: a scheduler's RSS is measured.
  const store: Store =
    url !== undefined
      ? new (await import('./postgres/postgres-store.js')).PostgresStore({
          url,
          ...(options.schema ? { schema: options.schema } : {}),
          ...(options.synchronousCommit === false ? { synchronousCommit: false } : {}),
          ...(options.pushDispatch === false ? { pushDispatch: false } : {}),
        })
      : new (await import('./sqlite/sqlite-store.js')).SqliteStore({ path: options.sqlitePath });
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
