/**
 * API Builder's pluralization (`Text.pluralize`): a fixed map, invariant words, words ending in
 * `es`, `ts` or `data` left alone, then English suffix rules like the evo-inflector library it
 * uses. Suffix rules apply to the whole name, so `order_summary` → `order_summaries`.
 */
const FIXED: Readonly<Record<string, string>> = {
  person: 'people',
  datum: 'data',
  metadatum: 'metadata',
  species: 'species',
  epoch: 'epochs',
  memo: 'memos',
  child: 'children',
  ox: 'oxen',
  mouse: 'mice',
  louse: 'lice',
  goose: 'geese',
  foot: 'feet',
  tooth: 'teeth',
};

const INVARIANT = new Set([
  'bison',
  'buffalo',
  'deer',
  'duck',
  'fish',
  'moose',
  'pike',
  'plankton',
  'salmon',
  'sheep',
  'squid',
  'swine',
  'trout',
]);

const O_TAKES_S = new Set([
  'photo',
  'piano',
  'halo',
  'kilo',
  'auto',
  'solo',
  'zero',
  'disco',
  'euro',
  'macro',
  'micro',
  'promo',
  'combo',
  'demo',
  'typo',
  'turbo',
  'repo',
]);
const F_TAKES_VES = new Set([
  'leaf',
  'loaf',
  'thief',
  'wolf',
  'calf',
  'half',
  'shelf',
  'sheaf',
  'elf',
  'knife',
  'life',
  'wife',
]);

export function pluralize(name: string): string {
  const word = lastWord(name);
  const stem = name.slice(0, name.length - word.length);
  const lower = word.toLowerCase();
  // Own keys only: a word such as `constructor` must not find Object.prototype's members.
  const fixed = Object.hasOwn(FIXED, lower) ? FIXED[lower] : undefined;
  if (fixed !== undefined) return stem + matchCase(word, fixed);
  if (INVARIANT.has(lower)) return name;
  if (lower.endsWith('es') || lower.endsWith('ts') || lower.endsWith('data')) return name;
  if (lower.endsWith('man') && lower !== 'human' && lower !== 'german' && lower !== 'roman')
    return `${name.slice(0, -3)}men`;
  if (lower.endsWith('sis')) return `${name.slice(0, -3)}ses`;
  // Character tests rather than regular expressions: this runs for every named type of a spec.
  const last = lower.charAt(lower.length - 1);
  const consonantBefore = lower.length >= 2 && !'aeiou'.includes(lower.charAt(lower.length - 2));
  if (last === 's' || last === 'x' || last === 'z' || lower.endsWith('ch') || lower.endsWith('sh'))
    return `${name}es`;
  if (last === 'y' && consonantBefore) return `${name.slice(0, -1)}ies`;
  if (last === 'o' && consonantBefore && !O_TAKES_S.has(lower)) return `${name}es`;
  if (F_TAKES_VES.has(lower))
    return lower.endsWith('fe') ? `${name.slice(0, -2)}ves` : `${name.slice(0, -1)}ves`;
  return `${name}s`;
}

/** The trailing run of ASCII letters and digits (`user_form` → `form`), or `name` when there is none. */
function lastWord(name: string): string {
  // A backward scan: an unanchored `/[A-Za-z0-9]+$/` retries from every position of a long name.
  let start = name.length;
  while (start > 0 && isWordCode(name.charCodeAt(start - 1))) start--;
  return start === name.length ? name : name.slice(start);
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function matchCase(original: string, replacement: string): string {
  return original[0] !== undefined && original[0] !== original[0].toLowerCase()
    ? replacement[0]!.toUpperCase() + replacement.slice(1)
    : replacement;
}
