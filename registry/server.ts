import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { bootstrapAdmin } from './access.js';
import { loadDiff, loadGenerators } from './engines.js';
import { createRegistryApp } from './http/app.js';
import type { RateLimits } from './http/rate-limit.js';
import { Registry } from './registry.js';
import { openStore } from './store/open-store.js';
import type { RegistryStore } from './store/store.js';

export interface StartOptions {
  /** A PostgreSQL URL (`postgres://…`, for replicas) or a SQLite database file. */
  db: string;
  port?: number;
  host?: string;
  /** Host names answered besides the loopback names (DNS rebinding guard, `http/host-check.ts`). */
  allowedHosts?: readonly string[];
  /** `CANON_ADMIN_TOKEN`, used as the first admin token of a new registry. */
  adminToken?: string;
  anonymousReads?: boolean;
  maxBodyBytes?: number;
  /** Largest request body without a token (default 4 MiB). */
  anonymousBodyBytes?: number;
  /** Expensive calls (validations, checks, publishes, code) per client. */
  rateLimits?: RateLimits;
  /** Bytes of generated code kept in the database cache (default 256 MiB, oldest dropped first). */
  generatedCacheBytes?: number;
  maxSpecBytes?: number;
  /** How long a write waits for another process's lock before answering 503 (default 5 s). */
  lockWaitMs?: number;
  log?: (line: string) => void;
}

export interface RunningRegistry {
  url: string;
  registry: Registry;
  server: Server;
  /** Set when this start created the first admin token without CANON_ADMIN_TOKEN: print it once. */
  generatedAdminToken: string | undefined;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(graceMs?: number): Promise<void>;
}

/** Opens the store, creates the first admin token if needed, and listens on host:port. */
export async function startRegistry(options: StartOptions): Promise<RunningRegistry> {
  const store = await openStore(options.db, {
    ...(options.lockWaitMs === undefined ? {} : { lockWaitMs: options.lockWaitMs }),
    ...(options.generatedCacheBytes === undefined
      ? {}
      : { generatedCacheBytes: options.generatedCacheBytes }),
  });
  try {
    const [diff, generators] = await Promise.all([loadDiff(), loadGenerators()]);
    const registry = new Registry({
      store,
      diff,
      ...(generators === undefined ? {} : { generators }),
      ...(options.anonymousReads === undefined ? {} : { anonymousReads: options.anonymousReads }),
      ...(options.maxSpecBytes === undefined ? {} : { maxSpecBytes: options.maxSpecBytes }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    const admin = await bootstrapAdmin(store, options.adminToken, registry.log);
    const host = options.host ?? '127.0.0.1';
    const app = createRegistryApp(registry, {
      bindHost: host,
      ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
      ...(options.anonymousBodyBytes === undefined ? {} : { anonymousBodyBytes: options.anonymousBodyBytes }),
      ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(options.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(s)));
      s.once('error', reject);
    });
    server.on('clientError', answerClientError);
    const { port } = server.address() as AddressInfo;
    const shown = host.includes(':') ? `[${host}]` : host;
    return {
      url: `http://${shown}:${port}`,
      registry,
      server,
      generatedAdminToken: admin?.generated ? admin.secret : undefined,
      close: (graceMs = 10_000) => stop(server, store, graceMs),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Requests that are not even HTTP (bad request line, header overflow, timeouts) never reach
 * Express; Node would answer them with an empty text page. Answer them as JSON too.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'headers-too-large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request-timeout']
        : [400, 'Bad Request', 'malformed-request'];
  const body = JSON.stringify({
    errors: [{ code, message: `The request could not be read as HTTP (${reason.toLowerCase()}).` }],
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

async function stop(server: Server, store: RegistryStore, graceMs: number): Promise<void> {
  await new Promise<void>((resolve) => {
    // Connections that go idle once their in-flight answer is out close at once, instead of
    // after the keep-alive timeout.
    server.keepAliveTimeout = 1;
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    // A keep-alive connection whose in-flight request finishes now would otherwise stay open for
    // the whole keep-alive timeout (5 s) before close() resolves; Node reads it when a response ends.
    server.keepAliveTimeout = 1;
    server.closeIdleConnections();
  });
  await store.close();
}

/**
 * Resolves once SIGINT or SIGTERM arrives and the registry has shut down gracefully (in-flight
 * requests finish first). A second signal stops at once.
 */
export function serveUntilSignal(running: RunningRegistry, say: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        say(`${signal} again: stopping now.`);
        running.server.closeAllConnections();
        return;
      }
      stopping = true;
      say(`${signal}: finishing in-flight requests, then stopping.`);
      running.close().then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        say('Registry stopped.');
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
