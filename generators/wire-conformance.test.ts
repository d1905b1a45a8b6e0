import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import express from 'express';
import type { Service } from '../core/ir.js';
import { importOpenApi } from '../core/openapi/import.js';
import { checkProject } from '../test/native-tsc.js';
import { corpusPath, repoPath } from '../test/paths.js';
import { resolveGenerators } from './registry.js';
import { runGenerators } from './run.js';
import { clientModel as clientResources } from './shared/index.js';
import { conformanceServer } from './testing/wire/conformance-server.js';
import { consumerSource, type PlannedCall, planCalls } from './testing/wire/consumer-source.js';
import { DocumentSchemas } from './testing/wire/document-schemas.js';
import { documentOperations, type Json } from './testing/wire/openapi-operations.js';
import { pickOperations } from './testing/wire/operation-sample.js';

/*
 * The wire conformance suite (issue 12): for each real OpenAPI document, a server built from the
 * original document checks every request Canon's generated client sends, with Ajv over the
 * document's own schemas, and answers with values sampled from the document's response schemas.
 * A consumer module calls the client with arguments sampled from the document and assigns each
 * answer to the method's own result type; it is compiled under --strict together with the
 * generated code, once per document, and then run. The generated routes, served with the mock
 * client behind them, then answer the same calls, and their answers are checked against the
 * document. By default a sample of each document's operations is called (every construct the
 * issue names, then spread); CANON_WIRE_FULL=1 calls every operation.
 */

const FULL = process.env.CANON_WIRE_FULL === '1';
const SAMPLE = { full: FULL, perFeature: 20, others: 50 };

/** The five real documents (at least 50 calls each), and one that declares every style Canon speaks. */
const DOCUMENTS = [
  ...[
    'github-api.json',
    'stripe-spec3.json',
    'twilio_api_v2010.json',
    'k8s-swagger2.json',
    'k8s-oas3.json',
  ].map((file) => ({ file, path: corpusPath('openapi', file), least: 50 })),
  { file: 'parameter-styles.json', path: repoPath('fixtures', 'wire', 'parameter-styles.json'), least: 5 },
];

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM'],
    types: [],
    skipLibCheck: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    outDir: 'js',
  },
  include: ['*.ts', 'canon-runtime/*.ts'],
};

type Call = (client: unknown) => Promise<{ result: unknown; expected: unknown }>;
type AnyMethod = (...args: unknown[]) => Promise<unknown>;
type Resources = { [resource: string]: { [method: string]: AnyMethod } };

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: Server) => new Promise((resolve) => server.close(resolve));

/** What went wrong in one call, in one line. */
function describeFailure(call: PlannedCall, error: unknown): string {
  const e = error as { status?: number; body?: unknown; message?: string };
  const body = e.body === undefined ? '' : ` ${JSON.stringify(e.body).slice(0, 300)}`;
  return `${call.doc.method} ${call.doc.path}: ${e.message ?? String(error)}${body}`;
}

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'canon-wire-'));
});
after(async () => {
  // CANON_WIRE_KEEP=1 leaves the generated code and the consumer for a look.
  if (process.env.CANON_WIRE_KEEP === '1') console.log(`generated code kept in ${root}`);
  else await rm(root, { recursive: true, force: true });
});

