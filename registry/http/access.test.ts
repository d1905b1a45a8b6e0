import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, registryOn, userSpec } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';

const spec = userSpec({ id: 'string' });

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('tokens: roles per organization, wrong tokens get 401, revoked tokens stop working', async () => {
      await withRegistry(async ({ http }) => {
        const issue = async (organization: string, role: string, token = ADMIN) =>
          http.request('POST', '/tokens', {
            token,
            body: { organization, role, description: `${role} for ${organization}` },
          });
        const reader = (await issue('acme', 'read')).json;
        const publisher = await issue('acme', 'publish');
        assert.equal(publisher.status, 201);
        assert.match(publisher.json.secret, /^canon_/);
        const orgAdmin = (await issue('acme', 'admin')).json;

        assert.equal((await http.publish('acme', 'user', '1.0.0', spec, {}, reader.secret)).status, 403);
        assert.equal(
          (await http.publish('acme', 'user', '1.0.0', spec, {}, publisher.json.secret)).status,
          201,
        );
        assert.equal(
          (await http.publish('other', 'user', '1.0.0', spec, {}, publisher.json.secret)).status,
          403,
          'publish is per organization',
        );
        assert.equal((await http.publish('acme', 'user', '1.0.1', spec, {}, 'canon_wrong')).status, 401);
        assert.equal(
          (await http.publish('acme', 'user', '1.0.1', spec)).json.version.published_by,
          `token:${(await http.request('GET', '/tokens', { token: ADMIN })).json[0].id}`,
        );

        const basic = await http.request('GET', '/services', { headers: { authorization: 'Basic YTpi' } });
        assert.equal(basic.status, 401);
        assert.equal(basic.json.errors[0].code, 'invalid-authorization');

        assert.equal(
          (await issue('other', 'read', orgAdmin.secret)).status,
          403,
          'an organization admin issues tokens for it only',
        );
        assert.equal((await issue('acme', 'read', orgAdmin.secret)).status, 201);
        assert.equal((await issue('*', 'admin', orgAdmin.secret)).status, 403);
        assert.equal(
          (await http.request('GET', '/tokens?organization=*', { token: orgAdmin.secret })).status,
          403,
          'an organization admin lists its own organization only',
        );
        assert.equal(
          (
            await http.request('PUT', '/services/acme/user/policy', {
              token: orgAdmin.secret,
              body: { policy: 'none' },
            })
          ).status,
          200,
        );
        assert.equal(
          (
            await http.request('PUT', '/services/acme/user/policy', {
              token: publisher.json.secret,
              body: { policy: 'none' },
            })
          ).status,
          403,
        );
        assert.equal(
          (await http.request('PUT', '/services/acme/user/policy', { body: { policy: 'none' } })).status,
          401,
        );

        const listed = await http.request('GET', '/tokens', { token: ADMIN });
        assert.ok(
          listed.json.every((t: Record<string, unknown>) => !('secret' in t) && !('secret_hash' in t)),
        );
        assert.equal(
          (await http.request('DELETE', `/tokens/${publisher.json.id}`, { token: ADMIN })).status,
          204,
        );
        assert.equal(
          (await http.request('DELETE', `/tokens/${publisher.json.id}`, { token: ADMIN })).status,
          404,
        );
        assert.equal(
          (await http.publish('acme', 'user', '1.0.2', spec, {}, publisher.json.secret)).status,
          401,
        );
        assert.equal((await issue('acme', 'owner')).status, 422);

        const audit = await http.request('GET', '/audit?limit=50', { token: ADMIN });
        assert.equal(audit.status, 200);
        const actions = audit.json.map((e: { action: string }) => e.action);
        for (const action of ['create-token', 'publish', 'set-policy', 'revoke-token'])
          assert.ok(actions.includes(action), action);
        assert.ok(audit.json.every((e: { actor: string; at: string }) => e.actor && e.at));
        assert.ok(audit.json[0].id > audit.json.at(-1).id, 'newest first');
        assert.equal((await http.request('GET', '/audit', { token: orgAdmin.secret })).status, 403);
        assert.equal((await http.request('GET', '/audit')).status, 401);
      });
    });

    test('anonymous reads are on by default and can be turned off', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', spec);
        assert.equal((await http.request('GET', '/services/acme/user')).status, 200);
        assert.equal(
          (await http.publish('acme', 'user', '1.0.1', spec, {}, '')).status,
          401,
          'writes always need a token',
        );
      });
      await withRegistry(
        async ({ http }) => {
          await http.publish('acme', 'user', '1.0.0', spec);
          const anonymous = await http.request('GET', '/services/acme/user');
          assert.equal(anonymous.status, 401);
          assert.equal((await http.request('GET', '/services/acme/user', { token: ADMIN })).status, 200);
          const reader = await http.request('POST', '/tokens', {
            token: ADMIN,
            body: { organization: 'zeta', role: 'read', description: 'z' },
          });
          assert.deepEqual(
            (await http.request('GET', '/services', { token: reader.json.secret })).json,
            [],
            'search shows only readable services',
          );
        },
        { anonymousReads: false },
      );
    });

    test('every error is JSON with a fitting status', async () => {
      await withRegistry(
        async ({ http }) => {
          const cases: {
            what: string;
            status: number;
            code: string;
            answer: () => ReturnType<typeof http.request>;
          }[] = [
            {
              what: 'unknown route',
              status: 404,
              code: 'route-not-found',
              answer: () => http.request('GET', '/nope/nothing'),
            },
            {
              what: 'wrong method',
              status: 405,
              code: 'method-not-allowed',
              answer: () => http.request('DELETE', '/services'),
            },
            {
              what: 'malformed JSON body',
              status: 400,
              code: 'malformed-json',
              answer: () =>
                http.request('POST', '/validations', {
                  raw: '{"original": ',
                  headers: { 'content-type': 'application/json' },
                }),
            },
            {
              what: 'body over the limit',
              status: 413,
              code: 'body-too-large',
              answer: () => http.request('POST', '/validations', { body: { original: 'x'.repeat(300_000) } }),
            },
            {
              what: 'spec over the limit',
              status: 413,
              code: 'spec-too-large',
              answer: () =>
                http.publish(
                  'acme',
                  'user',
                  '1.0.0',
                  JSON.stringify({ name: 'user', description: 'x'.repeat(150_000) }),
                ),
            },
            {
              what: 'not JSON',
              status: 415,
              code: 'unsupported-media-type',
              answer: () =>
                http.request('POST', '/validations', {
                  raw: 'original=x',
                  headers: { 'content-type': 'text/plain' },
                }),
            },
            {
              what: 'body not an object',
              status: 422,
              code: 'invalid-body',
              answer: () => http.request('POST', '/validations', { body: [1] }),
            },
            {
              what: 'unknown field',
              status: 422,
              code: 'unknown-field',
              answer: () => http.request('POST', '/validations', { body: { original: '{}', extra: 1 } }),
            },
            {
              what: 'missing field',
              status: 422,
              code: 'missing-field',
              answer: () => http.request('POST', '/validations', { body: {} }),
            },
            {
              what: 'bad percent-encoding',
              status: 400,
              code: 'bad-request',
              answer: () => http.request('GET', '/services/%E0%A4%A/user'),
            },
            {
              what: 'unknown generator',
              status: 404,
              code: 'not-found',
              answer: () => http.request('GET', '/services/acme/user/versions/1.0.0/code/nope'),
            },
          ];
          for (const c of cases) {
            const answer = await c.answer();
            assert.equal(answer.status, c.status, c.what);
            assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, c.what);
            assert.equal(answer.json.errors[0].code, c.code, c.what);
            assert.equal(typeof answer.json.errors[0].message, 'string', c.what);
            assert.doesNotMatch(answer.text, /at .*\.js:\d+|<html/i, c.what);
          }
          const options = await http.request('OPTIONS', '/services');
          assert.equal(options.status, 204);
          assert.equal(options.headers.get('allow'), 'GET, HEAD, OPTIONS');
        },
        { maxBodyBytes: 200_000, maxSpecBytes: 100_000 },
      );
    });
  });
}
