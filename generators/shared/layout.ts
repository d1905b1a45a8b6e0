import type { Code } from './code.js';

/**
 * Code with its line breaking left open: the printer (`printLayout`) decides, for a line width,
 * which groups fit on one line and which break, the way Prettier and Biome do. Leaves are `Code`
 * (made by the shared helpers), so a layout carries nothing from a spec unescaped.
 */
export type Layout = Code | readonly Layout[] | LayoutNode;

type LayoutNode =
  | { readonly kind: 'group'; readonly contents: Layout; readonly shouldBreak: boolean; readonly id?: symbol }
  | { readonly kind: 'indentIfBreak'; readonly contents: Layout; readonly groupId: symbol }
  | { readonly kind: 'conditional'; readonly states: readonly Layout[] }
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
  return { kind: 'group', contents, shouldBreak };
}

/** A group whose chosen mode `indentIfBreak` can follow (Prettier's group id). */
export function namedGroup(contents: Layout, id: symbol): Layout {
  return { kind: 'group', contents, shouldBreak: false, id };
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
  return { kind: 'conditional', states };
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

/** Items with `separator` between them. */
export function join(separator: Layout, items: readonly Layout[]): Layout[] {
  const out: Layout[] = [];
  items.forEach((item, index) => {
    if (index > 0) out.push(separator);
    out.push(item);
  });
  return out;
}

const breakCache = new WeakMap<object, boolean>();

/** Whether a layout holds a forced break (a hard line, text spanning lines, a broken group). */
export function mustBreak(layout: Layout): boolean {
  if (typeof layout === 'string') return layout.includes('\n');
  const cached = breakCache.get(layout);
  if (cached !== undefined) return cached;
  let result: boolean;
  if (Array.isArray(layout)) result = (layout as readonly Layout[]).some(mustBreak);
  else {
    const node = layout as LayoutNode;
    switch (node.kind) {
      case 'group':
        result = node.shouldBreak || mustBreak(node.contents);
        break;
      case 'conditional':
        result = node.states.every(mustBreak);
        break;
      case 'indent':
      case 'indentIfBreak':
        result = mustBreak(node.contents);
        break;
      case 'line':
        result = node.hard;
        break;
      case 'ifBreak':
        result = mustBreak(node.flat);
        break;
      case 'fill':
        result = node.parts.some(mustBreak);
        break;
    }
  }
  breakCache.set(layout, result);
  return result;
}

type Mode = 'flat' | 'break';
type Command = readonly [indent: number, mode: Mode, layout: Layout];

const INDENT = '  ';

/** Whether `next`, then what follows it on the stack, fits in `width` columns up to the next line break. */
function fits(next: Command, rest: readonly Command[], width: number): boolean {
  let remaining = width;
  const commands: Command[] = [next];
  let restIndex = rest.length;
  while (remaining >= 0) {
    const command = commands.pop() ?? (restIndex > 0 ? rest[--restIndex] : undefined);
    if (command === undefined) return true;
    const [level, mode, layout] = command;
    if (typeof layout === 'string') {
      const end = layout.indexOf('\n');
      if (end >= 0) return remaining - end >= 0;
      remaining -= layout.length;
      continue;
    }
    if (Array.isArray(layout)) {
      for (let i = layout.length - 1; i >= 0; i--) commands.push([level, mode, layout[i]!]);
      continue;
    }
    const node = layout as LayoutNode;
    switch (node.kind) {
      case 'group':
        commands.push([level, node.shouldBreak ? 'break' : mode, node.contents]);
        break;
      case 'conditional':
        commands.push([level, mode, mode === 'break' ? node.states.at(-1)! : node.states[0]!]);
        break;
      case 'indent':
        commands.push([level + 1, mode, node.contents]);
        break;
      case 'indentIfBreak':
        commands.push([level, mode, node.contents]);
        break;
      case 'line':
        if (mode === 'break' || node.hard) return true;
        if (!node.soft) remaining -= 1;
        break;
      case 'ifBreak':
        commands.push([level, mode, mode === 'break' ? node.broken : node.flat]);
        break;
      case 'fill':
        for (let i = node.parts.length - 1; i >= 0; i--) commands.push([level, mode, node.parts[i]!]);
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
  const lines: string[] = [];
  let current = '';
  const newline = (level: number) => {
    lines.push(current.trimEnd());
    current = INDENT.repeat(level);
  };
  const stack: Command[] = [[0, 'break', layout]];
  const groupModes = new Map<symbol, Mode>();
  while (stack.length > 0) {
    const [level, mode, item] = stack.pop()!;
    if (typeof item === 'string') {
      if (!item.includes('\n')) current += item;
      else {
        const parts = item.split('\n');
        current += parts[0];
        for (const part of parts.slice(1)) {
          newline(part === '' ? 0 : level);
          current += part;
        }
      }
      continue;
    }
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([level, mode, item[i]!]);
      continue;
    }
    const node = item as LayoutNode;
    switch (node.kind) {
      case 'group': {
        const flat: Command = [level, 'flat', node.contents];
        const chosen: Command =
          (mode === 'flat' && !node.shouldBreak) ||
          (!mustBreak(node) && fits(flat, stack, width - current.length))
            ? flat
            : [level, 'break', node.contents];
        if (node.id) groupModes.set(node.id, chosen[1]);
        stack.push(chosen);
        break;
      }
      case 'indentIfBreak':
        stack.push([groupModes.get(node.groupId) === 'break' ? level + 1 : level, mode, node.contents]);
        break;
      case 'conditional': {
        const first: Command = [level, 'flat', node.states[0]!];
        if (mode === 'flat' || (!mustBreak(node.states[0]!) && fits(first, stack, width - current.length))) {
          stack.push(first);
          break;
        }
        // Expanded states are tried flat: only their groups marked to break break (Prettier's rule).
        const expanded = node.states
          .slice(1, -1)
          .find((state) => fits([level, 'flat', state], stack, width - current.length));
        stack.push(expanded ? [level, 'flat', expanded] : [level, 'break', node.states.at(-1)!]);
        break;
      }
      case 'indent':
        stack.push([level + 1, mode, node.contents]);
        break;
      case 'line':
        if (mode === 'flat' && !node.hard) {
          if (!node.soft) current += ' ';
        } else newline(level);
        break;
      case 'ifBreak':
        stack.push([level, mode, mode === 'break' ? node.broken : node.flat]);
        break;
      case 'fill':
        printFill(node.parts, level, mode, stack, width, current.length);
        break;
    }
  }
  lines.push(current.trimEnd());
  return lines.join('\n');
}

/**
 * Pushes a fill's parts: each separator stays flat when the item after it still fits on the line
 * (Prettier's fill, for what generated code fills: short literals that never break themselves).
 */
function printFill(
  parts: readonly Layout[],
  level: number,
  mode: Mode,
  stack: Command[],
  width: number,
  column: number,
): void {
  const commands: Command[] = [];
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
  for (let i = commands.length - 1; i >= 0; i--) stack.push(commands[i]!);
}

/** The width of a layout printed flat (lines as spaces). */
function flatWidth(layout: Layout): number {
  if (typeof layout === 'string') return layout.length;
  if (Array.isArray(layout))
    return (layout as readonly Layout[]).reduce((sum, part) => sum + flatWidth(part), 0);
  const node = layout as LayoutNode;
  switch (node.kind) {
    case 'group':
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
