import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkProject } from '../../test/native-tsc.js';
import { runCanon } from '../../test/run-canon.js';
import type { Service } from '../ir.js';
import { detectFormat, loadSpec } from '../load.js';

const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** An event union as a team outside Canon would write its schema (2020-12, `$defs`). */
const orderEvent = {
  $schema: DRAFT_2020,
  $id: 'https://example.com/schemas/order-event',
  title: 'order_event',
  description: 'Events of the order service.',
  oneOf: [{ $ref: '#/$defs/order_placed' }, { $ref: 'https://example.com/schemas/order-cancelled' }],
  discriminator: { propertyName: 'discriminator' },
  $defs: {
    order_placed: {
      type: 'object',
      required: ['discriminator', 'event_id', 'timestamp', 'order'],
      properties: {
        discriminator: { const: 'order_placed' },
        event_id: { type: 'string' },
        timestamp: { type: 'string', format: 'date-time' },
        order: { $ref: '#/$defs/order' },
      },
    },
    order_cancelled: {
      $id: 'https://example.com/schemas/order-cancelled',
      type: 'object',
      required: ['discriminator', 'event_id', 'timestamp', 'id'],
      properties: {
        discriminator: { const: 'order_cancelled' },
        event_id: { type: 'string' },
        timestamp: { type: 'string', format: 'date-time' },
        id: { type: 'string', minLength: 1 },
        reason: { type: ['string', 'null'] },
        city: { $ref: '#/$defs/order/properties/city' },
      },
    },
    order: {
      type: 'object',
      required: ['id', 'total', 'status'],
      properties: {
        id: { type: 'string' },
        total: { type: 'number', minimum: 0 },
        status: { enum: ['open', 'paid'] },
        city: { type: 'string' },
      },
    },
  },
};

async function load(doc: object, file = 'schema.json') {
  const text = JSON.stringify(doc, null, 2);
  return loadSpec(text, { file });
}

const model = (service: Service, name: string) => {
  const found = service.models.find((m) => m.name === name);
  assert.ok(found, `model ${name} among ${service.models.map((m) => m.name).join(', ')}`);
  return found;
};
const field = (service: Service, m: string, f: string) => {
  const found = model(service, m).fields.find((x) => x.name === f);
  assert.ok(found, `field ${m}.${f}`);
  return found;
};

