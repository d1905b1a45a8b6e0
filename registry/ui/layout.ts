import { ASSETS } from './assets.js';
import { attr, type Html, html, text } from './html.js';

/** One step of the breadcrumb trail; the last one is the current page and has no link. */
export interface Crumb {
  label: string;
  href?: Html;
}

export interface PageShell {
  title: string;
  crumbs: Crumb[];
  /** The page's content; in pieces, some of them bytes from a cache of rendered pages. */
  main: Html | readonly (Html | Buffer)[];
  /** The signed-in token's id, when the pages were opened with a sign-in cookie. */
  signedInAs?: string | undefined;
  /** Whether to offer the sign-in link (always, except on the sign-in page itself). */
  offerSignIn?: boolean;
}

/**
 * The document around every page: landmarks (banner, breadcrumb navigation, main, contentinfo),
 * a skip link, the stylesheet and the enhancement script, both from the registry's own files.
 */
export function layout(page: PageShell & { main: Html }): Html {
  const [before, after] = layoutAround(page);
  return html`${before}${page.main}${after}`;
}

/** The document before and after the page's content, so that cached content is sent as it is. */
export function layoutAround(page: Omit<PageShell, 'main'>): [Html, Html] {
  const crumbs = page.crumbs.map((c, i) =>
    i === page.crumbs.length - 1 || c.href === undefined
      ? html`<li><span aria-current="page">${text(c.label)}</span></li>`
      : html`<li><a href="${c.href}">${text(c.label)}</a></li>`,
  );
  const account =
    page.signedInAs !== undefined
      ? html`<form method="post" action="/ui/-/sign-out"><span class="muted">Signed in as ${text(page.signedInAs)}</span> <button type="submit">Sign out</button></form>`
      : page.offerSignIn === false
        ? undefined
        : html`<a href="/ui/-/sign-in">Sign in</a>`;
  const before = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(page.title)} · Canon registry</title>
<link rel="stylesheet" href="${attr(ASSETS.style.url)}">
<script type="module" src="${attr(ASSETS.script.url)}"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<a class="brand" href="/ui/">Canon registry</a>
<nav class="crumbs" aria-label="Breadcrumb"><ol>${crumbs}</ol></nav>
${account}
</header>
<main id="main" tabindex="-1">
`;
  const after = html`
</main>
<footer class="site">Read-only pages of this registry. The API is at <a href="/services">/services</a>; rules at <a href="/ui/-/rules">/ui/-/rules</a>.</footer>
</body>
</html>
`;
  return [before, after];
}
