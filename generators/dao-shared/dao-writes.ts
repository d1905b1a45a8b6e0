import { type Code, code, fixed, formattedStringLiteral, identifier } from '../shared/index.js';
import {
  actorArguments,
  actorParameter,
  docLine,
  type Method,
  type MethodContext,
  translated,
} from './dao-methods.js';
import { byColumns, member } from './dao-table.js';
import { INDENT } from './layout.js';

const BODY = INDENT;
const ID = identifier('id');

/** The single-row writes: `insert`, `upsert`, `update` and `delete`, each translating errors. */
export function writeMethods(context: MethodContext): Method[] {
  const { table, names, calls } = context;
  const key = table.primaryKey.column;
  const by = actorParameter(context);
  const params = (kind: 'insert' | 'update'): Code => actorArguments(byColumns(table, kind).length);
  const hash = fixed(table.hashCode ? ', hash' : '');
  const hashLine = table.hashCode ? [code`${BODY}const hash = hashCode(params);`] : [];
  const formDoc = table.primaryKey.generate === 'none' ? '' : ` with a generated \`${key.name}\``;
  const upsertNote = table.hashCode
    ? ' When the stored row has the same `hash_code`, nothing is written and nothing is journaled.'
    : '';
  const updateNote = table.hashCode ? ' Unchanged values (same `hash_code`) write nothing.' : '';
  const keyFirst = insertedKey(context);
  return [
    [
      docLine(`Inserts a row${formDoc} and returns it as stored. Violations throw typed errors (see db.ts).`),
      code`${calls.async}insert(${by}form: ${names.form}): ${calls.returns(names.row)} {`,
      code`${BODY}const params = formParams(form);`,
      ...hashLine,
      ...translated(table, [
        code`const r = ${calls.one(fixed('INSERT'), [...keyFirst, code`...params${params('insert')}${hash}`])};`,
        fixed('return toRow(r!);'),
      ]),
      fixed('}'),
    ],
    [
      docLine(
        `Inserts the row or updates the one with the same \`${key.name}\`; returns whether anything was written.${upsertNote}`,
      ),
      code`${calls.async}upsert(${by}row: ${names.keyed}): ${calls.returns(fixed('boolean'))} {`,
      code`${BODY}const params = formParams(row);`,
      ...hashLine,
      ...translated(table, [
        code`return ${calls.changed(fixed('UPSERT'), [
          member(fixed('row'), key.name),
          code`...params${params('insert')}${hash}`,
        ])} > 0;`,
      ]),
      fixed('}'),
    ],
    [
      docLine(
        `Updates the row with this \`${key.name}\` and returns it, or undefined when there is none.${updateNote}`,
      ),
      code`${calls.async}update(${by}${ID}: ${key.tsType}, form: ${names.form}): ${calls.returns(
        code`${names.row} | undefined`,
      )} {`,
      code`${BODY}const params = formParams(form);`,
      ...hashLine,
      ...translated(table, [
        code`const r = ${calls.one(fixed('UPDATE'), [code`...params${params('update')}${hash}`, code`${ID}${hash}`])};`,
        fixed('if (r !== undefined) return toRow(r);'),
      ]),
      code`${BODY}return ${calls.await}this.findById(${ID});`,
      fixed('}'),
    ],
    [
      docLine(`Deletes the row with this \`${key.name}\`; returns whether there was one.`),
      code`${calls.async}delete(${ID}: ${key.tsType}): ${calls.returns(fixed('boolean'))} {`,
      ...translated(table, [code`return ${calls.changed(fixed('DELETE'), [ID])} > 0;`]),
      fixed('}'),
    ],
  ];
}

/** The key an insert binds first: the caller's, a generated one, or none (`auto` keys). */
function insertedKey(context: MethodContext): Code[] {
  const { primaryKey } = context.table;
  if (primaryKey.generate === 'none') return [member(fixed('form'), primaryKey.column.name)];
  if (primaryKey.generate === 'uuid') return [fixed('generateId()')];
  if (primaryKey.generate === 'prefixed')
    return [code`generateId(${formattedStringLiteral(primaryKey.prefix ?? '')})`];
  return [];
}
