/** Opens the store a URL names: PostgreSQL for `postgres://…`, else the embedded SQLite file. */
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL. */
  readonly databaseUrl?: string;
  /** The SQLite file used when no database URL is given. */
  readonly sqlitePath: string;
  readonly schema?: string;
  /** PostgreSQL: false lets commits return before the log flush (see PostgresStoreOptions). */
  readonly synchronousCommit?: boolean;
  /** PostgreSQL: false keeps this process's runners from offering slots for push dispatch. */
  readonly pushDispatch?: boolean;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  // Each driver is loaded only when used: a scheduler's RSS is measured.
  const store: Store =
    url && /^postgres(ql)?:\/\//.test(url)
      ? new (await import('./postgres/postgres-store.js')).PostgresStore({
          url,
          ...(options.schema ? { schema: options.schema } : {}),
          ...(options.synchronousCommit === false ? { synchronousCommit: false } : {}),
          ...(options.pushDispatch === false ? { pushDispatch: false } : {}),
        })
      : new (await import('./sqlite/sqlite-store.js')).SqliteStore({ path: url ?? options.sqlitePath });
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
