import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../ir.js';
import { loadSpec } from '../load.js';
import { analyzeUsage, isEventUnionName, usageOf } from './direction.js';

const field = (name: string, type: string) => ({ name, type });

async function usage(spec: Record<string, unknown>, imports: Record<string, unknown>[] = []) {
  const imported: Service[] = [];
  for (const doc of imports) imported.push((await loadSpec(JSON.stringify(doc))).service!);
  const result = await loadSpec(JSON.stringify({ name: 'test', ...spec }), {
    resolver: { resolve: async (uri) => imported.find((s) => uri.includes(s.application.key)) },
  });
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity !== 'warning'),
    [],
  );
  const map = analyzeUsage(result.service!, imported);
  return (name: string, kind = 'models', namespace = 'test.v0') => {
    const u = map.get(`${namespace}.${kind}.${name}`);
    return u ? `${u.input ? 'in' : ''}${u.output ? 'out' : ''}` : 'unused';
  };
}

describe('analyzeUsage', () => {
  it('follows bodies, parameters and headers as input; responses and response headers as output', async () => {
    const of = await usage({
      enums: { role: { values: [{ name: 'a' }] } },
      models: {
        form: { fields: [field('name', 'string')] },
        thing: { fields: [field('id', 'string')] },
        spare: { fields: [] },
      },
      headers: [{ name: 'X-Role', type: 'role' }],
      resources: {
        thing: {
          operations: [{ method: 'POST', body: { type: 'form' }, responses: { 201: { type: 'thing' } } }],
        },
      },
    });
    assert.deepEqual(
      [of('form'), of('thing'), of('role', 'enums'), of('spare')],
      ['in', 'out', 'in', 'unused'],
    );
  });

  it('is transitive through fields, lists, maps and union members; a type used both ways is both', async () => {
    const of = await usage({
      models: {
        a: { fields: [field('bs', '[b]')] },
        b: { fields: [field('cs', 'map[c]')] },
        c: { fields: [field('id', 'string')] },
        d: { fields: [field('c', 'c')] },
        e: { fields: [] },
      },
      unions: { u: { discriminator: 'type', types: [{ type: 'd' }, { type: 'e' }] } },
      resources: {
        a: { operations: [{ method: 'GET', responses: { 200: { type: 'a' } } }] },
        u: { operations: [{ method: 'POST', body: { type: 'u' }, responses: { 204: { type: 'unit' } } }] },
      },
    });
    assert.deepEqual(
      [of('a'), of('b'), of('c'), of('d'), of('e'), of('u', 'unions')],
      ['out', 'out', 'inout', 'in', 'in', 'in'],
    );
  });

  it('treats event unions and their members as outputs', async () => {
    const of = await usage({
      models: {
        user_upserted: { fields: [field('user', 'user')] },
        user: { fields: [field('id', 'string')] },
      },
      unions: { test_event: { discriminator: 'discriminator', types: [{ type: 'user_upserted' }] } },
    });
    assert.deepEqual([of('test_event', 'unions'), of('user_upserted'), of('user')], ['out', 'out', 'out']);
    assert.equal(isEventUnionName('event'), true);
    assert.equal(isEventUnionName('prevent'), false);
  });

  it('gives an interface the usage of the models implementing it', async () => {
    const of = await usage({
      interfaces: { named: { fields: [field('name', 'string')] } },
      models: { cat: { interfaces: ['named'], fields: [field('name', 'string')] } },
      resources: { cat: { operations: [{ method: 'GET', responses: { 200: { type: 'cat' } } }] } },
    });
    assert.deepEqual([of('named', 'interfaces'), of('cat')], ['out', 'out']);
  });

  it('follows imported types into the imported services when they are given', async () => {
    const common = {
      name: 'common',
      namespace: 'io.acme.common.v0',
      models: { money: { fields: [field('unit', 'currency')] }, currency: { fields: [] } },
    };
    const of = await usage(
      {
        imports: [{ uri: 'https://example.com/common/service.json' }],
        models: { order: { fields: [field('total', 'io.acme.common.v0.models.money')] } },
        resources: { order: { operations: [{ method: 'GET', responses: { 200: { type: 'order' } } }] } },
      },
      [common],
    );
    assert.equal(of('money', 'models', 'io.acme.common.v0'), 'out');
    assert.equal(of('currency', 'models', 'io.acme.common.v0'), 'out');
  });

  it('usageOf counts an unused type as both directions', () => {
    assert.deepEqual(usageOf(new Map(), 'x.models.y'), { input: true, output: true });
  });
});
