import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusPath, repoPath } from '../../test/paths.js';
import { emptyService } from '../empty-service.js';
import type { Operation, Service } from '../ir.js';
import { loadSpec } from '../load.js';
import { DIFF_RULES, diff, sourceOf, summarize } from './index.js';

function service(operations: Operation[]): Service {
  return emptyService({
    name: 'test',
    organization: { key: 'acme' },
    application: { key: 'test' },
    namespace: 'io.acme.test.v0',
    version: '1.0.0',
    resources: [
      { type: { kind: 'primitive', name: 'string' }, plural: 'things', operations, attributes: [] },
    ],
  });
}

function operation(path: string, operationId?: string): Operation {
  return {
    method: 'GET',
    path,
    ...(operationId !== undefined && { operationId }),
    parameters: [],
    responses: [{ code: 200, type: { kind: 'primitive', name: 'string' }, headers: [], attributes: [] }],
    attributes: [],
  };
}

const rows = (s: Service, t: Service) => diff(s, t).map((c) => `${c.rule} ${c.level} ${c.path}`);

describe('diff', () => {
  it('recognises an operation moved to another path by its operation id', () => {
    assert.deepEqual(
      rows(service([operation('/things', 'listThings')]), service([operation('/items', 'listThings')])),
      ['operation-path-changed breaking resources/string/operations/GET /items'],
    );
  });

  it('reports an operation id change', () => {
    assert.deepEqual(rows(service([operation('/things', 'a')]), service([operation('/things', 'b')])), [
      'operation-id-changed info resources/string/operations/GET /things',
    ]);
  });

  it('re-levels and turns off rules by id', () => {
    const before = service([operation('/things'), operation('/others')]);
    const after = service([operation('/things')]);
    assert.equal(diff(before, after, { rules: { 'operation-removed': 'warning' } })[0]?.level, 'warning');
    assert.deepEqual(diff(before, after, { rules: { 'operation-removed': 'off' } }), []);
  });

  it('knows the IR elements behind each change', () => {
    const before = service([operation('/things'), operation('/others')]);
    const after = service([operation('/things')]);
    const [change] = diff(before, after);
    assert.ok(change);
    assert.equal(sourceOf(change)?.before, before.resources[0]!.operations[1]);
    assert.equal(
      sourceOf(change)?.after,
      after.resources[0],
      'a removed element anchors at its parent in the new version',
    );
  });

  it('reports a change inside a used imported type when the service itself is unchanged', async () => {
    const money = (fields: string[]) => ({
      name: 'common',
      namespace: 'io.acme.common.v0',
      models: { money: { fields: fields.map((name) => ({ name, type: 'string' })) } },
    });
    const shop = JSON.stringify({
      name: 'shop',
      imports: [{ uri: 'https://specs.invalid/common.json' }],
      models: { order: { fields: [{ name: 'total', type: 'io.acme.common.v0.models.money' }] } },
      resources: { order: { operations: [{ method: 'GET', responses: { 200: { type: 'order' } } }] } },
    });
    const load = async (common: object) => {
      const imported = (await loadSpec(JSON.stringify(common))).service;
      return loadSpec(shop, { resolver: { resolve: async () => imported } });
    };
    const before = await load(money(['amount', 'currency']));
    const after = await load(money(['amount']));
    const changes = diff(before.service!, after.service!, {
      imports: { before: before.imports, after: after.imports },
    });
    assert.deepEqual(
      changes.map((c) => [c.rule, c.level, c.path]),
      [['response-field-removed', 'breaking', 'imports/default/common/models/money/fields/currency']],
    );
  });

  it('messages say which kind a same-named type became, and which parent was deprecated', async () => {
    const spec = (role: object, deprecated: boolean) =>
      JSON.stringify({
        name: 'test',
        models: { user: { fields: [{ name: 'roles', type: '[flow_role]' }] }, admin: { fields: [] } },
        ...role,
        resources: {
          user: {
            operations: [
              {
                method: 'GET',
                path: '/:id',
                ...(deprecated && { deprecation: {} }),
                responses: { 200: { type: 'user' }, 403: { type: 'unit' } },
              },
            ],
          },
        },
      });
    const asModel = {
      models: { user: { fields: [{ name: 'roles', type: '[flow_role]' }] }, flow_role: { fields: [] } },
    };
    const asUnion = {
      models: { user: { fields: [{ name: 'roles', type: '[flow_role]' }] }, admin: { fields: [] } },
      unions: { flow_role: { types: [{ type: 'admin' }] } },
    };
    const before = (await loadSpec(spec(asModel, true))).service!;
    const after = (await loadSpec(spec(asUnion, false))).service!;
    const messages = diff(before, after).map((c) => c.message);
    assert.ok(
      messages.includes(
        "field 'roles' of model 'user' type changed from [flow_role] (model) to [flow_role] (union)",
      ),
      messages.join('\n'),
    );
    const without403 = JSON.parse(spec(asModel, true));
    delete without403.resources.user.operations[0].responses['403'];
    const gone = diff(before, (await loadSpec(JSON.stringify(without403))).service!);
    assert.deepEqual(
      gone.map((c) => c.message),
      ['response 403 of GET /users/:id was removed after operation GET /users/:id was deprecated'],
    );
  });

  it('summarizes by level', () => {
    const changes = diff(
      service([operation('/a'), operation('/b')]),
      service([operation('/a'), operation('/c')]),
    );
    assert.deepEqual(summarize(changes), { breaking: 1, warning: 0, info: 1 });
  });

  it('has unique kebab-case rule ids, each exercised by a vector or a test here', () => {
    const ids = DIFF_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
    const cases = readdirSync(repoPath('core/diff/vectors'))
      .filter((name) => name.endsWith('.json'))
      .flatMap(
        (name) =>
          (
            JSON.parse(readFileSync(repoPath(`core/diff/vectors/${name}`), 'utf8')) as {
              cases: { expected: { rule: string }[] }[];
            }
          ).cases,
      );
    const covered = new Set([...cases.flatMap((c) => c.expected.map((e) => e.rule)), 'operation-id-changed']);
    assert.deepEqual(
      ids.filter((id) => !covered.has(id)),
      [],
    );
  });
});

