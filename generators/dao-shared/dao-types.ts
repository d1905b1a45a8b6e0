import { type Code, code, docComment, fixed, propertyKey, stringLiteral } from '../shared/index.js';
import { type DaoNames, findAllColumns, isOrdered, orderKeys } from './dao-table.js';
import { INDENT, indented, unionAfter } from './layout.js';
import { type Column, formColumns, type TableSpec } from './table-spec.js';

/**
 * The exported types of a DAO module: the row, the write form, the form with its key, the sort
 * keys and the filters of `findAll`.
 */
export function daoTypes(table: TableSpec, names: DaoNames): Code[] {
  const key = table.primaryKey.column;
  const rowDoc = docComment({
    description: `A row of table \`${table.table}\` (model \`${table.model}\`).`,
    notes: table.description ? [table.description] : [],
  });
  const keyNote =
    table.primaryKey.generate === 'none' ? '' : ` The key \`${key.name}\` is generated on insert.`;
  const formDoc = docComment({ description: `What callers write to \`${table.table}\`.${keyNote}` });
  const filters = findAllColumns(table).map((c) =>
    property(
      c,
      [
        ...unionMembers(c),
        code`ReadonlyArray<${c.tsType}>`,
        ...(isOrdered(c) ? [code`Range<${c.tsType}>`] : []),
      ],
      true,
    ),
  );
  return [
    code`${rowDoc!}\nexport interface ${names.row} ${block(table.columns.map(field))}`,
    code`${formDoc!}\nexport interface ${names.form} ${block(formColumns(table).map(field))}`,
    code`/** A form together with its key, for upserts and batch updates. */\nexport type ${names.keyed} = ${names.form} & { ${propertyKey(key.name)}: ${key.tsType} };`,
    code`/** Sort keys of \`findAll\`: a column, or a column prefixed with \`-\` for descending order. */\n${unionAfter(
      '',
      code`export type ${names.orderBy} =`,
      orderKeys(table).map((k) => stringLiteral(k)),
      fixed(';'),
    )}`,
    code`/** Filters of \`findAll\`: only the primary key and indexed columns, each one value or a list. */\nexport interface ${names.filters} ${block(
      [...filters, fixed('limit?: number;'), fixed('offset?: number;'), code`orderBy?: ${names.orderBy};`],
    )}`,
  ];
}

/** A property of the row or form interface, with the column's description as JSDoc. */
export function field(column: Column): Code {
  const doc = docComment({ description: column.description });
  const line = property(column, unionMembers(column), !column.required);
  return doc ? code`${doc}\n${line}` : line;
}

/** `name?: A | B;`, the union broken one member a line when it is too long for the interface. */
function property(column: Column, types: readonly Code[], optional: boolean): Code {
  const head = code`${propertyKey(column.name)}${fixed(optional ? '?' : '')}:`;
  return unionAfter(INDENT, head, types, fixed(';'));
}

/** An enum column's type as its members (a formatter breaks a long union into them). */
function unionMembers(column: Column): Code[] {
  const values = column.enumValues ?? [];
  return values.length === 0 ? [column.tsType] : values.map((v) => stringLiteral(v));
}

/** `{ … }` with one member a line. */
export function block(members: readonly Code[]): Code {
  return code`{\n${indented(INDENT, members)}\n}`;
}
