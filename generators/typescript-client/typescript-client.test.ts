import assert from 'node:assert/strict';
import { test } from 'node:test';
import { typeCheck } from '../testing/compile.js';
import { checkGolden } from '../testing/golden.js';
import { injectedCalls } from '../testing/injection.js';
import { commonService, hostileService, peopleService, prim } from '../testing/sample-services.js';
import { generator as typesGenerator } from '../typescript-types/index.js';
import { generator } from './index.js';

const input = { service: peopleService, imports: [commonService], options: {} };

test('the client for the people sample matches its golden file and compiles with a consumer', () => {
  const files = generator.generate(input);
  checkGolden('generators/typescript-client/golden/people', files);
  const consumer = {
    path: 'consumer.ts',
    contents: `import { createClient, ResponseError, type Client, type UsersPutByIdError } from './client.js';
import type { User } from './types.js';
const client: Client = createClient({ baseUrl: 'http://127.0.0.1', retries: 0 });
export const defaulted: Client = createClient({}); // the spec has a base_url
export const bare: Client = createClient(); // and no header the caller must give
export async function use(): Promise<User[]> {
  const one: User = await client.users.getById({ id: 'x' });
  await client.users.putById({ name: 'n', status: 'active', tags: [] }, { id: one.id });
  try {
    await client.users.post({ name: 'n', status: 'blocked-by-admin', tags: [] });
  } catch (error) {
    const e = error as UsersPutByIdError;
    if (e instanceof ResponseError && e.status === 422) e.body.map((x) => x.message);
  }
  const removed: undefined = await client.users.deleteById({ id: 'x' });
  void removed;
  // @ts-expect-error: the path parameter is required
  await client.users.getById({});
  return client.users.get({ id: ['a'], status: 'active', limit: 3, 'X-Trace': 't' });
}
`,
  };
  const { errors } = typeCheck(
    new Map([['people', [...typesGenerator.generate(input), ...files, consumer]]]),
  );
  assert.deepEqual(errors, []);
});

test('the client for a hostile spec compiles and injects nothing', () => {
  const hostile = { service: hostileService, imports: [], options: {} };
  const files = [...typesGenerator.generate(hostile), ...generator.generate(hostile)];
  assert.deepEqual(typeCheck(new Map([['hostile', files]])).errors, []);
  for (const file of files) assert.deepEqual(injectedCalls(file.contents), [], file.path);
  checkGolden('generators/typescript-client/golden/hostile', files.slice(1));
});

test('service-level headers are typed: required ones must be given, defaulted ones may not', () => {
  const status = { kind: 'enum', name: 'user_status', namespace: peopleService.namespace } as const;
  const service = {
    ...peopleService,
    headers: [
      { name: 'X-Api-Key', type: prim('string'), required: true, attributes: [], description: 'The caller.' },
      { name: 'X-Version', type: prim('string'), required: true, default: '2', attributes: [] },
      { name: 'X-Status', type: status, required: false, attributes: [] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
      { name: 'it\'s "odd" */ ${x}', type: prim('integer'), required: false, attributes: [] },
    ],
  };
  const withHeaders = { service, imports: [commonService], options: {} };
  const files = [...typesGenerator.generate(withHeaders), ...generator.generate(withHeaders)];
  const consumer = {
    path: 'consumer.ts',
    contents: `import { createClient, type ServiceHeaders } from './client.js';
export const client = createClient({ serviceHeaders: { 'X-Api-Key': 'k', 'X-Status': 'active' } });
export const all: ServiceHeaders = { 'X-Api-Key': 'k', 'X-Version': '3', "it's \\"odd\\" */ \${x}": 1 };
// @ts-expect-error: X-Api-Key is required
createClient({});
// @ts-expect-error: X-Status is an enum
createClient({ serviceHeaders: { 'X-Api-Key': 'k', 'X-Status': 'gone' } });
`,
  };
  assert.deepEqual(typeCheck(new Map([['headers', [...files, consumer]]])).errors, []);
  for (const file of files) assert.deepEqual(injectedCalls(file.contents), [], file.path);
});