describe('diff of the same spec', () => {
  const files = readdirSync(corpusPath(), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    it(`is empty for ${file}`, async () => {
      const text = readFileSync(join(corpusPath(), file), 'utf8');
      const [a, b] = await Promise.all([loadSpec(text, { file }), loadSpec(text, { file })]);
      assert.ok(a.service && b.service);
      assert.deepEqual(diff(a.service, b.service), []);
    });
  }

  it('is empty between the api.json and service.json forms of the same service', async () => {
    const read = (f: string) => readFileSync(corpusPath('apibuilder-generator', f), 'utf8');
    const service = await loadSpec(read('reference-api__service.json'));
    assert.ok(service.service);
    const { organization, namespace, version } = service.service;
    const api = await loadSpec(read('reference-api__api.json'), {
      apiJson: { organization: organization.key, namespace, version },
    });
    assert.ok(api.service);
    assert.deepEqual(diff(api.service, service.service), []);
  });

  it('finds only the real difference between the two forms of the union-types example', async () => {
    const read = (f: string) => readFileSync(corpusPath('apibuilder-generator', f), 'utf8');
    const service = await loadSpec(read('examples__union-types-discriminator__api__service.json'));
    assert.ok(service.service);
    const { organization, namespace, version } = service.service;
    const api = await loadSpec(read('examples__union-types-discriminator__api__api.json'), {
      apiJson: { organization: organization.key, namespace, version },
    });
    assert.ok(api.service);
    // The copied service.json was generated from a version without the 404 response.
    assert.deepEqual(rows(api.service, service.service), [
      'non-success-response-removed info resources/user/operations/GET /users/:guid/responses/404',
    ]);
  });
});
