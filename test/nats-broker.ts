import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The machine's NATS with JetStream; `CANON_TEST_NATS` points elsewhere. */
export const TEST_NATS_URL = process.env.CANON_TEST_NATS ?? '127.0.0.1:4222';

/**
 * A name no other test uses, for the environment a test's streams live in on the shared broker
 * (`inEnvironment`): tests run in parallel and never meet.
 */
export function uniqueEnvironment(prefix = 't'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A `nats-server` of the test's own, on a free port with a temporary store directory. */
export interface OwnBroker {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, or the signal given) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and store directory. */
  restart(): Promise<void>;
  /** Stops it and removes the store directory. */
  dispose(): Promise<void>;
}

async function launch(port: number, storeDir: string, jetstream: boolean): Promise<ChildProcess> {
  const args = ['-a', '127.0.0.1', '-p', String(port), ...(jetstream ? ['-js', '-sd', storeDir] : [])];
  const child = spawn('nats-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk;
      if (log.includes('Server is ready')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`nats-server exited with ${code} before it was ready:\n${log}`)),
    );
  });
  return child;
}

/** Starts a `nats-server` (with JetStream unless `jetstream: false`) that only this test uses. */
export async function startOwnBroker(options: { jetstream?: boolean } = {}): Promise<OwnBroker> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'canon-nats-'));
  const jetstream = options.jetstream ?? true;
  let child: ChildProcess | undefined = await launch(port, storeDir, jetstream);
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill(signal);
    await exited;
  };
  return {
    url: `127.0.0.1:${port}`,
    port,
    stop,
    restart: async () => {
      await stop();
      child = await launch(port, storeDir, jetstream);
    },
    dispose: async () => {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until `condition` holds, checking after every `step` ms; fails after `timeout` ms with
 * `what` and the last value seen. The condition is the test's, never a clock.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  condition: (value: T) => boolean,
  options: { timeout?: number; step?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeout ?? 60_000);
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`gave up waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, options.step ?? 50));
  }
}