describe('JSON Schema documents as input', () => {
  it('is told apart from specs by a json-schema.org $schema, any draft', async () => {
    assert.equal(detectFormat({ $schema: DRAFT_2020 }), 'json-schema');
    assert.equal(detectFormat({ $schema: DRAFT_07, definitions: {} }), 'json-schema');
    assert.equal(detectFormat({ $schema: 'https://example.com/my-meta', name: 'x' }), 'api.json');
    assert.equal(detectFormat({ openapi: '3.1.0', $schema: DRAFT_2020 }), 'openapi');
  });

  it('reads $defs as models, enums and a discriminated union, the root named by its title', async () => {
    const { service, diagnostics, format } = await load(orderEvent);
    assert.equal(format, 'json-schema');
    assert.deepEqual(
      diagnostics.filter((d) => d.severity !== 'warning'),
      [],
    );
    assert.ok(service);
    assert.equal(service.name, 'order_event');
    assert.equal(service.description, 'Events of the order service.');
    assert.deepEqual(service.resources, []);
    const union = service.unions.find((u) => u.name === 'order_event');
    assert.ok(union, 'the root oneOf is the union');
    assert.equal(union.discriminator, 'discriminator');
    // The second member is referenced by its definition's `$id`.
    assert.deepEqual(
      union.types.map((t) => [t.type.kind, (t.type as { name: string }).name, t.discriminatorValue]),
      [
        ['model', 'order_placed', 'order_placed'],
        ['model', 'order_cancelled', 'order_cancelled'],
      ],
    );
    assert.deepEqual(field(service, 'order_placed', 'order').type, {
      kind: 'model',
      name: 'order',
      namespace: service.namespace,
    });
    const reason = field(service, 'order_cancelled', 'reason');
    assert.equal(reason.required, false);
    assert.equal(reason.nullable, true);
    // A reference into a definition's property is followed to what it describes.
    assert.deepEqual(field(service, 'order_cancelled', 'city').type, { kind: 'primitive', name: 'string' });
    assert.ok(service.enums.some((e) => e.values.map((v) => v.name).join() === 'open,paid'));
  });

  it('reads draft-07 definitions and a root object that refers to itself', async () => {
    const { service, diagnostics } = await load(
      {
        $schema: DRAFT_07,
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#' } },
          owner: { $ref: '#/definitions/person' },
        },
        definitions: { person: { type: 'object', properties: { email: { type: 'string' } } } },
      },
      'schemas/tree-node.schema.json',
    );
    assert.deepEqual(
      diagnostics.filter((d) => d.severity !== 'warning'),
      [],
    );
    assert.ok(service);
    // No title: the root is named after the file.
    assert.equal(service.name, 'tree-node');
    assert.deepEqual(field(service, 'tree-node', 'children').type, {
      kind: 'list',
      of: { kind: 'model', name: 'tree-node', namespace: service.namespace },
    });
    assert.equal(field(service, 'tree-node', 'owner').type.kind, 'model');
    assert.equal(field(service, 'tree-node', 'name').required, true);
  });

  it('a container of $defs alone adds no root type', async () => {
    const { service } = await load({
      $schema: DRAFT_2020,
      $defs: { a: { type: 'object', properties: { id: { type: 'string' } } } },
    });
    assert.deepEqual(
      service?.models.map((m) => m.name),
      ['a'],
    );
  });

  it('reports a reference to another file at its line, and problems inside the schema at theirs', async () => {
    const doc = {
      $schema: DRAFT_07,
      $defs: {
        order: {
          type: 'object',
          properties: {
            customer: { $ref: 'customer.json#/$defs/customer' },
            // A draft-07 tuple: the importer warns that it reads it as unknown[].
            pair: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
          },
        },
      },
    };
    const { diagnostics, text } = await load(doc);
    const external = diagnostics.find((d) => d.code === 'external-ref');
    assert.ok(external, JSON.stringify(diagnostics));
    assert.equal(external.severity, undefined, 'an error: the field would be wrong, not merely loose');
    assert.equal(external.path, '/$defs/order/properties/customer/$ref');
    assert.match(external.message, /customer\.json.*copy the target under "\$defs"/);
    assert.equal(
      text.split('\n')[(external.line ?? 0) - 1]?.trim(),
      '"$ref": "customer.json#/$defs/customer"',
    );
    // Importer warnings point into the JSON Schema document as written, not the OpenAPI form.
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'tuple-items').map((d) => d.path),
      ['/$defs/order/properties/pair'],
    );
    for (const d of diagnostics) assert.doesNotMatch(d.path, /^\/components\//, d.message);
  });

  it('canon generate and validate take a schema file; its types compile strictly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canon-json-schema-'));
    try {
      writeFileSync(join(dir, 'order-event.schema.json'), JSON.stringify(orderEvent, null, 2));
      const validated = await runCanon(['validate', 'order-event.schema.json'], dir);
      assert.equal(validated.status, 0, validated.stderr);
      assert.match(validated.stdout, /valid json-schema — order_event/);
      for (const generator of ['typescript-types', 'json-schema-types']) {
        const run = await runCanon(
          ['generate', 'order-event.schema.json', '-g', generator, '-o', 'out'],
          dir,
        );
        assert.equal(run.status, 0, run.stderr);
      }
      writeFileSync(
        join(dir, 'consumer.ts'),
        [
          "import type { OrderEvent } from './out/types.js';",
          'export function describe(event: OrderEvent): string {',
          '  switch (event.discriminator) {',
          "    case 'order_placed':",
          "      return event.order.id + ' ' + event.order.total + ' ' + event.order.status;",
          "    case 'order_cancelled':",
          "      return event.id + ' ' + (event.reason ?? 'no reason');",
          '  }',
          '}',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: 'nodenext',
            target: 'es2022',
            skipLibCheck: true,
            types: [],
          },
          include: ['consumer.ts', 'out/**/*.ts'],
        }),
      );
      assert.deepEqual(checkProject('tsconfig.json', dir), []);
      assert.match(
        readFileSync(join(dir, 'out', 'json-schema-types.ts'), 'utf8'),
        /export interface OrderPlaced/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
