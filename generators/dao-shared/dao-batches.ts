import { type Code, code, docComment, fixed, type Identifier, identifier } from '../shared/index.js';
import { actorArgument, actorParameter, docLine, type Method, type MethodContext } from './dao-methods.js';
import { member } from './dao-table.js';
import { controlled, INDENT, indented } from './layout.js';

const BODY = INDENT;
const TX_BODY = code`${INDENT}${INDENT}`;

/**
 * The batch writes: each runs the single-row method for every item inside one transaction
 * (a savepoint when the caller's handle is in one already), so a failing item keeps none.
 */
export function batchMethods(context: MethodContext): Method[] {
  const { table, names, calls } = context;
  const key = table.primaryKey.column;
  const actor = actorArgument(context);
  const item = fixed('item');
  return [
    batch(context, {
      name: identifier('insertBatch'),
      doc: 'Inserts every form; returns the stored rows.',
      items: code`ReadonlyArray<${names.form}>`,
      result: code`${names.row}[]`,
      init: code`const result: ${names.row}[] = [];`,
      step: code`result.push(${calls.await}dao.insert(${actor}${item}));`,
    }),
    upsertBatch(context),
    batch(context, {
      name: identifier('updateBatch'),
      doc: 'Updates every row by its key; returns each row as stored, or undefined where there was none.',
      items: code`ReadonlyArray<${names.keyed}>`,
      result: code`Array<${names.row} | undefined>`,
      init: code`const result: Array<${names.row} | undefined> = [];`,
      step: code`result.push(${calls.await}dao.update(${actor}${member(item, key.name)}, ${item}));`,
    }),
    batch(context, {
      name: identifier('deleteBatch'),
      doc: 'Deletes the rows with these keys; returns how many there were.',
      items: code`ReadonlyArray<${key.tsType}>`,
      result: fixed('number'),
      init: fixed('let result = 0;'),
      step: code`if (${calls.await}dao.delete(${item})) result += 1;`,
    }),
  ];
}

interface Batch {
  name: Identifier;
  doc: string;
  items: Code;
  result: Code;
  init: Code;
  step: Code;
}

function batch(context: MethodContext, b: Batch): Method {
  return transactional(
    context,
    b.name,
    b.items,
    b.result,
    [docLine(`${b.doc} All in one transaction: if one fails, none is kept.`)],
    [b.init, controlled(TX_BODY, fixed('for (const item of items)'), () => b.step), fixed('return result;')],
  );
}

/** `name(items) { return this.db.transaction((tx) => { const dao = new Dao(tx); … }); }` */
function transactional(
  context: MethodContext,
  name: Identifier,
  items: Code,
  result: Code,
  doc: readonly Code[],
  body: readonly Code[],
): Method {
  const { names, calls } = context;
  const by = actorParameter(context);
  return [
    ...doc,
    code`${calls.async}${name}(${by}items: ${items}): ${calls.returns(result)} {`,
    code`${BODY}return this.db.transaction(${calls.async}(tx) => {`,
    code`${TX_BODY}const dao = new ${names.dao}(tx);`,
    indented(TX_BODY, body),
    code`${BODY}});`,
    fixed('}'),
  ];
}

function upsertBatch(context: MethodContext): Method {
  const { table, names, dialect, calls } = context;
  const key = table.primaryKey.column;
  const actor = actorArgument(context);
  const items = code`ReadonlyArray<${names.keyed}>`;
  const result = fixed('number');
  const tx = fixed('tx');
  const item = fixed('item');
  if (!table.hashCode) {
    return batch(context, {
      name: identifier('upsertBatch'),
      doc: 'Upserts every row; returns how many were written.',
      items,
      result,
      init: fixed('let result = 0;'),
      step: code`if (${calls.await}dao.upsert(${actor}item)) result += 1;`,
    });
  }
  const skipping = dialect.changedRows
    ? {
        doc: [
          "Upserts every row; returns how many were written. One query compares every row's",
          '`hash_code` with the stored one; unchanged rows are skipped without a statement.',
        ],
        body: [
          code`const pairs = items.map((item) => [${member(item, key.name)}, hashCode(formParams(item))]);`,
          code`const changed = ${calls.all(fixed('CHANGED_ROWS'), fixed('[JSON.stringify(pairs)]'), tx)};`,
          fixed('let result = 0;'),
          code`for (const r of changed) if (${calls.await}dao.upsert(${actor}items[Number(r.i)]!)) result += 1;`,
        ],
      }
    : {
        doc: [
          'Upserts every row; returns how many were written. The stored `hash_code`s are read in one',
          'query first, and rows whose values are unchanged are skipped without a statement.',
        ],
        body: [
          fixed('const stored = new Map<string, number>();'),
          controlled(
            TX_BODY,
            code`for (const r of ${calls.all(fixed('STORED_HASHES'), code`[${dialect.listParam(code`items.map((item) => ${member(item, key.name)})`)}]`, tx)})`,
            () => fixed('stored.set(String(r.k), Number(r.h));'),
          ),
          fixed('let result = 0;'),
          fixed('for (const item of items) {'),
          code`${INDENT}if (stored.get(String(${member(item, key.name)})) === hashCode(formParams(item))) continue;`,
          code`${INDENT}if (${calls.await}dao.upsert(${actor}item)) result += 1;`,
          fixed('}'),
        ],
      };
  const doc = docComment({
    description: [...skipping.doc, 'All in one transaction: if one fails, none is kept.'].join('\n'),
  })!;
  return transactional(
    context,
    identifier('upsertBatch'),
    items,
    result,
    [doc],
    [...skipping.body, fixed('return result;')],
  );
}
