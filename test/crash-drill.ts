import { ADMIN, Http } from './registry-harness.js';
import { type CanonProcess, startCanon } from './spawn.js';
import type { TemporaryDatabase } from './temporary-database.js';

export interface CrashDrillReport {
  rounds: number;
  replicas: number;
  acknowledged: number;
  stored: number;
  /** SQLite's `integrity_check` and `foreign_key_check` (PostgreSQL enforces both itself). */
  integrity?: string;
  foreignKeyProblems?: number;
  /** Acknowledged versions missing from the database, or stored with other content. */
  lost: string[];
  /** Versions stored more than once under one service and number. */
  duplicated: string[];
  /** Versions whose change log is not against their semver predecessor, or a wrong latest. */
  wrongPredecessor: string[];
}

/** A small seeded PRNG (mulberry32), so that a failing drill can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function spec(n: number): string {
  const fields = [{ name: 'id', type: 'string' }];
  for (let f = 1; f <= n % 40; f++) fields.push({ name: `f${f}`, type: 'string', required: false } as never);
  return JSON.stringify({ name: 'crash', models: { thing: { fields } } });
}

/**
 * Publishes in a loop (several clients at once) against `replicas` `canon serve` processes on one
 * database, kills one of them with SIGKILL at a random moment, restarts it, and repeats; then
 * reads the database directly: integrity (SQLite), every version whose publish was acknowledged
 * there and unchanged, none twice, each change log against its true predecessor. Versions go to
 * seven services, so publishes of one service meet on different replicas; the gate may refuse
 * some (409), which is an answer too.
 */
export async function crashDrill(options: {
  database: TemporaryDatabase;
  rounds: number;
  seed: number;
  workers?: number;
  replicas?: number;
}): Promise<CrashDrillReport> {
  const { database } = options;
  const replicas = options.replicas ?? 1;
  const random = seeded(options.seed);
  const acknowledged = new Map<string, string>();
  const start = () =>
    startCanon(['serve', '--port', '0', '--db', database.db], { env: { CANON_ADMIN_TOKEN: ADMIN } });
  const servers: CanonProcess[] = await Promise.all(Array.from({ length: replicas }, start));
  let next = 0;
  try {
    for (let round = 0; round < options.rounds; round++) {
      const victim = Math.floor(random() * replicas);
      let stopping = false;
      let killed = false;
      let firstAck: () => void = () => {};
      const acked = new Promise<void>((resolve) => (firstAck = resolve));
      const worker = async (w: number) => {
        const target = w % replicas;
        const http = new Http(servers[target]!.url);
        while (!stopping) {
          const n = next++;
          const app = `svc-${n % 7}`;
          const version = `1.${n}.0`;
          try {
            const answer = await http.publish('crash', app, version, spec(n));
            if (answer.status === 201 || answer.status === 200) {
              acknowledged.set(`${app}@${version}`, answer.json.version.content_hash);
              firstAck();
            } else if (answer.status !== 409) throw new Error(`unexpected ${answer.status}: ${answer.text}`);
          } catch (error) {
            // Only the killed replica may fail to answer.
            if (!(killed && target === victim)) throw error;
            return;
          }
        }
      };
      const publishing = Promise.all(Array.from({ length: options.workers ?? 4 }, (_, w) => worker(w)));
      publishing.catch(() => {}); // observed below, after the kill
      // Kill at a random moment once publishing is under way (start-up time varies with load);
      // a publisher that fails first, or no acknowledgement within a minute, ends the drill.
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no publish acknowledged within 60 s')), 60_000);
      });
      const early = publishing.then(() => Promise.reject(new Error('publishers stopped early')));
      for (const p of [stalled, early]) p.catch(() => {}); // only the race below reads them
      try {
        await Promise.race([acked, stalled, early]);
        await new Promise((resolve) => setTimeout(resolve, random() * 400));
      } finally {
        clearTimeout(timer);
        killed = true;
        await servers[victim]!.stop('SIGKILL');
        stopping = true;
      }
      await publishing;
      // Each restart is checked by the round that publishes to it; after the last round there is
      // none, and a server that would only start and stop again checks nothing the rounds did not.
      if (round < options.rounds - 1) servers[victim] = await start();
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  return inspect(database, acknowledged, options.rounds, replicas);
}

async function inspect(
  database: TemporaryDatabase,
  acknowledged: Map<string, string>,
  rounds: number,
  replicas: number,
): Promise<CrashDrillReport> {
  const rows = await database.query<{
    app: string;
    version: string;
    sort_key: string;
    hash: string;
    previous: string | null;
    latest: string | null;
  }>(
    `SELECT s.key AS app, v.version, v.sort_key, v.content_hash AS hash, pv.version AS previous, lv.version AS latest
       FROM versions v JOIN services s ON s.id = v.service_id LEFT JOIN versions pv ON pv.id = v.previous_version_id
       LEFT JOIN versions lv ON lv.id = s.latest_version_id`,
  );
  const stored = new Map(rows.map((r) => [`${r.app}@${r.version}`, r.hash]));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.app}@${r.version}`, (counts.get(`${r.app}@${r.version}`) ?? 0) + 1);
  const wrongPredecessor: string[] = [];
  const byApp = new Map<string, typeof rows>();
  for (const r of rows) byApp.set(r.app, [...(byApp.get(r.app) ?? []), r]);
  for (const [app, versions] of byApp) {
    versions.sort((a, b) => (a.sort_key < b.sort_key ? -1 : 1));
    versions.forEach((v, i) => {
      const expected = i === 0 ? null : versions[i - 1]!.version;
      if (v.previous !== expected)
        wrongPredecessor.push(`${app}@${v.version} after ${v.previous}, not ${expected}`);
    });
    const latest = versions.at(-1)!;
    if (latest.latest !== latest.version)
      wrongPredecessor.push(`${app} latest ${latest.latest}, not ${latest.version}`);
  }
  const report: CrashDrillReport = {
    rounds,
    replicas,
    acknowledged: acknowledged.size,
    stored: stored.size,
    lost: [...acknowledged].filter(([key, hash]) => stored.get(key) !== hash).map(([key]) => key),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([key]) => key),
    wrongPredecessor,
  };
  if (database.kind === 'sqlite') {
    const [integrity] = await database.query<{ integrity_check: string }>('PRAGMA integrity_check');
    report.integrity = integrity?.integrity_check ?? 'no answer';
    report.foreignKeyProblems = (await database.query('PRAGMA foreign_key_check')).length;
  }
  return report;
}
