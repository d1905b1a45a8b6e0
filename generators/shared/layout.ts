import type { Code } from './code.js';

/**
 * Code with its line breaking left open: the printer (`printLayout`) decides, for a line width,
 * which groups fit on one line and which break, the way Prettier and Biome do. Leaves are `Code`
 * (made by the shared helpers), so a layout carries nothing from a spec unescaped.
 */
export type Layout = Code | readonly Layout[] | LayoutNode | DeferredLayout;

/**
 * A group whose layout is built only when it has to break: until then its width, whether it must
 * break and its one-line text are all the printer asks of it. Data literals (the mock client's
 * tables, the client's descriptors) are most of a generated file's nodes and nearly all of them
 * fit on their line, so they never become trees.
 */
export interface DeferredLayout {
  readonly kind: 'deferred';
  /** Its width printed on one line (`Infinity` when it must break and was not measured). */
  readonly width: number;
  /** Whether it must break (what `mustBreak` of its layout says). */
  readonly broken: boolean;
  /** The width of its first line when it prints broken (`[` or `{` for a data literal: 1). */
  readonly firstLine: number;
  /** Appends its one-line text (`width` characters) to `out`. */
  appendFlat(out: string[]): void;
  /** Its layout: a group, built on demand (its parts may be deferred in turn). */
  expand(): Layout;
  /**
   * Prints what its layout prints broken (at the start of a line indented `level`, or after the
   * text before it) without building it: the printer's `out`, line breaks through `newline`,
   * `width` columns. Returns the column it ends at.
   */
  printBroken(level: number, width: number, out: string[], newline: (level: number) => void): number;
}

type LayoutNode =
  | {
      readonly kind: 'group';
      readonly contents: Layout;
      readonly shouldBreak: boolean;
      /** Whether it must break: asked to, or holding a forced break (computed once, when built). */
      readonly broken: boolean;
      /** Its width printed on one line (computed once, when built). */
      readonly width: number;
      readonly id?: symbol;
    }
  | { readonly kind: 'indentIfBreak'; readonly contents: Layout; readonly groupId: symbol }
  | { readonly kind: 'conditional'; readonly states: readonly Layout[]; readonly firstBreaks: boolean }
  | { readonly kind: 'indent'; readonly contents: Layout }
  | { readonly kind: 'line'; readonly soft: boolean; readonly hard: boolean }
  | { readonly kind: 'ifBreak'; readonly broken: Layout; readonly flat: Layout }
  | { readonly kind: 'fill'; readonly parts: readonly Layout[] };

/** A space when its group fits on one line, otherwise a line break. */
export const line: Layout = { kind: 'line', soft: false, hard: false };
/** Nothing when its group fits on one line, otherwise a line break. */
export const softline: Layout = { kind: 'line', soft: true, hard: false };
/** Always a line break (and so its groups break). */
export const hardline: Layout = { kind: 'line', soft: false, hard: true };

/** Contents printed on one line when they fit, otherwise with every `line` of this group broken. */
export function group(contents: Layout, shouldBreak = false): Layout {
  return {
    kind: 'group',
    contents,
    shouldBreak,
    broken: shouldBreak || mustBreak(contents),
    width: flatWidth(contents),
  };
}

/** A group whose chosen mode `indentIfBreak` can follow (Prettier's group id). */
export function namedGroup(contents: Layout, id: symbol): Layout {
  return {
    kind: 'group',
    contents,
    shouldBreak: false,
    broken: mustBreak(contents),
    width: flatWidth(contents),
    id,
  };
}

/** `contents` one level deeper when the group `groupId` broke, as it is otherwise. */
export function indentIfBreak(contents: Layout, groupId: symbol): Layout {
  return { kind: 'indentIfBreak', contents, groupId };
}

/**
 * Ways to print one thing, tried in order: the first flat if it fits, then the first expanded
 * one whose first line fits, else the last (Prettier's conditional group, for hugged arguments).
 */
export function conditionalGroup(states: readonly Layout[]): Layout {
  return { kind: 'conditional', states, firstBreaks: mustBreak(states[0]!) };
}

/** Lines broken inside `contents` start one level (two spaces) deeper. */
export function indent(contents: Layout): Layout {
  return { kind: 'indent', contents };
}

/** `broken` when the enclosing group breaks, `flat` when it fits (a trailing comma, a leading `|`). */
export function ifBreak(broken: Layout, flat: Layout = '' as Code): Layout {
  return { kind: 'ifBreak', broken, flat };
}

