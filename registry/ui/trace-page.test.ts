import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';
import { hostileApiJson } from './testing/hostile-spec.js';

const userJson = () => readFile(new URL('../../../specs/examples/user.json', import.meta.url), 'utf8');

describe('the trace page', () => {
  it('lists fields, types, operations and streams with links into each version, escaping a hostile spec', async () => {
    await withRegistry(async ({ http }) => {
      assert.equal((await http.publish('canon', 'user', '1.0.0', await userJson())).status, 201);
      assert.equal((await http.publish('evil', 'evil', '1.0.0', hostileApiJson())).status, 201);
      const page = await http.request('GET', '/ui/-/trace/personal_data');
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(page.text, /<h1>Trace of <code>personal_data<\/code><\/h1>/);
      assert.match(
        page.text,
        /<a href="\/ui\/canon\/user\/1\.0\.0#models\/user\/fields\/email">user\.email<\/a>/,
      );
      assert.match(page.text, /<a href="\/ui\/canon\/user\/1\.0\.0#unions\/user_event">user_event<\/a>/);
      assert.match(page.text, /<code>GET \/users\/:id<\/code>/);
      assert.match(page.text, /\/ui\/evil\/evil\/1\.0\.0/, 'the hostile service is traced too');
      assert.doesNotMatch(page.text, /<script>window|<img|<b onmouseover|href="javascript:|\u2028/i);
      assert.equal((await http.request('GET', '/ui/-/trace')).status, 200);
      assert.equal((await http.request('GET', '/ui/-/trace/not%20a%20name')).status, 404);
    });
  });

  it('shows a private registry only what the signed-in token reads', async () => {
    await withRegistry(
      async ({ http }) => {
        await http.publish('canon', 'user', '1.0.0', await userJson());
        const anonymous = await http.request('GET', '/ui/-/trace/personal_data');
        assert.doesNotMatch(anonymous.text, /canon\/user/);
        const admin = await http.request('GET', '/ui/-/trace/personal_data', { token: ADMIN });
        assert.match(admin.text, /canon\/user 1\.0\.0/);
      },
      { anonymousReads: false },
    );
  });
});
