import assert from 'node:assert/strict';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { describe, test } from 'node:test';
import { ADMIN, registryOn, userSpec } from '../../../test/registry-harness.js';
import { runCanon } from '../../../test/spawn.js';
import { STORE_KINDS } from '../../../test/temporary-database.js';

const registryCli =
  (url: string, token = ADMIN) =>
  (...args: string[]) =>
    runCanon(['registry', ...args, '--registry', url], { env: { CANON_TOKEN: token } });

const v1 = userSpec({ id: 'string' });
const v11 = userSpec({ id: 'string', nickname: { type: 'string', required: false } });
const v2 = userSpec({ id: 'long' });

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('canon registry policy and changes: show, set, refuse a bad value; the change log as text and JSON', async () => {
      await withRegistry(async ({ url, http }) => {
        const admin = registryCli(url);
        assert.equal((await http.publish('acme', 'user', '1.0.0', v1)).status, 201);
        assert.equal((await http.publish('acme', 'user', '1.1.0', v11)).status, 201);

        assert.equal((await admin('policy', 'acme/user')).stdout, 'acme/user: backward\n');
        const set = await admin('policy', 'acme/user', 'major-may-break');
        assert.equal(set.code, 0, set.stderr);
        assert.equal(set.stdout, 'acme/user: policy set to major-may-break.\n');
        // The gate now takes a breaking change under a new major.
        assert.equal((await http.publish('acme', 'user', '2.0.0', v2)).status, 201);
        const json = JSON.parse((await admin('policy', 'acme/user', '--format', 'json')).stdout);
        assert.deepEqual([json.policy, json.latest_version], ['major-may-break', '2.0.0']);
        const bad = await admin('policy', 'acme/user', 'lenient');
        assert.equal(bad.code, 2);
        assert.match(
          bad.stderr,
          /'lenient' is not a policy; use one of: backward, backward-transitive, major-may-break, none/,
        );
        assert.equal((await admin('policy', '--default')).stdout, 'new services: backward\n');
        const setDefault = await admin('policy', '--default', 'backward-transitive');
        assert.equal(setDefault.code, 0, setDefault.stderr);
        assert.equal(
          setDefault.stdout,
          'new services: policy set to backward-transitive (existing services keep theirs).\n',
        );
        assert.deepEqual(JSON.parse((await admin('policy', '--default', '--format', 'json')).stdout), {
          policy: 'backward-transitive',
        });
        const unknown = await admin('policy', 'acme/nothing', 'none');
        assert.equal(unknown.code, 1);
        assert.match(unknown.stdout, /^acme\/nothing: refused \(404\)\.\n {2}not-found: /);

        const history = await admin('changes', 'acme/user');
        assert.equal(history.code, 0, history.stderr);
        assert.match(
          history.stdout,
          /^acme\/user: 3 version\(s\)\n\n1\.0\.0 {2}published \S+ by token:\S+; first version\n/,
        );
        assert.match(
          history.stdout,
          /\n1\.1\.0 {2}published .*; 2 change\(s\) since 1\.0\.0\n(.*\n)? {2}info {5}field-added: /,
        );
        assert.match(
          history.stdout,
          /\n2\.0\.0 {2}published .*since 1\.1\.0\n(.*\n)* {2}breaking field-type-changed: /,
        );
        const asJson = JSON.parse((await admin('changes', 'acme/user', '--format', 'json')).stdout);
        assert.deepEqual(
          asJson.map((v: { version: string }) => v.version),
          ['1.0.0', '1.1.0', '2.0.0'],
        );
        const between = await admin('changes', 'acme/user', '--from', '1.0.0');
        assert.match(between.stdout, /^acme\/user 1\.0\.0 → 2\.0\.0: \d change\(s\)\n/);
        const none = await admin('changes', 'acme/user', '--from', '1.1.0', '--to', '1.1.0');
        assert.equal(none.stdout, 'acme/user 1.1.0 → 1.1.0: no changes\n');
        const missing = await admin('changes', 'acme/user', '--from', '9.0.0');
        assert.equal(missing.code, 1);
        assert.match(missing.stdout, /refused \(404\)/);
        const noService = await admin('changes', 'user');
        assert.equal(noService.code, 2);
        assert.match(noService.stderr, /'user' names no organization: write <org>\/user, or give --org/);
        const withOrg = await admin('changes', 'user', '--org', 'acme', '--format', 'json');
        assert.equal(withOrg.code, 0, withOrg.stderr);
      });
    });

    test('canon registry mode: the registry and one service, READONLY refuses deletes with the way back', async () => {
      await withRegistry(async ({ url, http }) => {
        const admin = registryCli(url);
        await http.publish('acme', 'user', '1.0.0', v1);
        assert.equal((await admin('mode')).stdout, 'the registry: READWRITE\n');
        assert.equal((await admin('mode', 'READONLY')).stdout, 'the registry: mode set to READONLY.\n');
        const refused = await admin('delete', 'acme/user', '1.0.0', '--reason', 'cleanup');
        assert.equal(refused.code, 1);
        assert.match(refused.stdout, /read-only: The registry is in READONLY mode/);
        assert.match(refused.stdout, /\nSwitch it back: canon registry mode READWRITE\n$/);
        assert.equal((await admin('mode', 'readwrite')).stdout, 'the registry: mode set to READWRITE.\n');

        assert.equal((await admin('mode', 'acme/user', 'READONLY')).code, 0);
        assert.deepEqual(JSON.parse((await admin('mode', 'acme/user', '--format', 'json')).stdout), {
          mode: 'READONLY',
        });
        const scoped = await admin('delete', 'acme/user', '--service', '--reason', 'cleanup');
        assert.equal(scoped.code, 1);
        assert.match(scoped.stdout, /\nSwitch it back: canon registry mode acme\/user READWRITE\n$/);
        assert.equal((await admin('mode')).stdout, 'the registry: READWRITE\n');

        const typo = await admin('mode', 'READONY');
        assert.equal(typo.code, 2);
        assert.match(typo.stderr, /'READONY' is not a mode; use READONLY or READWRITE/);
        const unknown = await admin('mode', 'acme/nothing');
        assert.equal(unknown.code, 1);
        const publisher = (
          await http.request('POST', '/tokens', {
            token: ADMIN,
            body: { organization: 'acme', role: 'admin', description: 'acme admin' },
          })
        ).json.secret;
        const notStar = await registryCli(url, publisher)('mode', 'READONLY');
        assert.equal(notStar.code, 2);
        assert.match(
          notStar.stderr,
          /failed \(403\)\.\n {2}forbidden: .*does not hold the admin role for \*/,
        );
      });
    });

    test('canon registry delete and restore: soft, hard, a whole service; a reason is required', async () => {
      await withRegistry(async ({ url, http }) => {
        const admin = registryCli(url);
        for (const [version, spec] of [
          ['1.0.0', v1],
          ['1.1.0', v11],
        ] as const)
          assert.equal((await http.publish('acme', 'user', version, spec)).status, 201);
        const noReason = await admin('delete', 'acme/user', '1.1.0');
        assert.equal(noReason.code, 2);
        assert.match(noReason.stderr, /say why with --reason/);
        const noVersion = await admin('delete', 'acme/user', '--reason', 'x');
        assert.equal(noVersion.code, 2);
        assert.match(
          noVersion.stderr,
          /name the version to delete, or add --service to delete acme\/user with every version/,
        );

        const soft = await admin('delete', 'acme/user', '1.1.0', '--reason', 'leaked a field');
        assert.equal(soft.code, 0, soft.stderr);
        assert.equal(soft.stdout, 'Deleted acme/user 1.1.0 (soft: hidden, kept in the history).\n');
        assert.equal((await http.request('GET', '/services/acme/user')).json.latest_version, '1.0.0');
        const twice = await admin('delete', 'acme/user', '1.1.0', '--reason', 'again');
        assert.equal(twice.code, 1, 'a soft-deleted version is gone from reads');
        const hard = await admin(
          'delete',
          'acme/user',
          '1.1.0',
          '--reason',
          'for good',
          '--hard',
          '--format',
          'json',
        );
        assert.equal(hard.code, 0, hard.stderr);
        assert.deepEqual(JSON.parse(hard.stdout), {
          deleted: 'acme/user 1.1.0',
          hard: true,
          reason: 'for good',
        });
        assert.equal(
          (await http.publish('acme', 'user', '1.1.0', v11)).status,
          201,
          'the number is free again',
        );

        const audit = await admin('audit', '--limit', '3');
        assert.equal(audit.code, 0, audit.stderr);
        assert.match(audit.stdout, /token:\S+ {2}delete-version-hard acme\/user@1\.1\.0: for good\n/);
        assert.match(audit.stdout, /delete-version acme\/user@1\.1\.0: leaked a field\n/);

        const service = await admin('delete', 'acme/user', '--service', '--reason', 'retired');
        assert.equal(service.code, 0, service.stderr);
        assert.equal((await http.request('GET', '/services/acme/user')).status, 404);

        // Restore undoes a soft delete: the service first, then a version deleted on its own.
        assert.equal(
          (await admin('delete', 'acme/user', '1.0.0', '--reason', 'x')).code,
          1,
          'the service is gone',
        );
        const versionFirst = await admin('restore', 'acme/user', '1.1.0');
        assert.equal(versionFirst.code, 1);
        assert.match(
          versionFirst.stdout,
          /service-deleted: .*\nRestore the service first: canon registry restore acme\/user --service\n$/,
        );
        const back = await admin('restore', 'acme/user', '--service');
        assert.equal(back.code, 0, back.stderr);
        assert.equal(back.stdout, 'Restored acme/user (latest: 1.1.0).\n');
        assert.equal((await admin('delete', 'acme/user', '1.1.0', '--reason', 'again')).code, 0);
        const version = await admin('restore', 'acme/user', '1.1.0', '--format', 'json');
        assert.equal(version.code, 0, version.stderr);
        assert.equal(JSON.parse(version.stdout).version, '1.1.0');
        const live = await admin('restore', 'acme/user', '1.1.0');
        assert.equal(live.code, 1);
        assert.match(
          live.stdout,
          /not-deleted: acme\/user 1\.1\.0 is not deleted: there is nothing to restore\./,
        );
        const both = await admin('restore', 'acme/user', '1.1.0', '--service');
        assert.equal(both.code, 2);
        await admin('delete', 'acme/user', '--service', '--reason', 'retired');
        const reader = (
          await http.request('POST', '/tokens', {
            token: ADMIN,
            body: { organization: 'acme', role: 'publish', description: 'ci' },
          })
        ).json.secret;
        await http.publish('acme', 'other', '1.0.0', v1);
        const forbidden = await registryCli(url, reader)('delete', 'acme/other', '1.0.0', '--reason', 'x');
        assert.equal(forbidden.code, 2);
        assert.match(forbidden.stderr, /forbidden: .*does not hold the admin role for acme/);
      });
    });
  });
}

test('canon registry against a registry that is not there, and usage errors', async () => {
  // A port that was free a moment ago: nothing listens there.
  const listener = createServer().listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const { port } = listener.address() as AddressInfo;
  await new Promise((resolve) => listener.close(resolve));
  const down = await runCanon(['registry', 'tokens', '--registry', `http://127.0.0.1:${port}`], {
    env: { CANON_TOKEN: ADMIN },
  });
  assert.equal(down.code, 2);
  assert.match(
    down.stderr,
    /^canon: cannot reach the registry at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Is it running\?/,
  );
  assert.ok(!down.stderr.includes('    at '), 'no stack trace');
  const unknown = await runCanon(['registry', 'purge'], {});
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /'purge' is not a registry subcommand; use one of: tokens, policy, mode/);
  const help = await runCanon(['registry', 'delete', '--help'], {});
  assert.equal(help.code, 0);
  assert.match(
    help.stdout,
    /^Usage: canon registry delete <org>\/<app> \(<version> \| --service\) --reason <why> \[--hard\]/,
  );
  const flag = await runCanon(['registry', 'policy', 'acme/user', '--strict'], {});
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /Unknown option '--strict'.*Run 'canon registry policy --help' for usage/);
});
