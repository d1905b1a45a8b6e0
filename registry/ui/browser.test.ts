import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';
import { ANONYMOUS } from '../access.js';
import { layout } from './layout.js';
import { renderDocumentation } from './pages/version.js';
import { launchChromium, seriousViolations } from './testing/browser.js';
import { HOSTILE, hostileApiJson, hostileService } from './testing/hostile-spec.js';

const repo = (path: string) => readFile(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** user 1.1.0: `name` removed from `user` (breaking), `nickname` added to `user_form` (safe). */
async function userV2(): Promise<string> {
  const spec = JSON.parse(await repo('specs/examples/user.json'));
  spec.models.user.fields = spec.models.user.fields.filter((f: { name: string }) => f.name !== 'name');
  spec.models.user_form.fields.push({ name: 'nickname', type: 'string', required: false });
  return JSON.stringify(spec);
}

/** What a page must not show after loading anything hostile: no script ran, nothing was injected. */
async function assertInert(page: Page, dialogs: string[]): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    scripts: Array.from(document.scripts).map((s) => s.src.replace(location.origin, '')),
    injected: document.querySelectorAll(
      'img, iframe, object, embed, b, body style, [onerror], [onmouseover], [onload]',
    ).length,
    javascriptLinks: Array.from(document.querySelectorAll('a')).filter((a) =>
      /^\s*javascript:/i.test(a.getAttribute('href') ?? ''),
    ).length,
  }));
  assert.equal(found.pwned, undefined, 'no payload ran');
  assert.ok(
    found.scripts.every((s) => s.startsWith('/ui/-/assets/enhance.js')),
    `only our script: ${found.scripts}`,
  );
  assert.equal(found.injected, 0, 'no element was injected');
  assert.equal(found.javascriptLinks, 0, 'no javascript: links');
  assert.deepEqual(dialogs, [], 'no dialog opened');
}

