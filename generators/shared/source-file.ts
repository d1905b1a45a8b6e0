import { type Code, code, fixed, indentCode, joinCode } from './code.js';
import type { Identifier } from './identifier.js';
import { stringLiteral } from './string-literal.js';

/**
 * Declarations as plain structures, printed once by `printSourceFile`. Every piece is `Code`
 * (made by the shared helpers), so the printer only arranges and indents.
 */
export type Statement =
  | ImportStatement
  | InterfaceStatement
  | TypeAliasStatement
  | ConstStatement
  | CodeStatement;

export interface ImportStatement {
  kind: 'import';
  typeOnly: boolean;
  /** `import * as alias from …` */
  namespaceAlias?: Identifier;
  /** `import { a, b } from …` */
  names?: readonly Identifier[];
  /** A module specifier chosen by the generator (escaped when printed). */
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

function printStatement(statement: Statement): Code {
  const exported = 'exported' in statement && statement.exported ? 'export ' : '';
  const docs = statement.kind !== 'import' && statement.docs ? `${statement.docs}\n` : '';
  switch (statement.kind) {
    case 'import': {
      const what = statement.namespaceAlias
        ? `* as ${statement.namespaceAlias}`
        : `{ ${joinCode(statement.names ?? [], ', ')} }`;
      return fixed(
        `import ${statement.typeOnly ? 'type ' : ''}${what} from ${stringLiteral(statement.from)};`,
      );
    }
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

/**
 * Prints a whole file: the header, then statements separated by blank lines (consecutive imports
 * stay together), ending with one newline.
 */
export function printSourceFile(header: Code, statements: readonly Statement[]): string {
  const parts: string[] = [header];
  let previous: Statement['kind'] | undefined = 'code';
  for (const statement of statements) {
    parts.push(
      previous === 'import' && statement.kind === 'import' ? '\n' : '\n\n',
      printStatement(statement),
    );
    previous = statement.kind;
  }
  parts.push('\n');
  return parts.join('');
}
