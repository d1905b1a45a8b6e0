import {
  type Code,
  code,
  fixed,
  formattedStringLiteral,
  identifier,
  joinCode,
  propertyKey,
} from '../shared/index.js';
import type { DaoCalls } from './dao-calls.js';
import { filterColumnSql } from './dao-sql.js';
import {
  type DaoNames,
  findAllColumns,
  lookupConstant,
  lookupMethod,
  member,
  takesActor,
  uniqueLookups,
} from './dao-table.js';
import type { Dialect } from './dialect.js';
import { guarded, INDENT, indented, wrappedDoc } from './layout.js';
import type { Index, TableSpec } from './table-spec.js';

/** What every method generator needs: the table, its names, the dialect and its calls. */
export interface MethodContext {
  table: TableSpec;
  names: DaoNames;
  dialect: Dialect;
  calls: DaoCalls;
}

/** A method: its lines relative to the class body. */
export type Method = Code[];

const ID = identifier('id');
const BODY = INDENT;

/** `by: string, ` when write methods take the actor, else nothing. */
export function actorParameter(context: MethodContext): Code {
  return fixed(takesActor(context.table) ? 'by: string, ' : '');
}

/** `by, ` when write methods take the actor: the actor passed on to the single-row method. */
export function actorArgument(context: MethodContext): Code {
  return fixed(takesActor(context.table) ? 'by, ' : '');
}

/** ``, by`` once per `by` column the statement binds. */
export function actorArguments(count: number): Code {
  return fixed(', by'.repeat(count));
}

/** The reads: `findById`, one `findBy<Fields>` per unique index, and `findAll`. */
export function readMethods(context: MethodContext): Method[] {
  const { table, names, calls } = context;
  const keyName = table.primaryKey.column.name;
  const optionalRow = code`${names.row} | undefined`;
  const methods: Method[] = [
    [
      docLine(`The row whose \`${keyName}\` is \`id\`, or undefined.`),
      code`${calls.async}findById(${ID}: ${table.primaryKey.column.tsType}): ${calls.returns(optionalRow)} {`,
      code`${BODY}const r = ${calls.one(fixed('FIND_BY_ID'), [ID])};`,
      code`${BODY}return r === undefined ? undefined : toRow(r);`,
      fixed('}'),
    ],
  ];
  for (const index of uniqueLookups(table)) methods.push(lookupMethodLines(context, index));
  methods.push(findAll(context));
  return methods;
}

function lookupMethodLines(context: MethodContext, index: Index): Method {
  const { dialect, calls, names } = context;
  const single = index.columns.length === 1 ? index.columns[0] : undefined;
  const value = identifier(single ? 'value' : 'key');
  const parameter = single
    ? code`${value}: ${single.tsType}`
    : code`${value}: { ${joinCode(
        index.columns.map((c) => code`${propertyKey(c.name)}: ${c.tsType}`),
        '; ',
      )} }`;
  const args = single
    ? [dialect.toDb(single, value)]
    : index.columns.map((c) => dialect.toDb(c, member(value, c.name)));
  const what = index.columns.map((c) => `\`${c.name}\``).join(' and ');
  return [
    docLine(`The row with this ${what} (unique index \`${index.name}\`), or undefined.`),
    code`${calls.async}${lookupMethod(index)}(${parameter}): ${calls.returns(code`${names.row} | undefined`)} {`,
    code`${BODY}const r = ${calls.one(lookupConstant(index), args)};`,
    code`${BODY}return r === undefined ? undefined : toRow(r);`,
    fixed('}'),
  ];
}

function findAll(context: MethodContext): Method {
  const { table, names, calls } = context;
  const filters = identifier('filters');
  const conditions = findAllColumns(table).map((c) => {
    const value = member(filters, c.name);
    return guarded(
      BODY,
      code`${value} !== undefined`,
      () => code`where.push(matches(${filterColumnSql(c.name, context.dialect)}, ${value}, params));`,
    );
  });
  return [
    docLine(
      'Rows matching every given filter, sorted (by the primary key unless `orderBy` says otherwise) and paged.',
    ),
    code`${calls.async}findAll(${filters}: ${names.filters} = {}): ${calls.returns(code`${names.row}[]`)} {`,
    code`${BODY}const params: unknown[] = [];`,
    code`${BODY}const where: string[] = [];`,
    indented(BODY, conditions),
    code`${BODY}const orderBy = filters.orderBy ?? ${formattedStringLiteral(table.primaryKey.column.name)};`,
    indented(BODY, [
      guarded(
        BODY,
        fixed('!Object.hasOwn(ORDER_BY, orderBy)'),
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated code
        () => fixed('throw new RangeError(`findAll: cannot order by ${JSON.stringify(orderBy)}`);'),
      ),
    ]),
    fixed(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated code
      "  const sql = `${SELECT_ALL}${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY ${ORDER_BY[orderBy]}${page(filters.limit, filters.offset, params)}`;",
    ),
    code`${BODY}return ${calls.all(fixed('sql'), fixed('params'))}.map(toRow);`,
    fixed('}'),
  ];
}

/** The JSDoc of a method: generator-written text, names from the spec escaped, wrapped to fit. */
export function docLine(text: string): Code {
  return wrappedDoc(INDENT, text);
}

/** `try { … } catch (error) { throw translateError(error, '<table>'); }` around `body`. */
export function translated(table: TableSpec, body: readonly Code[]): Code[] {
  return [
    code`${BODY}try {`,
    indented(code`${BODY}${BODY}`, body),
    code`${BODY}} catch (error) {`,
    code`${BODY}${BODY}throw translateError(error, ${formattedStringLiteral(table.table)});`,
    code`${BODY}}`,
  ];
}