test('the registry pages in Chromium', async (t) => {
  const browser: Browser = await launchChromium();
  try {
    await withRegistry(async ({ http, url, registry }) => {
      const publish = async (org: string, app: string, version: string, text: string, extra = {}) =>
        assert.equal(
          (await http.publish(org, app, version, text, extra)).status,
          201,
          `${org}/${app} ${version}`,
        );
      await publish('canon', 'common', '1.0.0', await repo('specs/common.json'));
      await publish('canon', 'registry', '1.0.0', await repo('specs/registry.json'));
      await publish('canon', 'user', '1.0.0', await repo('specs/examples/user.json'));
      await publish('canon', 'user', '1.1.0', await userV2(), { force_reason: 'drop name' });
      await publish('flow', 'api', '0.19.66', await repo('fixtures/corpus/flow/flow-api-service.json'));
      await publish('evil', 'evil', '1.0.0', hostileApiJson());

      await t.test(
        'with JavaScript off: from the list to a service, a version, a model, a diff',
        async () => {
          const context = await browser.newContext({ javaScriptEnabled: false, baseURL: url });
          const page = await context.newPage();
          await page.goto('/ui/');
          await page.getByRole('link', { name: 'user', exact: true }).click();
          assert.equal(new URL(page.url()).pathname, '/ui/canon/user');
          await page.getByRole('link', { name: '1.1.0', exact: true }).first().click();
          assert.equal(new URL(page.url()).pathname, '/ui/canon/user/1.1.0');
          await page.locator('[id="models/user"]').getByRole('link', { name: 'user_status' }).first().click();
          assert.equal(new URL(page.url()).hash, '#enums/user_status');
          assert.ok(await page.locator('[id="enums/user_status"]').isVisible());
          assert.ok(
            await page
              .locator('[id="models/user/fields/email"]')
              .locator('..')
              .getByText('personal data')
              .isVisible(),
          );

          await page.goto('/ui/canon/user');
          await page.getByLabel('Compare').selectOption('1.0.0');
          await page.getByLabel('with').selectOption('1.1.0');
          await page.getByRole('button', { name: 'Show changes' }).click();
          assert.equal(new URL(page.url()).pathname, '/ui/canon/user/diff/1.0.0/1.1.0');
          assert.ok(await page.getByRole('heading', { name: 'Breaking (1)' }).isVisible());
          await page.getByRole('link', { name: 'in 1.0.0' }).first().click();
          assert.equal(new URL(page.url()).hash, '#models/user/fields/name');
          assert.ok(await page.locator('[id="models/user/fields/name"]').isVisible());
          await page.goBack();
          await page.getByRole('link', { name: 'response-field-removed' }).click();
          assert.equal(new URL(page.url()).pathname, '/ui/-/rules');
          assert.ok(await page.locator('[id="response-field-removed"]').isVisible());
          await context.close();
        },
      );

      await t.test("with JavaScript on, the filter narrows Flow's page as you type", async () => {
        const page = await browser.newPage({ baseURL: url });
        await page.goto('/ui/flow/api/latest');
        const total = await page.locator('[data-item]').count();
        assert.ok(total > 2000, `every model and operation is on the page (${total})`);
        await page.getByLabel('Filter operations and types').fill('shopify_order');
        const status = await page.locator('#filter-status').textContent();
        const shown = await page.locator('[data-item]:visible').count();
        assert.ok(shown > 0 && shown < 50, `${shown} shown`);
        assert.equal(status, `${shown} of ${total} shown`);
        const names = await page
          .locator('[data-item]:visible')
          .evaluateAll((items) => items.map((i) => i.getAttribute('data-item')));
        assert.ok(names.every((n) => n?.includes('shopify_order')));
        await page.getByLabel('Filter operations and types').fill('');
        assert.equal(await page.locator('[data-item]:visible').count(), total);
        await page.close();
      });

      await t.test('landmarks, headings, labels and the keyboard', async () => {
        const page = await browser.newPage({ baseURL: url });
        await page.goto('/ui/canon/user/1.1.0');
        for (const role of ['banner', 'main', 'contentinfo'] as const)
          assert.equal(await page.getByRole(role).count(), 1, role);
        assert.equal(await page.getByRole('navigation', { name: 'Breadcrumb' }).count(), 1);
        assert.equal(await page.getByRole('navigation', { name: 'Contents' }).count(), 1);
        assert.equal(await page.locator('h1').count(), 1);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
        await page.getByLabel('Filter operations and types').focus();
        await page.keyboard.type('error');
        assert.ok((await page.locator('[data-item]:visible').count()) >= 1);
        await page.getByRole('button', { name: 'Copy' }).waitFor();
        await page.close();
      });

      await t.test('axe-core finds no serious or critical violation on any page kind', async () => {
        const page = await browser.newPage({ baseURL: url });
        for (const path of [
          '/ui/',
          '/ui/?q=user',
          '/ui/canon',
          '/ui/canon/user',
          '/ui/canon/user/1.1.0',
          '/ui/canon/user/diff/1.0.0/1.1.0',
          '/ui/-/rules',
          '/ui/-/sign-in',
          '/ui/nobody',
        ]) {
          await page.goto(path);
          const violations = await seriousViolations(page);
          assert.deepEqual(
            violations.map(
              (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
            ),
            [],
            path,
          );
        }
        await page.close();
      });

      await t.test('a hostile spec renders inert, under a strict CSP', async () => {
        const page = await browser.newPage({ baseURL: url });
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        for (const path of ['/ui/', '/ui/?q=evil', '/ui/evil', '/ui/evil/evil', '/ui/evil/evil/1.0.0']) {
          const response = await page.goto(path);
          assert.match(response!.headers()['content-security-policy'] ?? '', /script-src 'self'/);
          await page.mouse.move(10, 10);
          await assertInert(page, dialogs);
        }
        assert.ok(
          (await page.locator('h1').textContent())?.includes('<script>window.__pwned=1</script>'),
          'shown as text',
        );

        // Names the registry's validation would refuse, rendered straight from an IR, without the CSP.
        const service = hostileService();
        const record = {
          organization: 'evil',
          application: 'evil',
          version: '1.0.0',
          contentHash: `sha256:${HOSTILE}`,
          format: HOSTILE,
          publishedAt: HOSTILE,
          publishedBy: HOSTILE,
          changes: [],
        };
        const ctx = { registry, principal: ANONYMOUS, origin: HOSTILE };
        const doc = layout({
          title: HOSTILE,
          crumbs: [{ label: HOSTILE }],
          main: renderDocumentation(ctx, record, service, ''),
        });
        await page.setContent(doc.replace(/<script[^>]*><\/script>/, ''));
        await assertInert(page, dialogs);
        assert.ok((await page.locator('main').textContent())?.includes(HOSTILE.slice(0, 40)));
        await page.close();
      });

      await t.test('unknown organizations, services and versions answer an HTML 404 page', async () => {
        const page = await browser.newPage({ baseURL: url });
        for (const path of ['/ui/nobody', '/ui/canon/nothing', '/ui/canon/user/9.9.9']) {
          const response = await page.goto(path);
          assert.equal(response!.status(), 404, path);
          assert.equal(await page.locator('h1').textContent(), 'Not found');
          await page.getByRole('link', { name: 'All services' }).click();
          assert.equal(new URL(page.url()).pathname, '/ui/');
        }
        await page.close();
      });
    });

    await withRegistry(
      async ({ http, url }) => {
        await http.publish('acme', 'user', '1.0.0', await repo('specs/examples/user.json'));
        await http.publish('other', 'secret', '1.0.0', await repo('specs/examples/user.json'));
        const created = await http.request('POST', '/tokens', {
          token: ADMIN,
          body: { organization: 'acme', role: 'read', description: 'browser test' },
        });
        await t.test(
          'private registry: sign in with a token, see only its organization, sign out',
          async () => {
            const context = await browser.newContext({ baseURL: url });
            const page = await context.newPage();
            const first = await page.goto('/ui/acme');
            assert.equal(first!.status(), 401);
            await page.getByLabel('Token').fill(created.json.secret);
            await page.getByRole('button', { name: 'Sign in' }).click();
            assert.equal(new URL(page.url()).pathname, '/ui/acme');
            assert.ok(await page.getByRole('link', { name: 'user', exact: true }).first().isVisible());
            assert.equal(await page.evaluate(() => document.cookie), '', 'the cookie is httpOnly');
            await page.goto('/ui/');
            assert.equal(await page.getByRole('link', { name: 'other' }).count(), 0);
            assert.equal((await page.goto('/ui/other/secret'))!.status(), 404);
            await page.getByRole('button', { name: 'Sign out' }).click();
            assert.ok(await page.getByRole('link', { name: 'Sign in', exact: true }).isVisible());
            assert.equal((await page.goto('/ui/acme'))!.status(), 401);
            await context.close();
          },
        );
      },
      { anonymousReads: false },
    );
  } finally {
    await browser.close();
  }
});
