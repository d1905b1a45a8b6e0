/**
 * HTML as a branded string. Only the helpers here mint `Html` (escaped text, escaped attribute
 * values, checked URLs, element ids), and the `html` template accepts only `Html` values, so text
 * from a spec cannot reach a page unescaped, the way `generators/shared/code.ts` guards code.
 */
declare const htmlBrand: unique symbol;
export type Html = string & { readonly [htmlBrand]: true };

/** What the `html` template accepts: safe HTML, lists of it, or nothing (rendered as ''). */
export type HtmlPiece = Html | readonly Html[] | undefined | false;

/**
 * Builds HTML from fixed template text and already-safe pieces.
 *
 * @example
 * html`<a href="${pageUrl(['acme'])}">${text(name)}</a>`
 */
export function html(strings: TemplateStringsArray, ...values: HtmlPiece[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Array.isArray(value)) out += value.join('');
    else if (typeof value === 'string') out += value;
    out += strings[i + 1] ?? '';
  }
  return out as Html;
}

/** Joins pieces with a fixed separator. */
export function joinHtml(parts: readonly Html[], separator = ''): Html {
  return parts.join(separator) as Html;
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
  '\u0000': '\uFFFD',
};
const SPECIAL = /[&<>"'`\u2028\u2029\u0000]/g;
const HAS_SPECIAL = /[&<>"'`\u2028\u2029\u0000]/;

/** Text for an element's content. Escapes every character that could open markup. */
export function text(value: string | number): Html {
  const s = String(value);
  // Most names need no escaping; testing first saves a copy of each (measurable on Flow's page).
  return (HAS_SPECIAL.test(s) ? s.replace(SPECIAL, (c) => ENTITIES[c]!) : s) as Html;
}

/**
 * A value for a double-quoted attribute. The same escaping as `text` (quotes included), kept
 * as its own function so that every use says which context it writes into.
 */
export function attr(value: string | number): Html {
  return text(value);
}

/** A link inside the UI: every segment percent-encoded, so a name cannot climb or add a query. */
export function pageUrl(segments: readonly string[], fragment?: string): Html {
  const path = `/ui/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
  return attr(fragment === undefined ? path : `${path}#${elementId(fragment)}`);
}

/** A registry API path (`/services/...`), every segment percent-encoded. */
export function apiUrl(segments: readonly string[]): Html {
  return attr(`/${segments.map((s) => encodeURIComponent(s)).join('/')}`);
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * A link taken from a spec (contact, license): only http, https and mailto URLs pass; anything
 * else (`javascript:`, `data:`, relative tricks) is refused with `undefined`, and the caller
 * shows the text without a link.
 */
export function externalUrl(value: string): Html | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  return SAFE_SCHEMES.has(parsed.protocol) ? attr(parsed.href) : undefined;
}

const ID_SAFE = /^[A-Za-z0-9_\-./:]*$/;

/**
 * The element id of a diff path (`models/user/fields/email`,
 * `resources/user/operations/GET /users/:id`): letters, digits and `-_./:` stay, every other
 * character becomes `~` and its code in hex, so the id is valid, unique and safe in a fragment.
 */
export function elementId(path: string): string {
  if (ID_SAFE.test(path)) return path;
  return path.replace(/[^A-Za-z0-9_\-./:]/gu, (c) => `~${c.codePointAt(0)!.toString(16)}~`);
}

/** `elementId` as an attribute value. */
export function idAttr(path: string): Html {
  return attr(elementId(path));
}
