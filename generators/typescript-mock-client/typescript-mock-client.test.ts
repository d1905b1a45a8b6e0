import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Service } from '../../core/ir.js';
import { typeCheck } from '../testing/compile.js';
import { checkGolden } from '../testing/golden.js';
import { injectedCalls } from '../testing/injection.js';
import { serviceSchemas } from '../testing/json-schema.js';
import { emitJs } from '../testing/load-generated.js';
import { commonService, hostileService, peopleService } from '../testing/sample-services.js';
import { generator as clientGenerator } from '../typescript-client/index.js';
import { generator as typesGenerator } from '../typescript-types/index.js';
import { generator } from './index.js';

type AnyFn = (...args: unknown[]) => Promise<unknown>;
interface MockModule {
  MockClient: new (options?: {
    seed?: number;
    store?: boolean;
  }) => {
    users: Record<string, AnyFn>;
    contacts: Record<string, AnyFn>;
    recordedCalls: readonly { resource: string; method: string; args: unknown[] }[];
    overrideOperation(resource: string, method: string, implementation: AnyFn): unknown;
    resetMock(): void;
    sampleOf(type: string, salt?: string): unknown;
  };
}
interface ClientModule {
  ResponseError: new (...args: never[]) => Error & { status: number };
}

const input = { service: peopleService, imports: [commonService], options: {} };
const files = () => [
  ...typesGenerator.generate(input),
  ...clientGenerator.generate(input),
  ...generator.generate(input),
];
let mod: MockModule;
let clientMod: ClientModule;

before(async () => {
  const loaded = emitJs(files());
  mod = await loaded.load<MockModule>('mock-client.ts');
  clientMod = await loaded.load<ClientModule>('client.ts');
});

test('the mock implements Client (checked by tsc) and matches its golden file', () => {
  const generated = generator.generate(input);
  checkGolden('generators/typescript-mock-client/golden/people', generated);
  const consumer = {
    path: 'consumer.ts',
    contents: `import type { Client } from './client.js';
import { MockClient } from './mock-client.js';
const mock = new MockClient({ seed: 3 });
export const asClient: Client = mock;
mock.overrideOperation('users', 'getById', async (params) => ({ id: params.id, name: 'x', status: 'active', created_at: '', tags: [] }));
// @ts-expect-error: an override must return the operation's type
mock.overrideOperation('users', 'getById', async () => 42);
`,
  };
  assert.deepEqual(typeCheck(new Map([['people', [...files(), consumer]]])).errors, []);
});

function validator(service: Service, imports: Service[]) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const { definitions, ref } = serviceSchemas(service, imports);
  // One compiled validator per type: Ajv caches by schema object, and a fresh one per check had
  // every seed compile every type's schema (and all definitions) again.
  const compiled = new Map<string, ValidateFunction>();
  return (type: Parameters<typeof ref>[0], value: unknown) => {
    const schema = ref(type);
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ definitions, ...schema });
      compiled.set(key, validate);
    }
    assert.ok(validate(value), `${JSON.stringify(value)}\n${ajv.errorsText(validate.errors)}`);
  };
}