/** Items separated by `separator` (each a `line`), broken only where the next item does not fit. */
export function fill(items: readonly Layout[], separator: Layout): Layout {
  const parts: Layout[] = [];
  items.forEach((item, index) => {
    if (index > 0) parts.push(separator);
    parts.push(item);
  });
  return { kind: 'fill', parts };
}

/**
 * Parts in sequence, adjacent text joined into one piece (plain text when all of it is), so the
 * printer has fewer pieces to walk: the generated files are large.
 */
export function concat(parts: readonly Layout[]): Layout {
  const out: Layout[] = [];
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else if (Array.isArray(part) && part.length === 0) continue;
    else {
      if (text !== '') out.push(text as Code);
      text = '';
      out.push(part);
    }
  }
  if (out.length === 0) return text as Code;
  if (text !== '') out.push(text as Code);
  return out.length === 1 ? out[0]! : out;
}

/** Items with `separator` between them. */
export function join(separator: Layout, items: readonly Layout[]): Layout[] {
  const out: Layout[] = [];
  items.forEach((item, index) => {
    if (index > 0) out.push(separator);
    out.push(item);
  });
  return out;
}

/**
 * Whether a layout holds a forced break (a hard line, text spanning lines, a group that must
 * break). Groups know theirs from when they were built, so this never walks into one: building a
 * layout bottom-up costs one visit per node.
 */
export function mustBreak(layout: Layout): boolean {
  if (typeof layout === 'string') return layout.includes('\n');
  if (Array.isArray(layout)) {
    for (const part of layout as readonly Layout[]) if (mustBreak(part)) return true;
    return false;
  }
  const node = layout as LayoutNode | DeferredLayout;
  switch (node.kind) {
    case 'group':
    case 'deferred':
      return node.broken;
    case 'conditional':
      return node.firstBreaks && node.states.every(mustBreak);
    case 'indent':
    case 'indentIfBreak':
      return mustBreak(node.contents);
    case 'line':
      return node.hard;
    case 'ifBreak':
      return mustBreak(node.flat);
    case 'fill':
      return node.parts.some(mustBreak);
  }
}

/** Appends a layout printed on one line (it holds no forced break) to `out`. */
function appendFlat(layout: Layout, out: string[]): void {
  if (typeof layout === 'string') {
    out.push(layout);
    return;
  }
  if (Array.isArray(layout)) {
    for (const part of layout as readonly Layout[]) appendFlat(part, out);
    return;
  }
  const node = layout as LayoutNode | DeferredLayout;
  switch (node.kind) {
    case 'deferred':
      node.appendFlat(out);
      return;
    case 'group':
    case 'indent':
    case 'indentIfBreak':
      appendFlat(node.contents, out);
      return;
    case 'conditional':
      appendFlat(node.states[0]!, out);
      return;
    case 'line':
      if (!node.soft) out.push(' ');
      return;
    case 'ifBreak':
      appendFlat(node.flat, out);
      return;
    case 'fill':
      for (const part of node.parts) appendFlat(part, out);
      return;
  }
}

type Mode = 'flat' | 'break';
/** A stack of (indent level, mode, layout) commands in three arrays: no allocation per command. */
class Commands {
  readonly levels: number[] = [];
  readonly modes: Mode[] = [];
  readonly layouts: Layout[] = [];

  get size(): number {
    return this.layouts.length;
  }

  push(level: number, mode: Mode, layout: Layout): void {
    this.levels.push(level);
    this.modes.push(mode);
    this.layouts.push(layout);
  }

  clear(): void {
    this.levels.length = 0;
    this.modes.length = 0;
    this.layouts.length = 0;
  }
}

/** Columns per indentation level (the project's Biome `indentWidth`). */
export const INDENT_WIDTH = 2;
const INDENT = ' '.repeat(INDENT_WIDTH);
/** How many printed pieces `printLayout` collects before joining them. */
const CHUNK_PIECES = 2048;
/** A line break and the indentation of `level`, made once per level. */
const lineStarts: string[] = [];
function lineStart(level: number): string {
  for (let next = lineStarts.length; next <= level; next++) lineStarts.push(`\n${INDENT.repeat(next)}`);
  return lineStarts[level]!;
}
// fits() never runs inside itself, so one scratch stack serves every call.
const scratch = new Commands();

/**
 * Whether `next` (when given), then what follows it on `rest`, fits in `width` columns up to the
 * next line break.
 */
