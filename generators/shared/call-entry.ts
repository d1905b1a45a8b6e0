import type { Code } from './code.js';
import { type DeferredLayout, INDENT_WIDTH, type Layout } from './layout.js';
import { type Argument, argument, arrayLayout, arrowLayout, callLayout } from './syntax.js';

/**
 * The method entries of a generated client's and mock client's objects:
 *
 *   key: (params, options) =>
 *     callee(
 *       { …descriptor… },
 *       params,
 *       options,
 *     ) as Promise<T>,
 *
 * as the layout `[key, arrowLayout(parameters, [callLayout(callee, args), tail])]` prints it
 * (the same decisions, `printLayout`'s), without building that layout: a client has one per
 * operation, and they were most of its layout nodes.
 */
export interface CallEntryParts {
  /** `name: ` */
  key: Code;
  /** The arrow function's parameter names. */
  parameters: readonly Code[];
  callee: Code;
  /** The first argument: the operation's descriptor, a data literal. */
  descriptor: Argument;
  /** Plain arguments after it. */
  rest: readonly Code[];
  /** A last argument `[a, b]` of names (it may hug the parentheses), if any. */
  names?: readonly Code[];
  /** What follows the call: ` as Promise<T>`. */
  tail: Code;
}

/**
 * A method entry of an object that is broken one entry per line (each followed by a comma and a
 * line break): printed as its layout would be, or as that layout where the shape is not the
 * usual one (text that spans lines).
 */
export function callEntry(parts: CallEntryParts): Layout {
  const texts = [
    parts.key,
    parts.callee,
    parts.tail,
    ...parts.parameters,
    ...parts.rest,
    ...(parts.names ?? []),
  ];
  const descriptor = parts.descriptor.layout;
  const plainDescriptor = typeof descriptor === 'string' || isDeferred(descriptor);
  const usual = plainDescriptor && parts.names?.length !== 0 && !texts.some((text) => text.includes('\n'));
  if (!usual) return entryLayout(parts);
  return new CallEntry(parts, descriptor as Code | DeferredLayout);
}

function isDeferred(layout: Layout): boolean {
  return (
    typeof layout === 'object' && !Array.isArray(layout) && (layout as { kind?: string }).kind === 'deferred'
  );
}

/** The layout a call entry stands for (what it prints, built as a tree). */
export function entryLayout(parts: CallEntryParts): Layout {
  const args: Argument[] = [parts.descriptor, ...parts.rest.map((text) => argument(text))];
  if (parts.names) {
    args.push({
      layout: arrayLayout(parts.names.map((layout) => ({ layout, kind: 'other', size: 0 }))),
      huggable: 'array',
    });
  }
  const call = callLayout(parts.callee, args);
  return [parts.key, arrowLayout([...parts.parameters], [call, parts.tail]).layout];
}

class CallEntry implements DeferredLayout {
  readonly kind = 'deferred';
  readonly width: number;
  readonly broken: boolean;
  readonly firstLine: number;
  private readonly head: string;
  /** The descriptor's width on one line. */
  private readonly first: number;
  /** `[a, b]`, the last argument on one line, when there is one. */
  private readonly namesText: string | undefined;
  /** The width of `, a, b`, the plain arguments after the descriptor. */
  private readonly restWidth: number;
  /** The width of the call on one line: `callee(descriptor, a, b)`. */
  private readonly callWidth: number;

  constructor(
    private readonly parts: CallEntryParts,
    private readonly descriptor: Code | DeferredLayout,
  ) {
    this.head = `(${parts.parameters.join(', ')}) =>`;
    this.first = typeof descriptor === 'string' ? descriptor.length : descriptor.width;
    this.broken = typeof descriptor === 'string' ? false : descriptor.broken;
    this.namesText = parts.names ? `[${parts.names.join(', ')}]` : undefined;
    let restWidth = 0;
    for (const text of parts.rest) restWidth += 2 + text.length;
    this.restWidth = restWidth;
    this.callWidth =
      parts.callee.length +
      2 +
      this.first +
      restWidth +
      (this.namesText === undefined ? 0 : 2 + this.namesText.length);
    this.width = parts.key.length + this.head.length + 1 + this.callWidth + parts.tail.length;
    this.firstLine = parts.key.length + this.head.length;
  }

