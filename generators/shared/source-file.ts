import { type Code, code, fixed, indentCode, joinCode } from './code.js';
import type { Identifier } from './identifier.js';
import { stringLiteral } from './string-literal.js';

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
  type: Code;
}

export interface ConstStatement {
  kind: 'const';
  name: Identifier;
  exported: boolean;
  docs?: Code | undefined;
  type?: Code;
  value: Code;
}

/** Any other statement, already built from safe pieces (a function, a class, runtime helpers). */
export interface CodeStatement {
  kind: 'code';
  docs?: Code | undefined;
  code: Code;
}

export type Member = PropertyMember | MethodMember;

export interface PropertyMember {
  kind: 'property';
  /** Made by `propertyKey` (wire names) or an identifier. */
  key: Code;
  type: Code;
  optional: boolean;
  readonly?: boolean;
  docs?: Code | undefined;
}

export interface MethodMember {
  kind: 'method';
  name: Code;
  parameters: readonly { name: Identifier; type: Code; optional: boolean }[];
  returns: Code;
  docs?: Code | undefined;
}

const INDENT = '  ';

/** Prints members of an interface or type literal, one per line, indented one level. */
export function printMembers(members: readonly Member[]): Code {
  if (members.length === 0) return fixed('{}');
  const lines = members.map((member) => {
    const docs = member.docs ? `${indentCode(member.docs, INDENT)}\n${INDENT}` : '';
    if (member.kind === 'property') {
      const prefix = member.readonly ? 'readonly ' : '';
      return `${INDENT}${docs}${prefix}${member.key}${member.optional ? '?' : ''}: ${indentCode(member.type, INDENT)};`;
    }
    const params = member.parameters.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type}`).join(', ');
    return `${INDENT}${docs}${member.name}(${params}): ${member.returns};`;
  });
  return fixed(`{\n${lines.join('\n')}\n}`);
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
function importNames(statement: ImportStatement): string {
  const all = [
    ...(statement.names ?? []).map((name) => ({ name, text: name as string })),
    ...(statement.typeNames ?? []).map((name) => ({ name, text: `type ${name}` })),
  ];
  return all
    .sort((a, b) => compareNames(a.name, b.name))
    .map((entry) => entry.text)
    .join(', ');
}

function printStatement(statement: Statement): Code {
  const exported = 'exported' in statement && statement.exported ? 'export ' : '';
  const docs =
    statement.kind !== 'import' && statement.kind !== 'export' && statement.docs ? `${statement.docs}\n` : '';
  switch (statement.kind) {
    case 'import': {
      const named = statement.namespaceAlias
        ? `* as ${statement.namespaceAlias}`
        : statement.names?.length || statement.typeNames?.length
          ? `{ ${importNames(statement)} }`
          : '';
      const what = [statement.defaultName ?? '', named].filter((part) => part !== '').join(', ');
      return fixed(
        `import ${statement.typeOnly ? 'type ' : ''}${what} from ${stringLiteral(statement.from)};`,
      );
    }
    case 'export':
      return fixed(
        `export ${statement.typeOnly ? 'type ' : ''}{ ${joinCode(statement.names, ', ')} } from ${stringLiteral(statement.from)};`,
      );
    case 'interface': {
      const heritage = statement.extends?.length ? ` extends ${joinCode(statement.extends, ', ')}` : '';
      return fixed(
        `${docs}${exported}interface ${statement.name}${statement.typeParameters ?? ''}${heritage} ${printMembers(statement.members)}`,
      );
    }
    case 'type': {
      const space = statement.type.startsWith('\n') ? '' : ' ';
      return fixed(
        `${docs}${exported}type ${statement.name}${statement.typeParameters ?? ''} =${space}${statement.type};`,
      );
    }
    case 'const': {
      const type = statement.type ? code`: ${statement.type}` : '';
      return fixed(`${docs}${exported}const ${statement.name}${type} = ${statement.value};`);
    }
    case 'code':
      return fixed(`${docs}${statement.code}`);
  }
}

const isImport = (kind: Statement['kind'] | undefined) => kind === 'import' || kind === 'export';

/**
 * Prints a whole file: the header, then statements separated by blank lines (consecutive imports,
 * and consecutive re-exports, stay together), ending with one newline.
 */
export function printSourceFile(header: Code, statements: readonly Statement[]): string {
  const parts: string[] = [header];
  let previous: Statement['kind'] | undefined = 'code';
  for (const statement of statements) {
    parts.push(
      previous === statement.kind && isImport(statement.kind) ? '\n' : '\n\n',
      printStatement(statement),
    );
    previous = statement.kind;
  }
  parts.push('\n');
  return parts.join('');
}