function fits(
  next: Layout | undefined,
  nextLevel: number,
  nextMode: Mode,
  rest: Commands,
  width: number,
): boolean {
  let remaining = width;
  const commands = scratch;
  commands.clear();
  if (next !== undefined) commands.push(nextLevel, nextMode, next);
  let restIndex = rest.size;
  while (remaining >= 0) {
    let level: number;
    let mode: Mode;
    let layout: Layout;
    if (commands.size > 0) {
      level = commands.levels.pop()!;
      mode = commands.modes.pop()!;
      layout = commands.layouts.pop()!;
    } else if (restIndex > 0) {
      restIndex--;
      level = rest.levels[restIndex]!;
      mode = rest.modes[restIndex]!;
      layout = rest.layouts[restIndex]!;
    } else return true;
    if (typeof layout === 'string') {
      const end = layout.indexOf('\n');
      if (end >= 0) return remaining - end >= 0;
      remaining -= layout.length;
      continue;
    }
    if (Array.isArray(layout)) {
      for (let i = layout.length - 1; i >= 0; i--) commands.push(level, mode, layout[i]!);
      continue;
    }
    const node = layout as LayoutNode | DeferredLayout;
    switch (node.kind) {
      case 'group':
        if (mode === 'flat' && !node.broken) remaining -= node.width;
        else commands.push(level, node.shouldBreak ? 'break' : mode, node.contents);
        break;
      case 'deferred':
        if (mode === 'flat' && !node.broken) remaining -= node.width;
        else if (mode === 'break') return remaining - node.firstLine >= 0;
        else commands.push(level, mode, node.expand());
        break;
      case 'conditional':
        commands.push(level, mode, mode === 'break' ? node.states.at(-1)! : node.states[0]!);
        break;
      case 'indent':
        commands.push(level + 1, mode, node.contents);
        break;
      case 'indentIfBreak':
        commands.push(level, mode, node.contents);
        break;
      case 'line':
        if (mode === 'break' || node.hard) return true;
        if (!node.soft) remaining -= 1;
        break;
      case 'ifBreak':
        commands.push(level, mode, mode === 'break' ? node.broken : node.flat);
        break;
      case 'fill':
        for (let i = node.parts.length - 1; i >= 0; i--) commands.push(level, mode, node.parts[i]!);
        break;
    }
  }
  return false;
}

/**
 * Prints a layout within `width` columns: a group goes on one line when it fits, otherwise its
 * lines break and its parts are tried again. Text that spans lines keeps the current indentation
 * after each of its line breaks; trailing spaces are trimmed.
 */
