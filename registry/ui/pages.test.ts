import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';
import { HOSTILE, hostileApiJson } from './testing/hostile-spec.js';

const repo = (path: string) => readFile(new URL(`../../../${path}`, import.meta.url), 'utf8');
const userV1 = () => repo('specs/examples/user.json');

/** user 1.1.0: `name` removed from `user` (breaking), `nickname` added to `user_form` (safe). */
async function userV2(): Promise<string> {
  const spec = JSON.parse(await userV1());
  spec.models.user.fields = spec.models.user.fields.filter((f: { name: string }) => f.name !== 'name');
  spec.models.user_form.fields.push({ name: 'nickname', type: 'string', required: false });
  return JSON.stringify(spec);
}

describe('the registry web pages over HTTP', () => {
  it('answer every page kind as HTML with a strict CSP, and every error as an HTML page', async () => {
    await withRegistry(async ({ http }) => {
      assert.equal((await http.publish('canon', 'user', '1.0.0', await userV1())).status, 201);
      const forced = await http.publish('canon', 'user', '1.1.0', await userV2(), {
        force_reason: 'drop name',
      });
      assert.equal(forced.status, 201);
      const pages: [string, number, RegExp][] = [
        ['/ui/', 200, /<h1>Services<\/h1>/],
        ['/ui', 200, /<h1>Services<\/h1>/],
        [
          '/ui/?q=user_form',
          200,
          /model <a href="\/ui\/canon\/user\/1\.1\.0#models\/user_form">user_form<\/a>/,
        ],
        ['/ui/?q=nothing-like-it', 200, /0 services match/],
        ['/ui/canon', 200, /Event streams/],
        ['/ui/canon/user', 200, /1 breaking.*since <a href="\/ui\/canon\/user\/diff\/1\.0\.0\/1\.1\.0">/s],
        ['/ui/canon/user/1.0.0', 200, /id="models\/user\/fields\/name"/],
        ['/ui/canon/user/latest', 200, /1\.1\.0 \(latest\)/],
        ['/ui/canon/user/latest?q=form', 200, /Showing only names containing/],
        ['/ui/canon/user/diff/1.0.0/1.1.0', 200, /Breaking \(1\).*response-field-removed.*Safe changes/s],
        ['/ui/-/rules', 200, /id="response-field-removed"/],
        ['/ui/-/sign-in', 200, /<label for="token">Token<\/label>/],
        ['/ui/nobody', 404, /The organization nobody does not exist/],
        ['/ui/Not%20A%20Key', 404, /Not found/],
        ['/ui/canon/nothing', 404, /The service canon\/nothing does not exist/],
        ['/ui/canon/user/9.9.9', 404, /Version 9\.9\.9 of canon\/user does not exist/],
        ['/ui/canon/user/diff/1.0.0/9.9.9', 404, /Version 9\.9\.9/],
        ['/ui/nobody/user/diff/1.0.0/1.1.0', 404, /Not found/],
        ['/ui/canon/user/1.0', 400, /not a version/],
        ['/ui/canon/user/diff/1.0.0/two', 400, /not a version/],
        ['/ui/canon/user/diff?from=1.0.0&to=', 200, /Changes from/],
        ['/ui/canon/user/diff?from=nope', 400, /not a version/],
        ['/ui/a/b/c/d/e/f', 404, /There is no page at/],
        ['/ui/canon/user/%E0%A4%A', 400, /Bad request|not a version/],
        ['/ui/%00', 404, /Not found/],
      ];
      for (const [path, status, body] of pages) {
        const answer = await http.request('GET', path);
        assert.equal(answer.status, status, `${path}: ${answer.text.slice(0, 300)}`);
        assert.match(answer.headers.get('content-type')!, /^text\/html; charset=utf-8/, path);
        assert.match(
          answer.headers.get('content-security-policy')!,
          /default-src 'none'; script-src 'self'/,
          path,
        );
        assert.match(answer.text, body, path);
        assert.doesNotMatch(
          answer.text,
          /<script>|\bstyle="|\son[a-z]+=/i,
          `${path}: no inline script, style or handlers`,
        );
      }
      const odd = [
        '/ui/%',
        '/ui/%ff',
        '/ui/canon/user/latest?q=%ff',
        '/ui/canon/user/latest?q=a&q=b',
        '/ui/canon/user/diff/latest/latest',
        '/ui/canon/user/diff',
        '/ui/-/',
        '/ui/-/assets/none.css',
        '/ui/canon/user/1.0.0/extra',
        `/ui/${'a'.repeat(5000)}`,
        '/ui/canon/user/1.0.0-%3Cscript%3E',
        '/ui/?q=%3Cscript%3E',
      ];
      for (const path of odd) {
        const answer = await http.request('GET', path);
        assert.ok(answer.status < 500, `${path}: ${answer.status}`);
        assert.match(answer.headers.get('content-type')!, /^text\/html/, path);
        assert.doesNotMatch(answer.text, /<script>/, path);
      }
      assert.equal((await http.request('POST', '/ui/canon')).status, 404);
      const head = await fetch(`${http.url}/ui/canon/user/latest`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      const redirect = await fetch(`${http.url}/ui/canon/user/diff?from=1.0.0&to=1.1.0`, {
        redirect: 'manual',
      });
      assert.equal(redirect.status, 303);
      assert.equal(redirect.headers.get('location'), '/ui/canon/user/diff/1.0.0/1.1.0');
      const css = await http.request(
        'GET',
        (await http.request('GET', '/ui/')).text.match(/href="(\/ui\/-\/assets\/style\.css\?v=\w+)"/)![1]!,
      );
      assert.equal(css.status, 200);
      assert.match(css.headers.get('cache-control')!, /immutable/);
    });
  });

  it('escape a hostile spec everywhere: no markup, no javascript: links', async () => {
    await withRegistry(async ({ http }) => {
      assert.equal((await http.publish('evil', 'evil', '1.0.0', hostileApiJson())).status, 201);
      for (const path of [
        '/ui/',
        '/ui/?q=evil',
        '/ui/evil',
        '/ui/evil/evil',
        '/ui/evil/evil/1.0.0',
        '/ui/evil/evil/latest?q=user',
      ]) {
        const page = await http.request('GET', path);
        assert.equal(page.status, 200, path);
        assert.doesNotMatch(page.text, /<script>window|<img|<b onmouseover|href="javascript:|\u2028/i, path);
      }
      const doc = (await http.request('GET', '/ui/evil/evil/1.0.0')).text;
      assert.ok(
        doc.includes('&quot;&#39;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;'),
        'the payload is shown as text',
      );
      assert.ok(doc.includes('<span class="mark personal"'), 'personal_data is marked');
      assert.ok(HOSTILE.includes('</style>'));
    });
  });

  it('link imported types to the imported service, and list dependents on its page', async () => {
    await withRegistry(async ({ http }) => {
      assert.equal(
        (await http.publish('canon', 'common', '1.0.0', await repo('specs/common.json'))).status,
        201,
      );
      const consumer = JSON.stringify({
        name: 'probe',
        imports: [{ uri: 'http://127.0.0.1/canon/common/1.0.0/service.json' }],
        models: { status: { fields: [{ name: 'health', type: 'common.v1.models.healthcheck' }] } },
      });
      const published = await http.publish('acme', 'probe', '1.0.0', consumer);
      assert.equal(published.status, 201, published.text);
      const doc = (await http.request('GET', '/ui/acme/probe/1.0.0')).text;
      assert.match(
        doc,
        /<a href="\/ui\/canon\/common\/1\.0\.0#models\/healthcheck" title="common\.v1\.models\.healthcheck"><code>healthcheck<\/code><\/a>/,
      );
      const common = (await http.request('GET', '/ui/canon/common')).text;
      assert.match(common, /Dependents<\/h2><ul><li><a href="\/ui\/acme\/probe">probe<\/a>/);
    });
  });

  it('in private mode pages need sign-in, and a token sees only its organization', async () => {
    await withRegistry(
      async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', await userV1());
        await http.publish('other', 'secret', '1.0.0', await userV1());
        const token = await http.request('POST', '/tokens', {
          token: ADMIN,
          body: { organization: 'acme', role: 'read', description: 'browser' },
        });
        const secret = token.json.secret as string;

        const anonymous = await http.request('GET', '/ui/acme/user');
        assert.equal(anonymous.status, 401);
        assert.match(anonymous.text, /name="next" value="\/ui\/acme\/user"/);
        assert.doesNotMatch((await http.request('GET', '/ui/')).text, /\/ui\/(acme|other)/);

        const wrong = await signIn(http.url, 'canon_not-a-token', '/ui/acme');
        assert.equal(wrong.status, 401);
        assert.equal(wrong.headers.get('set-cookie'), null);

        const ok = await signIn(http.url, secret, '/ui/acme');
        assert.equal(ok.status, 303);
        assert.equal(ok.headers.get('location'), '/ui/acme');
        const cookie = ok.headers.get('set-cookie')!;
        assert.match(cookie, /HttpOnly/);
        assert.match(cookie, /SameSite=Strict/);
        assert.match(cookie, /Path=\/ui/);
        const headers = { cookie: cookie.split(';')[0]! };

        const home = await http.request('GET', '/ui/', { headers });
        assert.match(home.text, /acme/);
        assert.doesNotMatch(home.text, /\/ui\/other/);
        assert.match(home.text, /Sign out/);
        assert.equal((await http.request('GET', '/ui/acme/user/latest', { headers })).status, 200);
        for (const path of [
          '/ui/other',
          '/ui/other/secret',
          '/ui/other/secret/1.0.0',
          '/ui/other/secret/diff/1.0.0/1.0.0',
        ])
          assert.equal((await http.request('GET', path, { headers })).status, 404, path);
        assert.equal(
          (await signIn(http.url, secret, 'https://evil.example/')).headers.get('location'),
          '/ui/',
        );

        const out = await fetch(`${http.url}/ui/-/sign-out`, { method: 'POST', headers, redirect: 'manual' });
        assert.equal(out.status, 303);
        assert.match(out.headers.get('set-cookie')!, /Max-Age=0/);
      },
      { anonymousReads: false },
    );
  });
});

function signIn(url: string, token: string, next: string) {
  return fetch(`${url}/ui/-/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, next }).toString(),
    redirect: 'manual',
  });
}
