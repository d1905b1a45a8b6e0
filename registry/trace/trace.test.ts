import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';

const repo = (path: string) => readFile(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** A service that holds no annotated field of its own: it reaches canon/user's only through an import. */
const orders = JSON.stringify({
  name: 'orders',
  imports: [{ uri: 'http://registry.example/services/canon/user/versions/1.0.0/service' }],
  models: {
    order: {
      fields: [
        { name: 'id', type: 'string' },
        { name: 'buyer', type: 'com.canon.user.v1.models.user' },
      ],
    },
    receipt: { fields: [{ name: 'id', type: 'string' }] },
  },
  resources: {
    order: { operations: [{ method: 'GET', path: '/:id', responses: { 200: { type: 'order' } } }] },
    receipt: { operations: [{ method: 'GET', path: '/:id', responses: { 200: { type: 'receipt' } } }] },
  },
});

describe('the trace and the dependency answers', () => {
  it('traces personal_data through the example services and into a service that only imports it', async () => {
    await withRegistry(async ({ http }) => {
      assert.equal(
        (await http.publish('canon', 'user', '1.0.0', await repo('specs/examples/user.json'))).status,
        201,
      );
      const user = await http.request('GET', '/services/canon/user/versions/1.0.0/service');
      const published = await http.publish(
        'shop',
        'orders',
        '1.0.0',
        orders.replaceAll('com.canon.user.v1', user.json.namespace),
      );
      assert.equal(published.status, 201, published.text);

      const traced = (await http.request('GET', '/trace/personal_data')).json;
      const fields = traced.fields.map(
        (f: { service: string; type: string; field: string }) => `${f.service} ${f.type}.${f.field}`,
      );
      assert.ok(fields.includes('canon/user user.email'));
      assert.ok(!fields.some((f: string) => f.startsWith('shop/')), 'orders carries no annotation itself');
      const types = traced.types.map((t: { service: string; name: string }) => `${t.service} ${t.name}`);
      assert.ok(types.includes('shop/orders order'), 'reached only through the import');
      assert.ok(!types.includes('shop/orders receipt'));
      const ops = traced.operations.map(
        (o: { service: string; method: string; path: string }) => `${o.service} ${o.method} ${o.path}`,
      );
      assert.ok(ops.includes('shop/orders GET /orders/:id'), ops.join('\n'));
      assert.ok(!ops.some((o: string) => o.includes('receipts')));
      assert.ok(traced.streams.some((s: { union: string }) => s.union.endsWith('_event')));

      const referrers = (await http.request('GET', '/services/canon/user/referenced-by')).json;
      assert.deepEqual(referrers, [
        { from: 'shop/orders', from_version: '1.0.0', latest: true, to: 'canon/user', to_version: '1.0.0' },
      ]);
      const graph = (await http.request('GET', '/organizations/shop/dependencies')).json;
      assert.deepEqual(graph.services, ['shop/orders']);
      assert.equal(graph.edges.length, 1);
      assert.equal((await http.request('GET', '/trace/not%20a%20name')).status, 400);
      // A breaking change to canon/user names the dependent it would reach, on publish and on check.
      const spec = JSON.parse(await repo('specs/examples/user.json'));
      spec.models.user.fields = spec.models.user.fields.filter((f: { name: string }) => f.name !== 'status');
      const refused = await http.publish('canon', 'user', '1.1.0', JSON.stringify(spec));
      assert.equal(refused.status, 409);
      assert.deepEqual(
        refused.json.dependents.map((d: { from: string }) => d.from),
        ['shop/orders'],
      );
      assert.ok(
        refused.json.errors.some(
          (e: { code: string; message: string }) =>
            e.code === 'dependents-reached' && e.message.includes('shop/orders 1.0.0'),
        ),
      );
      const checked = await http.request('POST', '/services/canon/user/checks', {
        token: ADMIN,
        body: { original: JSON.stringify(spec) },
      });
      assert.equal(checked.json.compatible, false);
      assert.equal(checked.json.dependents[0].from, 'shop/orders');
    });
  });

  it('shows a private registry only the organizations the token reads', async () => {
    await withRegistry(
      async ({ http }) => {
        await http.publish('canon', 'user', '1.0.0', await repo('specs/examples/user.json'));
        // Like GET /services: a caller sees what it may read, here nothing.
        assert.deepEqual((await http.request('GET', '/trace/personal_data')).json.fields, []);
        const token = await http.request('POST', '/tokens', {
          token: ADMIN,
          body: { organization: 'other', role: 'read', description: 'other reader' },
        });
        const other = await http.request('GET', '/trace/personal_data', { token: token.json.secret });
        assert.equal(other.status, 200, other.text);
        assert.deepEqual(other.json.fields, []);
        const admin = await http.request('GET', '/trace/personal_data', { token: ADMIN });
        assert.ok(admin.json.fields.length > 0);
      },
      { anonymousReads: false },
    );
  });
});
