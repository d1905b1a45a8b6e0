import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attr, elementId, externalUrl, html, pageUrl, text } from './html.js';

describe('html escaping by context', () => {
  it('text and attributes escape everything that opens markup or ends a quote', () => {
    assert.equal(
      text(`<a href="x" onclick='y'>&\`\u2028\u2029`),
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&#x2028;&#x2029;',
    );
    assert.equal(attr('" autofocus onfocus="alert(1)'), '&quot; autofocus onfocus=&quot;alert(1)');
    assert.equal(html`<p>${text('</p><script>')}</p>`, '<p>&lt;/p&gt;&lt;script&gt;</p>');
  });
  it('links into the pages encode each segment, so names cannot climb or add a query', () => {
    assert.equal(pageUrl(['acme', '../x?y#z']), '/ui/acme/..%2Fx%3Fy%23z');
    assert.equal(pageUrl([]), '/ui/');
    assert.equal(pageUrl(['a', 'b', '1.0.0'], 'models/user'), '/ui/a/b/1.0.0#models/user');
  });
  it('links from a spec pass only as http, https or mailto', () => {
    for (const bad of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '/relative',
      '',
    ])
      assert.equal(externalUrl(bad), undefined, bad);
    assert.equal(externalUrl('https://example.com/a"b'), 'https://example.com/a%22b');
  });
  it('element ids keep diff paths readable and unique, with nothing unsafe in them', () => {
    assert.equal(elementId('models/user/fields/email'), 'models/user/fields/email');
    assert.equal(
      elementId('resources/user/operations/GET /users/:id'),
      'resources/user/operations/GET~20~/users/:id',
    );
    assert.match(elementId('a"<>\u2028 #?'), /^[A-Za-z0-9_\-./:~]+$/);
  });
});