for (const { file, path, least } of DOCUMENTS) {
  describe(`wire conformance: ${file}`, { timeout: 600_000 }, () => {
    let schemas: DocumentSchemas;
    let service: Service;
    let calls: PlannedCall[];
    let out: string;
    let compileErrors: string[];

    before(async () => {
      const source = JSON.parse(await readFile(path, 'utf8')) as Json;
      service = importOpenApi(source, { file }).service;
      schemas = new DocumentSchemas(source);
      const operations = documentOperations(source);
      const planned = planCalls(schemas, service, pickOperations(source, operations, SAMPLE));
      assert.deepEqual(planned.missing, [], 'every picked operation is in the import');
      calls = planned.calls;
      out = join(root, file.replace(/\.json$/, ''));
      const generators = await resolveGenerators(['typescript-mock-client', 'express-routes']);
      const files = runGenerators(generators, service, []);
      files.push({ path: 'consumer.ts', contents: consumerSource(calls) } as (typeof files)[number]);
      for (const f of files) {
        await mkdir(dirname(join(out, f.path)), { recursive: true });
        await writeFile(join(out, f.path), f.contents);
      }
      await writeFile(join(out, 'package.json'), '{ "type": "module" }\n');
      await writeFile(join(out, 'tsconfig.json'), JSON.stringify(TSCONFIG));
      // The generated routes import express and ajv, as a consumer's project would.
      await symlink(repoPath('node_modules'), join(out, 'node_modules'), 'dir');
      compileErrors = checkProject(join(out, 'tsconfig.json'), out);
    });

    it('the generated code and a strict consumer of every sampled call compile with no errors', () => {
      assert.ok(calls.length >= least, `${calls.length} calls`);
      assert.deepEqual(compileErrors.slice(0, 20), []);
    });

    it("every argument the consumer sends is valid under the document's own schema", () => {
      const invalid = calls.flatMap((c) => {
        const problems: string[] = [];
        const form = c.doc.body?.media.find((m) => m.type.includes('form'));
        const json = c.doc.body?.media.find((m) => !m.type.includes('form'));
        for (const [name, value] of Object.entries(c.params ?? {})) {
          const declared = c.doc.parameters.find((p) => p.name === name);
          const property =
            form?.schema === undefined
              ? undefined
              : (schemas.resolve(schemas.schema(form.schema)) as { properties?: { [name: string]: Json } })
                  .properties?.[name];
          const schema = declared ? schemas.schema(declared.schema) : property;
          const problem = schema === undefined ? 'is not declared' : schemas.check(schema, value);
          if (problem) problems.push(`${c.doc.method} ${c.doc.path}: ${name} ${problem}`);
        }
        if (c.body !== undefined && json?.schema !== undefined) {
          const problem = schemas.check(schemas.schema(json.schema), c.body);
          if (problem) problems.push(`${c.doc.method} ${c.doc.path}: body ${problem}`);
        }
        return problems;
      });
      assert.deepEqual(invalid, []);
    });

    it("every response the server plans is valid under the document's own schema", () => {
      const invalid = calls.flatMap((c) => {
        if (c.response.schema === undefined) return [];
        const problem = schemas.check(schemas.schema(c.response.schema), c.response.body);
        return problem ? [`${c.doc.method} ${c.doc.path}: ${problem}`] : [];
      });
      assert.deepEqual(invalid, []);
    });

    it('the generated client sends requests the document allows and returns the answers as sent', async () => {
      const consumer = (await import(pathToFileURL(join(out, 'js', 'consumer.js')).href)) as Record<
        string,
        Call
      >;
      const { createClient } = (await import(pathToFileURL(join(out, 'js', 'client.js')).href)) as {
        createClient(o: { baseUrl: string; retries: number }): unknown;
      };
      const conformance = conformanceServer(schemas, documentOperations(schemas.document));
      const client = createClient({ baseUrl: await listen(conformance.server), retries: 0 });
      const failures: string[] = [];
      try {
        for (const call of calls) {
          const run = consumer[call.name];
          assert.ok(run, call.name);
          try {
            const { result, expected } = await run(client);
            if (!isDeepStrictEqual(result, expected))
              failures.push(
                `${call.doc.method} ${call.doc.path}: the client returned ${JSON.stringify(result)?.slice(0, 200)}`,
              );
          } catch (error) {
            failures.push(describeFailure(call, error));
          }
        }
      } finally {
        await close(conformance.server);
      }
      assert.equal(conformance.requests, calls.length);
      assert.deepEqual(conformance.problems, []);
      assert.deepEqual(failures, []);
    });

    it('the generated routes, with the mock client behind them, answer the same calls as the document says', async () => {
      const load = async <T>(name: string) => (await import(pathToFileURL(join(out, 'js', name)).href)) as T;
      const consumer = await load<Record<string, Call>>('consumer.js');
      const { createClient } = await load<{ createClient(o: { baseUrl: string; retries: number }): unknown }>(
        'client.js',
      );
      const { MockClient } = await load<{ MockClient: new (o: { seed: number }) => Resources }>(
        'mock-client.js',
      );
      const { createRouter } = await load<{ createRouter(services: unknown, o: object): express.Router }>(
        'routes.js',
      );
      const mock = new MockClient({ seed: 7 });
      const services = routesOverMock(service, mock);
      const app = express();
      app.use(createRouter(services, { onError: () => {} }));
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      const client = createClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        retries: 0,
      });
      const failures: string[] = [];
      // The routes do not parse multipart bodies (docs/openapi.md); those calls are left out here.
      const routed = calls.filter((c) => c.operation.formEncoding !== 'multipart');
      try {
        for (const call of routed) {
          try {
            const { result } = await (consumer[call.name] as Call)(client);
            const schema = call.response.schema;
            const problem = schema === undefined ? undefined : schemas.check(schemas.schema(schema), result);
            if (problem) failures.push(`${call.doc.method} ${call.doc.path}: the mock's answer ${problem}`);
          } catch (error) {
            failures.push(describeFailure(call, error));
          }
        }
      } finally {
        await close(server);
      }
      assert.deepEqual(failures, []);
    });
  });
}

/**
 * The routes' services implemented by the mock client: each route method hands its parameters
 * and body to the mock client's method of the same operation and answers with its first
 * declared success status.
 */
function routesOverMock(service: Service, mock: Resources): unknown {
  const services: { [resource: string]: { [method: string]: unknown } } = {};
  for (const resource of clientResources(service)) {
    const methods: { [method: string]: unknown } = {};
    for (const op of resource.operations) {
      const success = op.operation.responses.find(
        (r) => typeof r.code === 'number' && r.code >= 200 && r.code < 300,
      );
      const status = typeof success?.code === 'number' ? success.code : 200;
      const unit = success?.type.kind === 'primitive' && success.type.name === 'unit';
      const target = mock[resource.propertyName]?.[op.methodName];
      methods[op.methodName] = async (params: object, ...rest: unknown[]) => {
        const args = [...(op.operation.body ? [rest[0]] : []), ...(op.paramsTypeName ? [params] : [])];
        const body = await (target as AnyMethod)(...args);
        return unit ? { status } : { status, body };
      };
    }
    services[resource.propertyName] = methods;
  }
  return services;
}
