import { type Code, fixed } from './code.js';
import {
  concat,
  conditionalGroup,
  fill,
  group,
  hardline,
  ifBreak,
  indent,
  indentIfBreak,
  join,
  type Layout,
  line,
  mustBreak,
  namedGroup,
  softline,
} from './layout.js';

/**
 * TypeScript constructs as layouts that break the way Biome (and Prettier) break them: lists get
 * one item per line and a trailing comma, unions a leading `|` per member, calls hug a last
 * object or arrow function when the rest fits on the first line.
 */

const COMMA: Layout = [fixed(','), line];

/**
 * Text this short stays on its line: generated code nests at most a few levels, so it cannot
 * reach the 110th column (the width a fast path may assume without measuring).
 */
export const SHORT = 50;

/** `{ a, b }` on one line, or one entry per line with a trailing comma. */
export function objectLayout(entries: readonly Layout[]): Layout {
  if (entries.length === 0) return fixed('{}');
  return group([fixed('{'), indent([line, join(COMMA, entries)]), ifBreak(fixed(',')), line, fixed('}')]);
}

/** What an array literal holds, for the rules that decide how it breaks. */
export type ArrayItemKind = 'number' | 'array' | 'object' | 'other';

/**
 * `[a, b]`, or one item per line with a trailing comma. Numbers fill the lines; several objects
 * (or arrays) of more than one entry each always go one per line, as Biome prints a table.
 */
export function arrayLayout(items: readonly { layout: Layout; kind: ArrayItemKind; size: number }[]): Layout {
  if (items.length === 0) return fixed('[]');
  const layouts = items.map((item) => item.layout);
  if (items.length > 1 && items.every((item) => item.kind === 'number')) {
    return group([
      fixed('['),
      indent([softline, fill(layouts, COMMA)]),
      ifBreak(fixed(',')),
      softline,
      fixed(']'),
    ]);
  }
  const first = items[0]!.kind;
  const table =
    items.length > 1 &&
    (first === 'array' || first === 'object') &&
    items.every((item) => item.kind === first && item.size > 1);
  return group(
    [fixed('['), indent([softline, join(COMMA, layouts)]), ifBreak(fixed(',')), softline, fixed(']')],
    table,
  );
}

/** A plain argument: an identifier, a literal, an expression that never hugs. */
export function argument(layout: Layout): Argument {
  return { layout };
}

/** An argument of a call, and whether it may hug the parentheses when it comes last. */
export interface Argument {
  layout: Layout;
  /** A non-empty object or array literal, or an arrow function: `f(a, {` … `})`. */
  huggable?: 'object' | 'array' | 'arrow';
  /** For an arrow function: its head (`(a, b) =>`) and body, printed apart when hugged. */
  arrow?: { head: Layout; body: Layout };
}

/** `callee(a, b)`, hugging a last object or arrow function, or one argument per line. */
export function callLayout(callee: Layout, args: readonly Argument[]): Layout {
  if (args.length === 0) return [callee, fixed('()')];
  const layouts = args.map((a) => a.layout);
  const broken: Layout = [
    callee,
    fixed('('),
    indent([softline, join(COMMA, layouts)]),
    ifBreak(fixed(',')),
    softline,
    fixed(')'),
  ];
  const last = args.at(-1)!;
  const rest = layouts.slice(0, -1);
  const penultimate = args.at(-2);
  // As Biome: no hugging after an argument of the same kind, nor with something that must break.
  if (!last.huggable || penultimate?.huggable === last.huggable || rest.some(mustBreak)) return group(broken);
  const head: Layout = [
    callee,
    fixed('('),
    join(fixed(', ') as Layout, rest),
    rest.length > 0 ? fixed(', ') : fixed(''),
  ];
  const hugged: Layout =
    last.huggable === 'arrow' && last.arrow
      ? [head, last.arrow.head, indent([hardline, last.arrow.body]), fixed(','), hardline, fixed(')')]
      : [head, group(last.layout, true), fixed(')')];
  return conditionalGroup([
    [callee, fixed('('), join(fixed(', ') as Layout, layouts), fixed(')')],
    hugged,
    broken,
  ]);
}

