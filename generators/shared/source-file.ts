import { type Code, code, fixed, joinCode } from './code.js';
import type { Identifier } from './identifier.js';
import { concat, group, hardline, ifBreak, indent, join, type Layout, line, printLayout } from './layout.js';
import { stringLiteral } from './string-literal.js';
import { assignmentLayout, blockLayout, isUnionLayout, signatureLayout, unionMembers } from './syntax.js';

/**
 * Declarations as plain structures, printed once by `printSourceFile`. Every piece is `Code`
 * (made by the shared helpers), so the printer only arranges and indents.
 */
export type Statement =
  | ImportStatement
  | ExportFromStatement
  | InterfaceStatement
  | TypeAliasStatement
  | ConstStatement
  | CodeStatement;

export interface ImportStatement {
  kind: 'import';
  typeOnly: boolean;
  /** `import name from …` (or `import name, { … } from …`): the module's default export. */
  defaultName?: Identifier;
  /** `import * as alias from …` */
  namespaceAlias?: Identifier;
  /** `import { a, b } from …` */
  names?: readonly Identifier[];
  /** Names imported as types only, `import { type A, b } from …` (sorted in with `names`). */
  typeNames?: readonly Identifier[];
  /** A module specifier chosen by the generator (escaped when printed). */
  from: string;
}

/** `export { a, b } from …`, or `export type { … }`: re-exports part of another module's API. */
export interface ExportFromStatement {
  kind: 'export';
  typeOnly: boolean;
  names: readonly Identifier[];
  from: string;
}

export interface InterfaceStatement {
  kind: 'interface';
  name: Identifier;
  exported: boolean;
  docs?: Code | undefined;
  typeParameters?: Code;
  extends?: readonly Code[];
  members: readonly Member[];
}

export interface TypeAliasStatement {
  kind: 'type';
  name: Identifier;
  exported: boolean;
  docs?: Code | undefined;
  typeParameters?: Code;
  /** The aliased type; a `unionLayout` breaks one member per line. */
  type: Layout;
}

export interface ConstStatement {
  kind: 'const';
  name: Identifier;
  exported: boolean;
  docs?: Code | undefined;
  type?: Code;
  value: Layout;
}

/** Any other statement, already built from safe pieces (a function, a class, runtime helpers). */
export interface CodeStatement {
  kind: 'code';
  docs?: Code | undefined;
  code: Layout;
}

export type Member = PropertyMember | MethodMember;

export interface PropertyMember {
  kind: 'property';
  /** Made by `propertyKey` (wire names) or an identifier. */
  key: Code;
  type: Layout;
  optional: boolean;
  readonly?: boolean;
  docs?: Code | undefined;
}

export interface MethodMember {
  kind: 'method';
  name: Code;
  parameters: readonly { name: Identifier; type: Code; optional: boolean }[];
  returns: Layout;
  docs?: Code | undefined;
}

/** The line width generated code is printed for (the project's Biome `lineWidth`). */
export const LINE_WIDTH = 110;

/** `;`-terminated members of an interface, one per line (Biome always breaks an interface body). */
export function printMembers(members: readonly Member[]): Layout {
  if (members.length === 0) return fixed('{}');
  const lines = members.map((member): Layout => {
    const docs: Layout = member.docs ? [member.docs, hardline] : [];
    if (member.kind === 'property') {
      const prefix = member.readonly ? 'readonly ' : '';
      // Most members are plain text: one string, which `blockLayout` indents without a tree.
      if (typeof member.type === 'string' && !isUnionLayout(member.type) && !member.type.includes('\n'))
        return fixed(
          `${member.docs ? `${member.docs}\n` : ''}${prefix}${member.key}${member.optional ? '?' : ''}: ${member.type};`,
        );
      return [
        docs,
        fixed(`${prefix}${member.key}${member.optional ? '?' : ''}:`),
        typeAfter(member.type),
        fixed(';'),
      ];
    }
    const params = member.parameters.map((p) => code`${p.name}${fixed(p.optional ? '?' : '')}: ${p.type}`);
    return [docs, signatureLayout(member.name, params, member.returns), fixed(';')];
  });
  return blockLayout(lines);
}

/** ` T` after a `:` or `=`, or a union that breaks onto its own lines. */
function typeAfter(type: Layout): Layout {
  return isUnionLayout(type) ? type : [fixed(' '), type];
}

