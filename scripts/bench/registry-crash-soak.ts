/**
 * Long crash drill for the registry:
 *
 *   node dist/scripts/bench/registry-crash-soak.js [rounds=50] [seed=1] [sqlite|postgres] [replicas=1]
 *
 * Kills one publishing `canon serve` (of `replicas` on one database) with SIGKILL `rounds` times,
 * then checks the database. The default test suite runs the same drill with 3 rounds per setup.
 * PostgreSQL: the test database (`CANON_TEST_POSTGRES`), in a schema of its own, dropped after.
 */
import { crashDrill } from '../../test/crash-drill.js';
import { type StoreKind, temporaryDatabase } from '../../test/temporary-database.js';

const rounds = Number(process.argv[2] ?? 50);
const seed = Number(process.argv[3] ?? 1);
const store = (process.argv[4] ?? 'sqlite') as StoreKind;
const replicas = Number(process.argv[5] ?? 1);
const database = await temporaryDatabase(store, 'crash-soak');
try {
  const report = await crashDrill({ database, rounds, seed, replicas });
  console.log(JSON.stringify({ store, ...report }, null, 2));
  const intact = store === 'postgres' || (report.integrity === 'ok' && report.foreignKeyProblems === 0);
  process.exitCode =
    intact &&
    report.lost.length === 0 &&
    report.duplicated.length === 0 &&
    report.wrongPredecessor.length === 0
      ? 0
      : 1;
} finally {
  await database.dispose();
}
