/**
 * Long crash drill for the registry: `node dist/scripts/bench/registry-crash-soak.js [rounds] [seed]`.
 * Kills a publishing `canon serve` with SIGKILL `rounds` times (default 50), then checks the database.
 * The default test suite runs the same drill with 3 rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashDrill } from '../../test/crash-drill.js';

const rounds = Number(process.argv[2] ?? 50);
const seed = Number(process.argv[3] ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'canon-crash-soak-'));
try {
  const report = await crashDrill({ dir, rounds, seed });
  console.log(JSON.stringify(report, null, 2));
  process.exitCode =
    report.integrity === 'ok' && report.foreignKeyProblems === 0 && report.lost.length === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