/** Letters compared without case first; at the first letter that differs only in case, upper case first. */
function compareNames(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a.charAt(i);
    const y = b.charAt(i);
    if (x.toLowerCase() !== y.toLowerCase()) return x.toLowerCase() < y.toLowerCase() ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Value and type names of an import in one sorted list, as Biome orders them. */
function importNames(statement: ImportStatement): string[] {
  const all = [
    ...(statement.names ?? []).map((name) => ({ name, text: name as string })),
    ...(statement.typeNames ?? []).map((name) => ({ name, text: `type ${name}` })),
  ];
  return all.sort((a, b) => compareNames(a.name, b.name)).map((entry) => entry.text);
}

/** `{ a, b }` of an import or re-export, one name per line when the statement is too long. */
function namesLayout(names: readonly string[]): Layout {
  return group([
    fixed('{'),
    indent([line, join([fixed(','), line], names.map(fixed))]),
    ifBreak(fixed(',')),
    line,
    fixed('}'),
  ]);
}

function printStatement(statement: Statement): Layout {
  return concat([printStatementParts(statement)].flat() as Layout[]);
}

function printStatementParts(statement: Statement): Layout {
  const exported = fixed('exported' in statement && statement.exported ? 'export ' : '');
  const docs = fixed(
    statement.kind !== 'import' && statement.kind !== 'export' && statement.docs ? `${statement.docs}\n` : '',
  );
  switch (statement.kind) {
    case 'import': {
      const named: Layout = statement.namespaceAlias
        ? fixed(`* as ${statement.namespaceAlias}`)
        : statement.names?.length || statement.typeNames?.length
          ? namesLayout(importNames(statement))
          : [];
      // `import name, { … }`: the comma only when names follow the default.
      const what: Layout = statement.defaultName
        ? [fixed(`${statement.defaultName}`), Array.isArray(named) ? [] : fixed(', '), named]
        : named;
      return [
        fixed(`import ${statement.typeOnly ? 'type ' : ''}`),
        what,
        code` from ${stringLiteral(statement.from)};`,
      ];
    }
    case 'export':
      return [
        fixed(`export ${statement.typeOnly ? 'type ' : ''}`),
        namesLayout(statement.names),
        code` from ${stringLiteral(statement.from)};`,
      ];
    case 'interface': {
      const heritage = statement.extends?.length ? ` extends ${joinCode(statement.extends, ', ')}` : '';
      return [
        docs,
        exported,
        fixed(`interface ${statement.name}${statement.typeParameters ?? ''}${heritage} `),
        printMembers(statement.members),
      ];
    }
    case 'type': {
      const text = plainTypeAlias(statement);
      if (text !== undefined) return [docs, text];
      return [
        docs,
        exported,
        fixed(`type ${statement.name}${statement.typeParameters ?? ''}`),
        isUnionLayout(statement.type) ? [fixed(' ='), statement.type] : assignmentLayout(statement.type),
        fixed(';'),
      ];
    }
    case 'const': {
      const type = statement.type ? code`: ${statement.type}` : '';
      return [
        docs,
        exported,
        fixed(`const ${statement.name}${type}`),
        assignmentLayout(statement.value),
        fixed(';'),
      ];
    }
    case 'code':
      return [docs, statement.code];
  }
}

/**
 * A type alias of a union of plain one-line members (most enums and unions), as the printer
 * breaks it: on one line when that fits (a statement starts at the margin), else one member per
 * line after a leading `|`. Undefined for anything else.
 */
function plainTypeAlias(statement: TypeAliasStatement): Code | undefined {
  const members = unionMembers(statement.type);
  if (members === undefined) return undefined;
  for (const member of members) if (typeof member !== 'string' || member.includes('\n')) return undefined;
  const head = `${statement.exported ? 'export ' : ''}type ${statement.name}${statement.typeParameters ?? ''} =`;
  const flat = `${head} ${members.join(' | ')};`;
  return fixed(flat.length <= LINE_WIDTH ? flat : `${head}\n  | ${members.join('\n  | ')};`);
}

const isImport = (kind: Statement['kind'] | undefined) => kind === 'import' || kind === 'export';

/** What separates two statements: a blank line, except within a run of imports or of re-exports. */
const separator = (previous: Statement['kind'], next: Statement['kind']) =>
  previous !== next || !isImport(next) ? '\n\n' : '\n';

/** Statements printed one after another, and the kinds they start and end with. */
interface Printed {
  text: string;
  first: Statement['kind'] | undefined;
  last: Statement['kind'] | undefined;
}

/**
 * Each statement is printed on its own as soon as it is reached (it starts a line at the left
 * margin, and a line break follows it, so nothing around it changes how it breaks): its layout
 * and the printer's pieces die young instead of living until the whole file is printed.
 */
function printStatements(statements: Iterable<Statement>): Printed {
  let text = '';
  let first: Statement['kind'] | undefined;
  let last: Statement['kind'] | undefined;
  for (const statement of statements) {
    if (last === undefined) first = statement.kind;
    else text += separator(last, statement.kind);
    text += printLayout(printStatement(statement), LINE_WIDTH);
    last = statement.kind;
  }
  return { text, first, last };
}

/**
 * Prints a whole file: the header, then statements separated by blank lines (consecutive imports,
 * and consecutive re-exports, stay together), ending with one newline.
 *
 * `leading` is for statements known only once `statements` are built, and printed before them:
 * the imports a type resolver collects while the declarations are made. `statements` may then
 * be a generator, so that each declaration is printed as soon as it is made.
 */
export function printSourceFile(
  header: Code,
  statements: Iterable<Statement>,
  leading?: () => Iterable<Statement>,
): string {
  const body = printStatements(statements);
  const head = leading ? printStatements(leading()) : { text: '', first: undefined, last: undefined };
  let out = printLayout(header, LINE_WIDTH);
  // The header counts as code: a blank line follows it.
  let previous: Statement['kind'] = 'code';
  for (const part of [head, body]) {
    if (part.first === undefined || part.last === undefined) continue;
    out += separator(previous, part.first) + part.text;
    previous = part.last;
  }
  return `${out}\n`;
}
