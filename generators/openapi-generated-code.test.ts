import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Operation, Service } from '../core/ir.js';
import { importOpenApi } from '../core/openapi/import.js';
import { emitJavaScript } from '../test/native-tsc.js';
import { corpusPath } from '../test/paths.js';
import { resolveGenerators } from './registry.js';
import { runGenerators } from './run.js';

describe('code generated from real OpenAPI documents', { timeout: 600_000 }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'canon-openapi-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The strict compile of types + client + mock client (and routes) of all five documents is in
  // wire-conformance.test.ts, together with a consumer of every sampled call: one compile each.

  it('a test server built from the Stripe import answers calls made through the generated client over 127.0.0.1', async () => {
    const source = JSON.parse(await readFile(corpusPath('openapi', 'stripe-spec3.json'), 'utf8')) as unknown;
    const { service } = importOpenApi(source, { file: 'stripe-spec3.json' });
    const files = runGenerators(await resolveGenerators(['typescript-client']), service, []);
    const client = files.find((f) => f.path === 'client.ts');
    assert.ok(client);
    // The client imports its runtime module, emitted next to it (the native compiler, without
    // type-checking: loading TypeScript 5.9's API for two files cost more than the rest).
    const runtime = files.find((f) => f.path === 'canon-runtime/client.ts');
    assert.ok(runtime);
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    emitJavaScript(dir, [client, runtime]);
    const modulePath = join(dir, 'client.js');
    const { createClient } = (await import(pathToFileURL(modulePath).href)) as {
      createClient(o: { baseUrl: string; retries: number }): StripeClient;
    };

    const server = stripeServer(service);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const stripe = createClient({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
      const created = await stripe.customers.postCustomers({ email: 'ada@example.com', name: 'Ada' });
      assert.equal(created.object, 'customer');
      assert.equal(created.email, 'ada@example.com');
      const fetched = await stripe.customers.getCustomersCustomer({ customer: created.id });
      assert.deepEqual(fetched, created);
      const list = await stripe.customers.getCustomers({ limit: 1, email: 'ada@example.com' });
      assert.deepEqual(
        list.data.map((c) => c.id),
        [created.id],
      );
      await assert.rejects(
        stripe.customers.getCustomersCustomer({ customer: 'cus_missing' }),
        (e: { status?: number }) => e.status === 404,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

interface Customer {
  id: string;
  object: string;
  email?: string;
  name?: string;
}
interface StripeClient {
  customers: {
    postCustomers(p: { email: string; name: string }): Promise<Customer>;
    getCustomersCustomer(p: { customer: string }): Promise<Customer>;
    getCustomers(p: { limit: number; email: string }): Promise<{ data: Customer[] }>;
  };
}

type Handler = (
  params: Record<string, string>,
  query: URLSearchParams,
  body: Record<string, unknown>,
) => [number, unknown];

/**
 * An in-memory Stripe built from the imported IR: every operation of the import is routed by its
 * method and path template; three customer operations are implemented, the rest answer 501.
 * Bodies must be form-encoded, as the document declares and Stripe's API insists.
 */
function stripeServer(service: Service) {
  const customers = new Map<string, Customer>();
  const handlers: Record<string, Handler> = {
    PostCustomers: (_p, _q, body) => {
      const customer: Customer = { id: `cus_${customers.size + 1}`, object: 'customer' };
      if (typeof body.email === 'string') customer.email = body.email;
      if (typeof body.name === 'string') customer.name = body.name;
      customers.set(customer.id, customer);
      return [200, customer];
    },
    GetCustomersCustomer: (p) => {
      const found = customers.get(p.customer ?? '');
      return found
        ? [200, found]
        : [404, { error: { type: 'invalid_request_error', message: 'No such customer' } }];
    },
    GetCustomers: (_p, q) => {
      const data = [...customers.values()]
        .filter((c) => !q.has('email') || c.email === q.get('email'))
        .slice(0, Number(q.get('limit') ?? 10));
      return [200, { object: 'list', data, has_more: false, url: '/v1/customers' }];
    },
  };
  const routes = service.resources
    .flatMap((r) => r.operations)
    .map((op) => ({ op, pattern: routePattern(op) }));
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = routes.find((r) => r.op.method === req.method && r.pattern.test(url.pathname));
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!route) return send(404, { error: { message: `no route ${req.method} ${url.pathname}` } });
      const handler = route.op.operationId ? handlers[route.op.operationId] : undefined;
      if (!handler)
        return send(501, { error: { message: `${route.op.operationId} is not implemented here` } });
      const params = route.pattern.exec(url.pathname)?.groups ?? {};
      // As Stripe's API does: request bodies are form-encoded, never JSON.
      const type = req.headers['content-type'] ?? '';
      if (raw !== '' && type !== 'application/x-www-form-urlencoded')
        return send(415, { error: { message: `expected a form-encoded body, got ${type}` } });
      const [status, body] = handler(params, url.searchParams, Object.fromEntries(new URLSearchParams(raw)));
      send(status, body);
    });
  });
}

function routePattern(op: Operation): RegExp {
  const source = op.path
    .split(/(:[A-Za-z0-9_]+)/)
    .map((piece) =>
      piece.startsWith(':') ? `(?<${piece.slice(1)}>[^/]+)` : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}
