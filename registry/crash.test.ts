import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crashDrill } from '../test/crash-drill.js';
import { type StoreKind, temporaryDatabase } from '../test/temporary-database.js';

// The default suite runs 3 rounds per setup; `scripts/bench/registry-crash-soak.ts` runs the
// long drill (docs/registry.md, "How it is tested").
const SETUPS: { store: StoreKind; replicas: number }[] = [
  { store: 'sqlite', replicas: 1 },
  { store: 'postgres', replicas: 1 },
  { store: 'postgres', replicas: 2 },
  { store: 'postgres', replicas: 3 },
];

for (const { store, replicas } of SETUPS) {
  test(`SIGKILL one of ${replicas} process(es) on ${store} during publishes, restart, repeat: nothing acknowledged is lost`, async () => {
    const database = await temporaryDatabase(store, 'crash');
    try {
      const report = await crashDrill({ database, rounds: 3, seed: 7, replicas });
      if (store === 'sqlite') {
        assert.equal(report.integrity, 'ok');
        assert.equal(report.foreignKeyProblems, 0);
      }
      assert.ok(report.acknowledged > 0, 'some publishes were acknowledged');
      assert.deepEqual(report.lost, []);
      assert.deepEqual(report.duplicated, []);
      assert.deepEqual(report.wrongPredecessor, []);
      assert.ok(report.stored >= report.acknowledged);
    } finally {
      await database.dispose();
    }
  });
}
