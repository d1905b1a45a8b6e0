import { type Code, code, fixed, propertyKey } from '../shared/index.js';
import { type DaoNames, member, valueColumns } from './dao-table.js';
import type { Dialect } from './dialect.js';
import { bracketed, guarded, INDENT, indented } from './layout.js';
import type { Column, TableSpec } from './table-spec.js';

const RAW = fixed('r');
const ROW = fixed('row');

/**
 * `toRow` (a result row to the typed row: absent optional values stay absent, never `null`) and
 * `formParams` (a form's values as bind parameters, in the column order of the SQL constants).
 */
export function daoMappers(table: TableSpec, names: DaoNames, dialect: Dialect): Code[] {
  const fromDb = (c: Column): Code => dialect.fromDb(c, member(RAW, c.name));
  const required = table.columns
    .filter((c) => c.required)
    .map((c) => code`${propertyKey(c.name)}: ${fromDb(c)},`);
  const optional = table.columns
    .filter((c) => !c.required)
    .map((c) =>
      guarded(
        INDENT,
        code`${member(RAW, c.name)} !== null`,
        () => code`${member(ROW, c.name)} = ${fromDb(c)};`,
      ),
    );
  const toRow = [
    code`function toRow(r: Record<string, unknown>): ${names.row} {`,
    code`${INDENT}const row: ${names.row} = {`,
    indented(INDENT + INDENT, required),
    code`${INDENT}};`,
    ...(optional.length === 0 ? [] : [indented(INDENT, optional)]),
    code`${INDENT}return row;`,
    fixed('}'),
  ];
  const params = valueColumns(table).map((c) => bindParameter(c, member(fixed('form'), c.name), dialect));
  const formParams = [
    fixed(
      "/** The form's values other than the key, as bind parameters in column order (what `hash_code` covers). */",
    ),
    code`function formParams(form: ${names.form}): unknown[] {`,
    indented(INDENT, [bracketed(INDENT, fixed('return ['), params, fixed('];'))]),
    fixed('}'),
  ];
  return [lines(toRow), lines(formParams)];
}

/** A property value as a bind parameter; an absent optional value binds as SQL `NULL`. */
export function bindParameter(column: Column, value: Code, dialect: Dialect): Code {
  const converted = dialect.toDb(column, value);
  if (column.required) return converted;
  return converted === value ? code`${value} ?? null` : code`${value} === undefined ? null : ${converted}`;
}

function lines(pieces: readonly Code[]): Code {
  return fixed(pieces.filter((p) => p !== '').join('\n'));
}