  appendFlat(out: string[]): void {
    out.push(this.parts.key, this.head, ' ');
    this.appendCall(out);
    out.push(this.parts.tail);
  }

  expand(): Layout {
    return entryLayout(this.parts);
  }

  private appendDescriptor(out: string[]): void {
    if (typeof this.descriptor === 'string') out.push(this.descriptor);
    else this.descriptor.appendFlat(out);
  }

  /** `callee(descriptor, a, b)` on one line. */
  private appendCall(out: string[]): void {
    out.push(this.parts.callee, '(');
    this.appendDescriptor(out);
    for (const text of this.parts.rest) out.push(', ', text);
    if (this.namesText !== undefined) out.push(', ', this.namesText);
    out.push(')');
  }

  /**
   * Starts at the beginning of its line (indentation `level`); what follows it on the line is the
   * object's comma, one column. Each decision is the one `printLayout` makes for the group of the
   * same name in `entryLayout`.
   */
  printBroken(level: number, width: number, out: string[], newline: (level: number) => void): number {
    const { tail } = this.parts;
    // The arrow function's head ends the line: its body (the call and the tail) on the same line
    // is the whole entry on one line, which the printer found too wide (or it must break).
    out.push(this.parts.key, this.head);
    const bodyLevel = level + 1;
    newline(bodyLevel);
    const column = INDENT_WIDTH * bodyLevel;
    const bodyWidth = this.callWidth + tail.length;
    // The call on one line when it and the tail and the comma fit.
    if (!this.broken && width - column - this.callWidth - tail.length - 1 >= 0) {
      this.appendCall(out);
      out.push(tail);
      return column + bodyWidth;
    }
    // Hugging the last argument (`callee(descriptor, a, [`) when that much fits: as Biome, never
    // with a descriptor that must break.
    const hugHead = this.parts.callee.length + 1 + this.first + this.restWidth + 2;
    if (this.namesText !== undefined && !this.broken && width - column - hugHead - 1 >= 0) {
      out.push(this.parts.callee, '(');
      this.appendDescriptor(out);
      for (const text of this.parts.rest) out.push(', ', text);
      out.push(', ');
      const end = this.printNames(bodyLevel, width, column + hugHead, 1 + tail.length + 1, out, newline);
      out.push(')', tail);
      return end + 1 + tail.length;
    }
    // One argument per line.
    const argLevel = bodyLevel + 1;
    const argColumn = INDENT_WIDTH * argLevel;
    out.push(this.parts.callee, '(');
    newline(argLevel);
    if (typeof this.descriptor === 'string') out.push(this.descriptor);
    else if (!this.broken && width - argColumn - this.first - 1 >= 0) this.descriptor.appendFlat(out);
    else this.descriptor.printBroken(argLevel, width, out, newline);
    for (const text of this.parts.rest) {
      out.push(',');
      newline(argLevel);
      out.push(text);
    }
    if (this.namesText !== undefined) {
      out.push(',');
      newline(argLevel);
      this.printNames(argLevel, width, argColumn, 1, out, newline);
    }
    out.push(',');
    newline(bodyLevel);
    out.push(')', tail);
    return INDENT_WIDTH * bodyLevel + 1 + tail.length;
  }

  /**
   * `[a, b]` at `column` with `after` columns following it on the line, or one name per line;
   * returns the column it ends at.
   */
  private printNames(
    level: number,
    width: number,
    column: number,
    after: number,
    out: string[],
    newline: (level: number) => void,
  ): number {
    const text = this.namesText!;
    if (width - column - text.length - after >= 0) {
      out.push(text);
      return column + text.length;
    }
    out.push('[');
    for (const name of this.parts.names!) {
      newline(level + 1);
      out.push(name, ',');
    }
    newline(level);
    out.push(']');
    return INDENT_WIDTH * level + 1;
  }
}
