import type { ApiProblem } from '../../errors.js';
import { type Html, html, pageUrl, text } from '../html.js';
import type { PageShell } from '../layout.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  500: 'Something went wrong',
  503: 'Registry unavailable',
};

/** An error as a page: the status as its title and each problem's message (what, and what to do). */
export function errorPage(
  status: number,
  problems: readonly ApiProblem[],
  signIn: Html | undefined,
): PageShell {
  const title = TITLES[status] ?? 'Error';
  return {
    title,
    crumbs: [{ label: 'Registry', href: pageUrl([]) }, { label: title }],
    main: html`<h1>${text(title)}</h1>
${problems.map((p) => html`<p>${text(p.message)}</p>`)}
${signIn === undefined ? undefined : html`<p><a href="${signIn}">Sign in with a token</a></p>`}
<p><a href="/ui/">All services</a></p>`,
  };
}
