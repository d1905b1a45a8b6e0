import { attr, html, pageUrl, text } from '../html.js';
import type { PageShell } from '../layout.js';

/** `/ui/-/sign-in`: a form for a registry token; the answer sets the sign-in cookie. */
export function signInPage(next: string, problem?: string): PageShell {
  return {
    title: 'Sign in',
    crumbs: [{ label: 'Registry', href: pageUrl([]) }, { label: 'Sign in' }],
    offerSignIn: false,
    main: html`<h1>Sign in</h1>
<p>This registry shows its pages to holders of a token. Paste yours (an admin creates one with <code>POST /tokens</code>); it is kept in a cookie only this registry can read, until you sign out.</p>
${problem === undefined ? undefined : html`<p class="notice" role="alert">${text(problem)}</p>`}
<form method="post" action="/ui/-/sign-in" class="search"><input type="hidden" name="next" value="${attr(next)}"><label for="token">Token</label><input id="token" name="token" type="password" autocomplete="current-password" required><button type="submit">Sign in</button></form>`,
  };
}
