import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN, Http } from './registry-harness.js';
import { startCanon } from './spawn.js';

export interface CrashDrillReport {
  rounds: number;
  acknowledged: number;
  stored: number;
  integrity: string;
  foreignKeyProblems: number;
  /** Acknowledged versions missing from the database, or stored with other content. */
  lost: string[];
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
 * Publishes in a loop (several clients at once) against a `canon serve` child process, kills it
 * with SIGKILL at a random moment, restarts it, and repeats; then opens the database directly and
 * checks its integrity and that every version whose publish was acknowledged is there, unchanged.
 * Each version goes to its own service so the gate never refuses one.
 */
export async function crashDrill(options: {
  dir: string;
  rounds: number;
  seed: number;
  workers?: number;
}): Promise<CrashDrillReport> {
  const db = join(options.dir, 'crash.db');
  const random = seeded(options.seed);
  const acknowledged = new Map<string, string>();
  let next = 0;
  for (let round = 0; round < options.rounds; round++) {
    const server = await startCanon(['serve', '--port', '0', '--db', db], {
      env: { CANON_ADMIN_TOKEN: ADMIN },
    });
    const http = new Http(server.url);
    let killed = false;
    let firstAck: () => void = () => {};
    const acked = new Promise<void>((resolve) => (firstAck = resolve));
    const worker = async () => {
      while (!killed) {
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
          if (!killed) throw error;
        }
      }
    };
    const running = Array.from({ length: options.workers ?? 4 }, worker);
    const publishing = Promise.all(running);
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
      await server.stop('SIGKILL');
    }
    await publishing;
  }
  const check = new Database(db, { readonly: true });
  try {
    const integrity = check.pragma('integrity_check', { simple: true }) as string;
    const foreignKeyProblems = (check.pragma('foreign_key_check') as unknown[]).length;
    const rows = check
      .prepare(
        'SELECT s.key AS app, v.version, v.content_hash AS hash FROM versions v JOIN services s ON s.id = v.service_id',
      )
      .all() as { app: string; version: string; hash: string }[];
    const stored = new Map(rows.map((r) => [`${r.app}@${r.version}`, r.hash]));
    const lost = [...acknowledged].filter(([key, hash]) => stored.get(key) !== hash).map(([key]) => key);
    return {
      rounds: options.rounds,
      acknowledged: acknowledged.size,
      stored: stored.size,
      integrity,
      foreignKeyProblems,
      lost,
    };
  } finally {
    check.close();
  }
}
