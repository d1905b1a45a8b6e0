import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseError } from '../src/generated/client.js';
import { MockClient } from '../src/generated/mock-client.js';
import { UserDirectory } from '../src/user-directory.js';

test('a consumer of the service, tested with the generated mock client in store mode', async () => {
  const mock = new MockClient({ seed: 3, store: true });
  const directory = new UserDirectory(mock);
  const registered = await directory.register('grace@example.com', 'Grace');
  assert.ok('id' in registered);
  assert.equal(await directory.displayName(registered.id), 'Grace');
  assert.deepEqual(
    mock.recordedCalls.map((c) => `${c.resource}.${c.method}`),
    ['users.post', 'users.getById'],
  );
});

test('the consumer handles the declared 404 and 422 answers (mock overrides)', async () => {
  const mock = new MockClient()
    .overrideOperation('users', 'getById', async () => {
      throw new ResponseError('users.getById', 404, undefined, new Headers());
    })
    .overrideOperation('users', 'post', async () => {
      throw new ResponseError('users.post', 422, [{ code: 'email-taken', message: 'Another user has this email.' }], new Headers());
    });
  const directory = new UserDirectory(mock);
  assert.equal(await directory.displayName('usr-missing'), undefined);
  assert.deepEqual(await directory.register('taken@example.com'), { problem: 'Another user has this email.' });
});
