import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** The two storage backends every store and HTTP suite runs on. */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** The machine's test database (trust auth); `CANON_TEST_POSTGRES` points elsewhere. */
export const TEST_POSTGRES_URL = process.env.CANON_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database only this test uses: what `--db` takes, a scratch directory, and its removal. */
export interface TemporaryDatabase {
  kind: StoreKind;
  /** A SQLite file in `dir`, or a PostgreSQL URL naming a schema of its own. */
  db: string;
  dir: string;
  /** The PostgreSQL schema (postgres only). */
  schema?: string;
  /** Reads rows straight from the database, past the registry (for checks a test makes). */
  query<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  dispose(): Promise<void>;
}

/**
 * A fresh SQLite file, or a fresh PostgreSQL schema with a unique name (tests run in parallel
 * with other test files: nothing is shared). `dispose` drops the schema and the directory.
 */
export async function temporaryDatabase(kind: StoreKind, name = 'registry'): Promise<TemporaryDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `canon-${name}-`));
  if (kind === 'sqlite') {
    const db = join(dir, `${name}.db`);
    return {
      kind,
      db,
      dir,
      query: async <R>(sql: string) => {
        const file = new Database(db, { readonly: true });
        try {
          return file.prepare(sql).all() as R[];
        } finally {
          file.close();
        }
      },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `canon_test_${process.pid}_${randomBytes(5).toString('hex')}`;
  await onTestDatabase((client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    kind,
    db: `${TEST_POSTGRES_URL}?schema=${schema}`,
    dir,
    schema,
    query: <R>(sql: string) =>
      onTestDatabase(async (client) => (await client.query(sql)).rows as R[], schema),
    dispose: async () => {
      try {
        await onTestDatabase((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Runs `work` on a connection of its own to the test database, closed afterwards. */
export async function onTestDatabase<T>(
  work: (client: pg.Client) => Promise<T>,
  schema?: string,
): Promise<T> {
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
