import assert from 'node:assert/strict';
import { test } from 'node:test';
import { typeCheck } from '../testing/compile.js';
import { checkGolden } from '../testing/golden.js';
import { injectedCalls } from '../testing/injection.js';
import { commonService, hostileService, peopleService } from '../testing/sample-services.js';
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
  for (const file of files) assert.deepEqual(injectedCalls(file.path, file.contents), [], file.path);
  checkGolden('generators/typescript-client/golden/hostile', files.slice(1));
});
