import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, registryOn } from '../../../test/registry-harness.js';
import { runCanon } from '../../../test/spawn.js';
import { STORE_KINDS } from '../../../test/temporary-database.js';

/** `canon registry <args> --registry <url>` with `token` as CANON_TOKEN. */
const registryCli =
  (url: string, token = ADMIN) =>
  (...args: string[]) =>
    runCanon(['registry', ...args, '--registry', url], { env: { CANON_TOKEN: token } });

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('canon registry tokens: create with a role and an expiry, list, revoke; the secret works once', async () => {
      await withRegistry(async ({ url, http }) => {
        const admin = registryCli(url);
        const created = await admin(
          'tokens',
          'create',
          '--org',
          'acme',
          '--role',
          'publish',
          '--description',
          'CI for acme',
          '--expires-at',
          '2027-06-30T00:00:00Z',
        );
        assert.equal(created.code, 0, created.stderr);
        const [, id, secret] =
          /^Created (tok_[0-9a-f]+): publish for acme, expires 2027-06-30T00:00:00\.000Z \(CI for acme\)\.\n.*\n(canon_\S+)\n$/.exec(
            created.stdout,
          ) ?? [];
        assert.ok(id && secret, created.stdout);
        // The secret is a publish token for acme.
        const asCi = await http.publish(
          'acme',
          'user',
          '1.0.0',
          JSON.stringify({ name: 'user' }),
          {},
          secret,
        );
        assert.equal(asCi.status, 201, asCi.text);

        const json = await admin(
          'tokens',
          'create',
          '--org',
          'acme',
          '--role',
          'read',
          '--description',
          'dashboards',
          '--format',
          'json',
        );
        assert.equal(json.code, 0, json.stderr);
        const reader = JSON.parse(json.stdout);
        assert.equal(reader.role, 'read');
        assert.match(reader.secret, /^canon_/);
        // Without --expires-at a token lives 90 days.
        const days = (Date.parse(reader.expires_at) - Date.now()) / 86_400_000;
        assert.ok(days > 89 && days <= 90, reader.expires_at);

        const listed = await admin('tokens', 'list', '--org', 'acme');
        assert.equal(listed.code, 0, listed.stderr);
        const lines = listed.stdout.trimEnd().split('\n');
        assert.equal(lines.length, 2, listed.stdout);
        assert.match(
          lines[0]!,
          new RegExp(`^${id}  acme  publish  expires 2027-06-30T00:00:00\\.000Z  CI for acme$`),
        );
        assert.ok(!listed.stdout.includes('canon_'), 'never a secret in a list');
        const everyToken = JSON.parse((await admin('tokens', '--format', 'json')).stdout);
        assert.deepEqual(everyToken.map((t: { organization: string }) => t.organization).sort(), [
          '*',
          'acme',
          'acme',
        ]);

        const revoked = await admin('tokens', 'revoke', id!);
        assert.equal(revoked.code, 0, revoked.stderr);
        assert.equal(revoked.stdout, `Revoked ${id}.\n`);
        const refused = await http.request('GET', '/services', { token: secret });
        assert.equal(refused.status, 401);
        const again = await admin('tokens', 'revoke', id!);
        assert.equal(again.code, 1);
        assert.match(again.stdout, /refused \(404\)\.\n {2}not-found: The token tok_[0-9a-f]+ /);
      });
    });

    test('canon registry tokens: bad values, no token, a bad token, a token without the role', async () => {
      await withRegistry(async ({ url, http }) => {
        const admin = registryCli(url);
        const past = await admin(
          'tokens',
          'create',
          '--org',
          'acme',
          '--role',
          'read',
          '--description',
          'x',
          '--expires-at',
          '2001-01-01T00:00:00Z',
        );
        assert.equal(past.code, 1);
        assert.match(
          past.stdout,
          /invalid-field at \/expires_at: token_form\.expires_at must be an ISO 8601 date-time in the future/,
        );
        const noRole = await admin('tokens', 'create', '--org', 'acme', '--description', 'x');
        assert.equal(noRole.code, 2);
        assert.equal(
          noRole.stderr,
          "canon registry: give the token's role with --role: one of read, publish, admin.\n",
        );
        const badRole = await admin(
          'tokens',
          'create',
          '--org',
          'acme',
          '--role',
          'owner',
          '--description',
          'x',
        );
        assert.equal(badRole.code, 2);
        const action = await admin('tokens', 'rotate');
        assert.equal(action.code, 2);
        assert.match(action.stderr, /'rotate' is not a tokens action; use list, create or revoke/);

        const anonymous = await registryCli(url, '')('tokens', 'list');
        assert.equal(anonymous.code, 2);
        assert.match(
          anonymous.stderr,
          /failed \(401\)\.\n {2}unauthorized: .*\nSet CANON_TOKEN to a token of this registry/,
        );
        const unknown = await registryCli(url, 'canon_not_a_token')('tokens', 'list');
        assert.equal(unknown.code, 2);
        assert.match(unknown.stderr, /invalid-token: The token is not known to this registry/);
        const reader = (
          await http.request('POST', '/tokens', {
            token: ADMIN,
            body: { organization: 'acme', role: 'read', description: 'reader' },
          })
        ).json.secret;
        const forbidden = await registryCli(url, reader)(
          'tokens',
          'create',
          '--org',
          'acme',
          '--role',
          'admin',
          '--description',
          'escalate',
        );
        assert.equal(forbidden.code, 2);
        assert.match(
          forbidden.stderr,
          /failed \(403\)\.\n {2}forbidden: Token tok_[0-9a-f]+ \(read for acme\) does not hold the admin role for acme/,
        );
        assert.ok(!`${forbidden.stdout}${forbidden.stderr}`.includes('    at '), 'no stack trace');
      });
    });
  });
}