export function printLayout(layout: Layout, width: number): string {
  // Plain text (most statements of a types module) has nothing to decide.
  if (typeof layout === 'string') return withoutTrailingSpaces(layout).trimEnd();
  const out: string[] = [];
  // Printed lines joined every so often, so that their many small pieces die young.
  const chunks: string[] = [];
  // The column the next text starts at.
  let column = 0;
  // Trailing spaces (a flat `line` before a break, the indentation of a line left empty) are
  // trimmed, as a formatter does.
  const trimLineEnd = () => {
    while (out.length > 0 && out[out.length - 1]!.endsWith(' ')) {
      const last = out.pop()!.replace(/ +$/, '');
      if (last !== '') {
        out.push(last);
        break;
      }
    }
  };
  const newline = (level: number) => {
    trimLineEnd();
    // Trimming never looks back past this point: the last piece no longer ends with a space.
    if (out.length >= CHUNK_PIECES) {
      chunks.push(out.join(''));
      out.length = 0;
    }
    out.push(lineStart(level));
    column = INDENT.length * level;
  };
  const stack = new Commands();
  stack.push(0, 'break', layout);
  const groupModes = new Map<symbol, Mode>();
  while (stack.size > 0) {
    const level = stack.levels.pop()!;
    const mode = stack.modes.pop()!;
    const item = stack.layouts.pop()!;
    if (typeof item === 'string') {
      const end = item.lastIndexOf('\n');
      if (end < 0) {
        out.push(item);
        column += item.length;
      } else {
        // Text spanning lines: each line that has text starts at the current indentation.
        if (item.charCodeAt(0) === 10) trimLineEnd();
        const indentation = INDENT.repeat(level);
        const text = withoutTrailingSpaces(
          level === 0 ? item : item.replace(/\n(?!\n)/g, `\n${indentation}`),
        );
        out.push(text);
        column = text.length - text.lastIndexOf('\n') - 1;
      }
      continue;
    }
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(level, mode, item[i]!);
      continue;
    }
    const node = item as LayoutNode | DeferredLayout;
    switch (node.kind) {
      case 'deferred': {
        // On one line when its group would be (as below), else the group it stands for decides.
        const room = width - column - node.width;
        const flat =
          !node.broken && (mode === 'flat' || (room >= 0 && fits(undefined, 0, 'flat', stack, room)));
        if (flat) {
          node.appendFlat(out);
          column += node.width;
        } else if (mode === 'break') {
          column = node.printBroken(level, width, out, newline);
        } else stack.push(level, mode, node.expand());
        break;
      }
      case 'group': {
        // Its own width is known; only what follows it on the line is left to measure.
        const room = width - column - node.width;
        const flat =
          (mode === 'flat' && !node.shouldBreak) ||
          (!node.broken && room >= 0 && fits(undefined, 0, 'flat', stack, room));
        if (node.id) groupModes.set(node.id, flat ? 'flat' : 'break');
        if (flat && !node.broken) {
          // One line: no decision left inside, so print it directly.
          appendFlat(node.contents, out);
          column += node.width;
        } else stack.push(level, flat ? 'flat' : 'break', node.contents);
        break;
      }
      case 'indentIfBreak':
        stack.push(groupModes.get(node.groupId) === 'break' ? level + 1 : level, mode, node.contents);
        break;
      case 'conditional': {
        const first = node.states[0]!;
        if (mode === 'flat' || (!node.firstBreaks && fits(first, level, 'flat', stack, width - column))) {
          stack.push(level, 'flat', first);
          break;
        }
        // Expanded states are tried flat: only their groups marked to break break (Prettier's rule).
        const expanded = node.states
          .slice(1, -1)
          .find((state) => fits(state, level, 'flat', stack, width - column));
        if (expanded) stack.push(level, 'flat', expanded);
        else stack.push(level, 'break', node.states.at(-1)!);
        break;
      }
      case 'indent':
        stack.push(level + 1, mode, node.contents);
        break;
      case 'line':
        if (mode === 'flat' && !node.hard) {
          if (!node.soft) {
            out.push(' ');
            column += 1;
          }
        } else newline(level);
        break;
      case 'ifBreak':
        stack.push(level, mode, mode === 'break' ? node.broken : node.flat);
        break;
      case 'fill':
        printFill(node.parts, level, mode, stack, width, column);
        break;
    }
  }
  chunks.push(out.join(''));
  // Spaces before a line break are gone already: trimmed at each break the printer makes, and
  // inside each text that spans lines.
  return chunks.join('').trimEnd();
}

/**
 * `text` without spaces at the end of its lines. Nearly all printed text has none: a substring
 * search (much faster than the regular expression's scan) tells when there is any.
 */
function withoutTrailingSpaces(text: string): string {
  return text.includes(' \n') ? text.replace(/[ ]+\n/g, '\n') : text;
}

/**
 * Pushes a fill's parts: each separator stays flat when the item after it still fits on the line
 * (Prettier's fill, for what generated code fills: short literals that never break themselves).
 */
function printFill(
  parts: readonly Layout[],
  level: number,
  mode: Mode,
  stack: Commands,
  width: number,
  column: number,
): void {
  const commands: [number, Mode, Layout][] = [];
  let remaining = width - column;
  parts.forEach((part, index) => {
    if (mode === 'flat' || index % 2 === 0) {
      remaining -= flatWidth(part);
      commands.push([level, 'flat', part]);
      return;
    }
    const next = parts[index + 1];
    const needed = flatWidth(part) + (next === undefined ? 0 : flatWidth(next));
    if (needed > remaining) {
      commands.push([level, 'break', part]);
      remaining = width - INDENT.length * level;
    } else {
      remaining -= flatWidth(part);
      commands.push([level, 'flat', part]);
    }
  });
  for (let i = commands.length - 1; i >= 0; i--) stack.push(...commands[i]!);
}

/** The width of a layout printed flat (lines as spaces). */
function flatWidth(layout: Layout): number {
  if (typeof layout === 'string') return layout.length;
  if (Array.isArray(layout))
    return (layout as readonly Layout[]).reduce((sum, part) => sum + flatWidth(part), 0);
  const node = layout as LayoutNode | DeferredLayout;
  switch (node.kind) {
    case 'group':
    case 'deferred':
      return node.width;
    case 'indent':
    case 'indentIfBreak':
      return flatWidth(node.contents);
    case 'conditional':
      return flatWidth(node.states[0]!);
    case 'line':
      return node.soft || node.hard ? 0 : 1;
    case 'ifBreak':
      return flatWidth(node.flat);
    case 'fill':
      return node.parts.reduce((sum: number, part) => sum + flatWidth(part), 0);
  }
}