test('every operation answers, and every type samples, data that satisfies the spec (Ajv), for many seeds', async () => {
  const check = validator(peopleService, [commonService]);
  for (let seed = 1; seed <= 40; seed++) {
    const mock = new mod.MockClient({ seed });
    for (const resource of peopleService.resources) {
      const plural = resource.plural as 'users' | 'contacts';
      // The mock lists a resource's methods in the spec's operation order: they pair by position.
      const methods = Object.entries(mock[plural]);
      assert.equal(methods.length, resource.operations.length, `${plural}: one method per operation`);
      for (const [index, [methodName, call]] of methods.entries()) {
        const args =
          methodName.startsWith('put') || methodName === 'post'
            ? [
                { name: 'n', status: 'active', tags: [] },
                { id: 'i', pet_name: 'p' },
              ]
            : [{ id: 'i', pet_name: 'p' }];
        const answer = await call(...args);
        const success = resource.operations[index]?.responses.find(
          (r) => typeof r.code === 'number' && r.code >= 200 && r.code < 300,
        );
        assert.ok(success, `${plural}.${methodName} has a success response`);
        if (success.type.kind === 'primitive' && success.type.name === 'unit') {
          assert.equal(answer, undefined, `${plural}.${methodName} answers nothing (unit)`);
        } else {
          check(success.type, answer);
        }
      }
    }
    for (const type of peopleService.models.map((m) => m.name)) {
      check(
        { kind: 'model', name: type, namespace: peopleService.namespace },
        mock.sampleOf(type, String(seed)),
      );
    }
    for (const union of peopleService.unions) {
      check(
        { kind: 'union', name: union.name, namespace: peopleService.namespace },
        mock.sampleOf(union.name, String(seed)),
      );
    }
  }
});

test('data is deterministic for a seed and differs between seeds', async () => {
  const a = await new mod.MockClient({ seed: 5 }).users.getById!({ id: 'x' });
  const b = await new mod.MockClient({ seed: 5 }).users.getById!({ id: 'x' });
  const c = await new mod.MockClient({ seed: 6 }).users.getById!({ id: 'x' });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('calls are recorded and any operation can be overridden', async () => {
  const mock = new mod.MockClient();
  mock.overrideOperation('users', 'getById', async (params) => ({
    id: (params as { id: string }).id,
    name: 'Over',
  }));
  const user = (await mock.users.getById!({ id: 'u9' })) as { name: string };
  assert.equal(user.name, 'Over');
  await mock.contacts.get!();
  assert.deepEqual(
    mock.recordedCalls.map((c) => [c.resource, c.method, c.args[0]]),
    [
      ['users', 'getById', { id: 'u9' }],
      ['contacts', 'get', undefined],
    ],
  );
  mock.resetMock();
  assert.equal(mock.recordedCalls.length, 0);
});

test('store mode: POST creates, GET reads and lists, PUT updates, DELETE removes (then 404)', async () => {
  const mock = new mod.MockClient({ store: true, seed: 2 });
  const created = (await mock.users.post!({ name: 'Ada', status: 'active', tags: ['a'] })) as {
    id: string;
    name: string;
  };
  assert.equal(created.name, 'Ada');
  assert.deepEqual(await mock.users.getById!({ id: created.id }), created);
  assert.deepEqual(await mock.users.get!(), [created]);
  assert.deepEqual(await mock.users.get!({ status: 'blocked-by-admin' }), []);
  const updated = (await mock.users.putById!(
    { name: 'Bea', status: 'active', tags: [] },
    { id: created.id },
  )) as { id: string; name: string };
  assert.equal(updated.name, 'Bea');
  assert.equal(updated.id, created.id);
  assert.equal(((await mock.users.getById!({ id: created.id })) as { name: string }).name, 'Bea');
  assert.equal(await mock.users.deleteById!({ id: created.id }), undefined);
  await assert.rejects(mock.users.getById!({ id: created.id }), (error: unknown) => {
    assert.ok(error instanceof clientMod.ResponseError, 'the declared 404 is a typed ResponseError');
    assert.equal(error.status, 404);
    return true;
  });
  await assert.rejects(mock.users.deleteById!({ id: created.id }), clientMod.ResponseError);
  validator(peopleService, [commonService])(
    { kind: 'model', name: 'user', namespace: peopleService.namespace },
    updated,
  );
});

test('the mock for a hostile spec compiles', () => {
  const hostile = { service: hostileService, imports: [], options: {} };
  const all = [
    ...typesGenerator.generate(hostile),
    ...clientGenerator.generate(hostile),
    ...generator.generate(hostile),
  ];
  assert.deepEqual(typeCheck(new Map([['hostile', all]])).errors, []);
  for (const file of all) assert.deepEqual(injectedCalls(file.contents), [], file.path);
});
