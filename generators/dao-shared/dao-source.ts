import { type Code, code, fixed, formattedStringLiteral, joinCode, propertyKey } from '../shared/index.js';
import { batchMethods } from './dao-batches.js';
import { daoCalls } from './dao-calls.js';
import { daoMappers } from './dao-mappers.js';
import { type Method, type MethodContext, readMethods } from './dao-methods.js';
import { daoStatements, orderByClauses, statementConstant } from './dao-sql.js';
import { daoNames, findAllColumns, isOrdered } from './dao-table.js';
import { daoTypes } from './dao-types.js';
import { writeMethods } from './dao-writes.js';
import type { Dialect } from './dialect.js';
import { bracketed, breakAfter, INDENT, indented, wrappedDoc } from './layout.js';
import type { TableSpec } from './table-spec.js';

/**
 * The typed DAO module for one table: row, form, filter and order types, and a class whose
 * methods run fixed SQL through the structural database interface of the generated `db.ts`.
 * Query methods exist only where an index makes them cheap: `findById`, `findBy<Fields>` per
 * unique index, and `findAll` filters on the primary key and indexed columns.
 */
export function daoSource(table: TableSpec, dialect: Dialect, header: Code): string {
  const names = daoNames(table);
  const context: MethodContext = { table, names, dialect, calls: daoCalls(dialect) };
  const parts = [
    runtimeImport(table, dialect),
    ...daoTypes(table, names),
    constants(table, dialect, names.orderBy),
    ...daoMappers(table, names, dialect),
    daoClass(context),
  ];
  return `${header}\n${parts.join('\n\n')}\n`;
}

/** The names the module takes from the generated `db.ts`. */
function runtimeImport(table: TableSpec, dialect: Dialect): Code {
  const generates = table.primaryKey.generate === 'uuid' || table.primaryKey.generate === 'prefixed';
  const names = [
    code`type ${fixed(dialect.dbType)}`,
    // Ranges need the generated Range type (the DOM's global Range would shadow it otherwise).
    ...(findAllColumns(table).some(isOrdered) ? [fixed('type Range')] : []),
    ...(generates ? [fixed('generateId')] : []),
    ...(table.hashCode ? [fixed('hashCode')] : []),
    fixed('matches'),
    fixed('page'),
    fixed('translateError'),
  ];
  return bracketed('', fixed('import {'), names, fixed("} from './db.js';"), true);
}

/** The SQL statements as constants, and the `ORDER BY` clause of every sort key. */
function constants(table: TableSpec, dialect: Dialect, orderBy: Code): Code {
  const statements = daoStatements(table, dialect).map(statementConstant);
  const entries = orderByClauses(table, dialect).map(
    ([key, sql]) => code`${breakAfter(INDENT, code`${propertyKey(key)}:`, formattedStringLiteral(sql))},`,
  );
  return code`${joinCode(statements, '\n')}\nconst ORDER_BY: Readonly<Record<${orderBy}, string>> = {\n${indented(
    INDENT,
    entries,
  )}\n};`;
}

function daoClass(context: MethodContext): Code {
  const { table, names, dialect } = context;
  const methods: Method[] = [...readMethods(context), ...writeMethods(context), ...batchMethods(context)];
  const doc = wrappedDoc(
    '',
    `Reads and writes table \`${table.table}\`. Construct it with the database or with a transaction handle, so every method can take part in a caller's transaction.`,
  );
  const body = methods.map((lines) =>
    indented(
      INDENT,
      lines.filter((line) => line !== ''),
    ),
  );
  return code`${doc}\nexport class ${names.dao} {\n${INDENT}constructor(readonly db: ${fixed(dialect.dbType)}) {}\n\n${fixed(
    body.join('\n\n'),
  )}\n}`;
}