/** `(a, b) => body`, the body moving to the next line when the whole does not fit. */
export function arrowLayout(parameters: readonly Code[], body: Layout): Argument {
  const head: Layout = [fixed('('), join(fixed(', ') as Layout, parameters), fixed(') =>')];
  return {
    layout: group([head, group(indent([line, body]))]),
    huggable: 'arrow',
    arrow: { head, body },
  };
}

const unions = new WeakMap<object, readonly Layout[]>();

/**
 * ` A | B` after a `=` or `:`, or one member per line after a leading `|`, one level deeper
 * (`type X =\n  | A\n  | B`). A single member is just that member.
 */
export function unionLayout(members: readonly Layout[]): Layout {
  if (members.length === 1) return members[0]!;
  // Each member sits two columns in, under its `| ` (Prettier's align(2)).
  const layout = group(indent([line, ifBreak(fixed('| ')), join([line, fixed('| ')], members.map(indent))]));
  unions.set(layout as object, members);
  return layout;
}

/** Whether a layout is a `unionLayout` (which brings its own space after `=` or `:`). */
export function isUnionLayout(layout: Layout): boolean {
  return typeof layout === 'object' && unions.has(layout as object);
}

/** The members of a `unionLayout`, or undefined for any other layout. */
export function unionMembers(layout: Layout): readonly Layout[] | undefined {
  return typeof layout === 'object' ? unions.get(layout as object) : undefined;
}

/** `{ a: A; b: B }` (a type literal) on one line, or one member per line. */
export function typeLiteralLayout(members: readonly Layout[]): Layout {
  if (members.length === 0) return fixed('{}');
  return group([
    fixed('{'),
    indent([line, join([fixed(';'), line], members)]),
    ifBreak(fixed(';')),
    line,
    fixed('}'),
  ]);
}

/** `name(a: A, b: B): R`, the parameters one per line when the signature does not fit. */
export function signatureLayout(name: Layout, parameters: readonly Layout[], returns: Layout): Layout {
  const after: Layout = isUnionLayout(returns) ? [fixed('):'), returns] : [fixed('): '), returns];
  if (parameters.length === 0) return [name, fixed('('), after];
  return group([
    name,
    fixed('('),
    indent([softline, join(COMMA, parameters)]),
    ifBreak(fixed(',')),
    softline,
    after,
  ]);
}

/**
 * ` = value` after a declaration's name (Prettier's "fluid" assignment): the value stays on the
 * `=` line when its first line fits there, otherwise it moves to the next line, one level deeper.
 */
export function assignmentLayout(value: Layout): Layout {
  const id = Symbol('assignment');
  return [fixed(' ='), namedGroup(indent(line), id), indentIfBreak(value, id)];
}

/**
 * `key: value` in an object literal: the value moves under the key, one level deeper, when even
 * its first line does not fit after it (as an assignment does).
 */
export function propertyLayout(key: Code, value: Layout): Layout {
  // As Biome: a key shorter than the indent plus three never breaks, nor does a number or keyword.
  if (key.length < 5 || (typeof value === 'string' && /^(-?[0-9][0-9.e+-]*|true|false|null)$/.test(value)))
    return concat([key, fixed(': '), value]);
  // Short enough never to reach the line's end at any nesting generated code has (a fast path:
  // generated files hold hundreds of thousands of these).
  if (typeof value === 'string' && key.length + value.length <= SHORT && !value.includes('\n'))
    return fixed(`${key}: ${value}`);
  const id = Symbol('property');
  return [key, fixed(':'), namedGroup(indent(line), id), indentIfBreak(value, id)];
}

/** `Name<A, B>`, the type arguments one per line when they do not fit (no trailing comma). */
export function typeArgumentsLayout(name: Code, args: readonly Layout[]): Layout {
  return group([name, fixed('<'), indent([softline, join(COMMA, args)]), softline, fixed('>')]);
}

/** `{`, statements one per line, `}`. */
export function blockLayout(statements: readonly Layout[]): Layout {
  if (statements.length === 0) return fixed('{}');
  // Plain text inside (most interfaces): indent it here, one string for the printer to copy.
  if (statements.every((statement) => typeof statement === 'string')) {
    const body = (statements as readonly string[]).join('\n').replace(/\n(?!\n)/g, '\n  ');
    return fixed(`{\n  ${body}\n}`);
  }
  return [fixed('{'), indent([hardline, join(hardline, statements)]), hardline, fixed('}')];
}
