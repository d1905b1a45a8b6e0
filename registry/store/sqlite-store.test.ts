import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { SqliteStore } from './sqlite-store.js';

test('migrations run once, in order, and bring an older database up to date', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-migrations-'));
  try {
    const file = join(dir, 'r.db');
    // A database as the first release left it: only migration 1.
    const old = new Database(file);
    old.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    old.exec(SQLITE_MIGRATIONS[0]!.sql);
    old.prepare("INSERT INTO schema_migrations VALUES (1, 'first', 'then')").run();
    old
      .prepare("INSERT INTO organizations (key, created_at, created_by) VALUES ('acme', 'then', 'someone')")
      .run();
    old.close();

    for (let i = 0; i < 2; i++) {
      const store = new SqliteStore(file);
      const applied = store.db
        .prepare('SELECT version FROM schema_migrations ORDER BY version')
        .pluck()
        .all();
      assert.deepEqual(
        applied,
        SQLITE_MIGRATIONS.map((m) => m.version),
      );
      assert.deepEqual(await store.getOrganization('acme'), {
        key: 'acme',
        createdAt: 'then',
        createdBy: 'someone',
      });
      assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
