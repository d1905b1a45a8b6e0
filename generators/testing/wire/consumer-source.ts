import type { Operation, Service } from '../../../core/ir.js';
import { clientModel } from '../../shared/index.js';
import { operationSeed, type PlannedResponse, plannedResponse } from './conformance-server.js';
import type { DocumentSchemas } from './document-schemas.js';
import type { DocOperation, Json, JsonObject } from './openapi-operations.js';
import { sample } from './sampler.js';

/** One call of the consumer: the document's operation, Canon's names for it, what it sends and gets. */
export interface PlannedCall {
  /** The exported function of the consumer module that makes the call. */
  name: string;
  doc: DocOperation;
  operation: Operation;
  resource: string;
  method: string;
  body: Json | undefined;
  params: JsonObject | undefined;
  response: PlannedResponse;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/v1/customers/{customer}` as Canon writes operation paths: `/v1/customers/:customer`. */
const irPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * The calls a consumer makes for the picked operations: arguments sampled from the document's
 * own parameter and body schemas, keyed by the names Canon's client gives them; the expected
 * answer is the server's planned response. Operations Canon's import left out are reported.
 */
export function planCalls(
  schemas: DocumentSchemas,
  service: Service,
  operations: readonly DocOperation[],
): { calls: PlannedCall[]; missing: string[] } {
  const byRoute = new Map<
    string,
    { resource: string; method: string; operation: Operation; hasParams: boolean }
  >();
  for (const resource of clientModel(service)) {
    for (const op of resource.operations) {
      const key = `${op.operation.method} ${op.operation.path}`;
      if (!byRoute.has(key))
        byRoute.set(key, {
          resource: resource.propertyName,
          method: op.methodName,
          operation: op.operation,
          hasParams: op.paramsTypeName !== undefined,
        });
    }
  }
  const calls: PlannedCall[] = [];
  const missing: string[] = [];
  for (const doc of operations) {
    const target = byRoute.get(`${doc.method} ${irPath(doc.path)}`);
    if (!target) {
      missing.push(`${doc.method} ${doc.path}`);
      continue;
    }
    const seed = operationSeed(doc);
    const draw = (pointerOrSchema: Json) => sample(schemas, pointerOrSchema, { direction: 'request', seed });
    const json = doc.body?.media.find((m) => !m.type.includes('form'));
    const form = doc.body?.media.find((m) => m.type.includes('form'));
    const formSchema = form?.schema === undefined ? undefined : schemas.resolve(schemas.schema(form.schema));
    const formProperties =
      isObject(formSchema) && isObject(formSchema.properties) ? formSchema.properties : {};
    const params: JsonObject = {};
    for (const p of target.operation.parameters) {
      let value: Json | undefined;
      if (p.location === 'form') {
        const property = formProperties[p.name];
        value = property === undefined ? undefined : draw(property);
      } else {
        const declared = doc.parameters.find((d) => d.in === p.location && d.name === p.name);
        value = declared === undefined ? undefined : draw(schemas.schema(declared.schema));
      }
      if (value !== undefined && value !== null) params[p.name] = value;
    }
    let body: Json | undefined;
    if (target.operation.body) {
      body = json?.schema === undefined ? {} : (draw(schemas.schema(json.schema)) ?? {});
    }
    calls.push({
      name: `call${calls.length}`,
      doc,
      operation: target.operation,
      resource: target.resource,
      method: target.method,
      body,
      params: target.hasParams ? params : undefined,
      response: plannedResponse(schemas, doc),
    });
  }
  return { calls, missing };
}

/**
 * The consumer module, compiled strictly with the generated code: each call passes its sampled
 * arguments as literals (so the client's parameter types must accept what the document allows)
 * and assigns the planned response to a variable of the method's own result type (so the types
 * must describe what the server answers, with no cast).
 */
export function consumerSource(calls: readonly PlannedCall[]): string {
  const lines = [
    "// The wire conformance suite's consumer: written by the test, compiled under --strict.",
    "import type { Client } from './client.js';",
    '',
    'export interface Outcome {',
    '  result: unknown;',
    '  expected: unknown;',
    '}',
    '',
  ];
  for (const call of calls) {
    const args: string[] = [];
    if (call.body !== undefined) args.push(JSON.stringify(call.body));
    if (call.params !== undefined) args.push(JSON.stringify(call.params));
    const expected = call.response.body === undefined ? 'undefined' : JSON.stringify(call.response.body);
    lines.push(
      `/** ${call.doc.method} ${call.doc.path.replaceAll('*/', '*\\/')} */`,
      `export async function ${call.name}(client: Client): Promise<Outcome> {`,
      `  const result = await client[${JSON.stringify(call.resource)}][${JSON.stringify(call.method)}](${args.join(', ')});`,
      `  const expected: typeof result = ${expected};`,
      '  return { result, expected };',
      '}',
      '',
    );
  }
  return lines.join('\n');
}
