import { type Code, docComment, fixed, propertyKey, stringLiteral } from '../shared/index.js';
import type { Dialect } from './dialect.js';
import { quoteIdentifier, whereSql } from './sql.js';
import {
  type Column,
  filterColumns,
  formColumns,
  type Index,
  type Storage,
  type TableSpec,
} from './table-spec.js';

/**
 * The typed DAO module for one table: row, form, filter and order types, and a class whose
 * methods run fixed SQL through the structural database interface of the generated `db.ts`.
 * Query methods exist only where an index makes them cheap: `findById`, `findBy<Fields>` per
 * unique index, and `findAll` filters on the primary key and indexed columns.
 */
export function daoSource(table: TableSpec, dialect: Dialect, header: Code): string {
  const emitter = new DaoEmitter(table, dialect);
  return `${header}\n${emitter.module()}`;
}

/** Storage kinds whose values have an order: `findAll` accepts ranges on them. */
const ORDERED: ReadonlySet<Storage> = new Set(['integer', 'bigint', 'real', 'decimal', 'date', 'timestamp']);

class DaoEmitter {
  readonly #t: TableSpec;
  readonly #d: Dialect;
  readonly #row: string;
  readonly #form: string;
  readonly #keyed: string;
  readonly #filters: string;
  readonly #orderBy: string;
  readonly #cls: string;
  readonly #key: Column;
  readonly #by: boolean;

  constructor(table: TableSpec, dialect: Dialect) {
    this.#t = table;
    this.#d = dialect;
    this.#row = `${table.typeName}Row`;
    this.#form = `${table.typeName}Form`;
    this.#keyed = `${table.typeName}Keyed`;
    this.#filters = `${table.typeName}Filters`;
    this.#orderBy = `${table.typeName}OrderBy`;
    this.#cls = `${table.daoName}Dao`;
    this.#key = table.primaryKey.column;
    this.#by = table.columns.some((c) => c.role === 'created_by' || c.role === 'updated_by');
  }

  module(): string {
    const imports = ['generateId', 'hashCode', 'matches', 'page', 'translateError'].filter((name) =>
      this.#uses(name),
    );
    // Ranges need the generated Range type (the DOM's global Range would shadow it otherwise).
    const usesRange = filterColumns(this.#t).some((c) => ORDERED.has(c.storage));
    const parts = [
      `import { type ${this.#d.dbType}${usesRange ? ', type Range' : ''}${imports.map((n) => `, ${n}`).join('')} } from './db.js';`,
      this.#types(),
      this.#constants(),
      this.#mappers(),
      this.#class(),
    ];
    return `${parts.join('\n\n')}\n`;
  }

  #uses(name: string): boolean {
    if (name === 'generateId')
      return this.#t.primaryKey.generate === 'uuid' || this.#t.primaryKey.generate === 'prefixed';
    if (name === 'hashCode') return this.#t.hashCode;
    return true;
  }

  // ---- types -------------------------------------------------------------------------------

  #types(): string {
    const t = this.#t;
    const rowDoc = docComment({
      description: `A row of table \`${t.table}\` (model \`${t.model}\`).`,
      notes: t.description ? [t.description] : [],
    });
    const fields = (columns: Column[]): string =>
      columns
        .map((c) => {
          const doc = docComment({ description: c.description });
          const line = `  ${propertyKey(c.name)}${c.required ? '' : '?'}: ${c.tsType};`;
          return doc ? `  ${doc.replaceAll('\n', '\n  ')}\n${line}` : line;
        })
        .join('\n');
    const form = formColumns(t);
    const keyNote =
      t.primaryKey.generate === 'none' ? '' : ` The key \`${this.#key.name}\` is generated on insert.`;
    const filterable = filterColumns(t).filter((c) => c.storage !== 'json');
    const orderKeys = this.#orderKeys();
    return [
      `${rowDoc}\nexport interface ${this.#row} {\n${fields(t.columns)}\n}`,
      `/** What callers write to \`${t.table}\`.${keyNote} */\nexport interface ${this.#form} {\n${fields(form)}\n}`,
      `/** A form together with its key, for upserts and batch updates. */\nexport type ${this.#keyed} = ${this.#form} & { ${propertyKey(this.#key.name)}: ${this.#key.tsType} };`,
      `/** Sort keys of \`findAll\`: a column, or a column prefixed with \`-\` for descending order. */\nexport type ${this.#orderBy} = ${orderKeys.map((k) => stringLiteral(k)).join(' | ')};`,
      [
        `/** Filters of \`findAll\`: only the primary key and indexed columns, each one value or a list. */`,
        `export interface ${this.#filters} {`,
        ...filterable.map(
          (c) =>
            `  ${propertyKey(c.name)}?: ${c.tsType} | ReadonlyArray<${c.tsType}>${ORDERED.has(c.storage) ? ` | Range<${c.tsType}>` : ''};`,
        ),
        '  limit?: number;',
        '  offset?: number;',
        `  orderBy?: ${this.#orderBy};`,
        '}',
      ].join('\n'),
    ].join('\n\n');
  }

  #orderKeys(): string[] {
    const names = filterColumns(this.#t)
      .filter((c) => c.storage !== 'json')
      .map((c) => c.name);
    for (const c of this.#t.columns)
      if ((c.role === 'created_at' || c.role === 'updated_at') && !names.includes(c.name)) names.push(c.name);
    return names.flatMap((n) => [n, `-${n}`]);
  }

  // ---- SQL ---------------------------------------------------------------------------------

  #selectList(): string {
    return this.#t.columns.map((c) => this.#d.selectColumn(c)).join(', ');
  }

  /** The key column of an insert (when the caller or the DAO supplies it), with its TS value. */
  #keyInsert(keyed: boolean, variable: string): { column: string; value: string }[] {
    const t = this.#t;
    const generate = t.primaryKey.generate;
    if (keyed || generate === 'none')
      return [{ column: this.#key.name, value: `${variable}.${this.#key.name}` }];
    if (generate === 'uuid') return [{ column: this.#key.name, value: 'generateId()' }];
    if (generate === 'prefixed')
      return [{ column: this.#key.name, value: `generateId(${stringLiteral(t.primaryKey.prefix ?? '')})` }];
    return [];
  }

  /** Form columns other than the key: what `formParams` returns and `hash_code` covers. */
  #valueColumns(): Column[] {
    return formColumns(this.#t).filter((c) => c !== this.#key);
  }

  #constants(): string {
    const t = this.#t;
    const d = this.#d;
    const table = quoteIdentifier(t.table);
    const key = quoteIdentifier(this.#key.name);
    const select = `SELECT ${this.#selectList()} FROM ${table}`;
    const form = this.#valueColumns();
    const consts: [string, string][] = [];
    consts.push(['SELECT_ALL', select]);
    consts.push(['FIND_BY_ID', `${select} WHERE ${key} = ${d.placeholder(1)}`]);
    if (t.hashCode && d.changedRows) {
      consts.push(['CHANGED_ROWS', d.changedRows(table, key)]);
    } else if (t.hashCode) {
      consts.push([
        'STORED_HASHES',
        `SELECT ${key} AS "k", "hash_code" AS "h" FROM ${table} WHERE ${d.inList(key)}${d.async ? ' FOR UPDATE' : ''}`,
      ]);
    }
    for (const index of this.#uniqueLookups()) {
      const conditions = index.columns.map((c, i) => `${quoteIdentifier(c.name)} = ${d.placeholder(i + 1)}`);
      if (index.where.length > 0) conditions.push(whereSql(index.where, d));
      consts.push([`FIND_BY_${index.name.toUpperCase()}`, `${select} WHERE ${conditions.join(' AND ')}`]);
    }
    for (const keyed of [false, true]) {
      const columns = [
        ...this.#keyInsert(keyed, 'row').map((c) => c.column),
        ...form.map((c) => c.name),
        ...this.#byColumns('insert'),
        ...(t.hashCode ? ['hash_code'] : []),
      ];
      const placeholders = columns.map((_, i) => d.placeholder(i + 1)).join(', ');
      let sql = `INSERT INTO ${table} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${placeholders})`;
      if (!keyed) {
        sql += ` RETURNING ${this.#selectList()}`;
        consts.push(['INSERT', sql]);
      } else {
        const updates = [
          ...form.map((c) => c.name),
          ...this.#byColumns('update'),
          ...(t.hashCode ? ['hash_code'] : []),
        ].map((n) => `${quoteIdentifier(n)} = excluded.${quoteIdentifier(n)}`);
        for (const c of t.columns)
          if (c.role === 'updated_at') updates.push(`${quoteIdentifier(c.name)} = ${d.now}`);
        // A table of nothing but its key has nothing to update: the row existing is all there is.
        sql +=
          updates.length === 0
            ? ` ON CONFLICT (${key}) DO NOTHING`
            : ` ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`;
        if (t.hashCode) sql += ` WHERE ${table}."hash_code" ${d.distinct} excluded."hash_code"`;
        consts.push(['UPSERT', sql]);
      }
    }
    const sets = [
      ...form.map((c) => c.name),
      ...this.#byColumns('update'),
      ...(t.hashCode ? ['hash_code'] : []),
    ];
    let n = 0;
    const assignments = sets.map((name) => `${quoteIdentifier(name)} = ${d.placeholder(++n)}`);
    for (const c of t.columns)
      if (c.role === 'updated_at') assignments.push(`${quoteIdentifier(c.name)} = ${d.now}`);
    if (assignments.length === 0) assignments.push(`${key} = ${key}`);
    let update = `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${key} = ${d.placeholder(++n)}`;
    if (t.hashCode) update += ` AND "hash_code" ${d.distinct} ${d.placeholder(++n)}`;
    consts.push(['UPDATE', `${update} RETURNING ${this.#selectList()}`]);
    consts.push(['DELETE', `DELETE FROM ${table} WHERE ${key} = ${d.placeholder(1)}`]);

    const lines = consts.map(([name, sql]) => `const ${name} = ${stringLiteral(sql)};`);
    const order = this.#orderKeys().map((k) => {
      const name = k.replace(/^-/, '');
      const direction = k.startsWith('-') ? 'DESC' : 'ASC';
      const tiebreak = name === this.#key.name ? '' : `, ${key} ${direction}`;
      return `  ${stringLiteral(k)}: ${stringLiteral(`${quoteIdentifier(name)} ${direction}${tiebreak}`)},`;
    });
    lines.push(`const ORDER_BY: Readonly<Record<${this.#orderBy}, string>> = {\n${order.join('\n')}\n};`);
    return lines.join('\n');
  }

  #byColumns(kind: 'insert' | 'update'): string[] {
    return this.#t.columns
      .filter((c) => c.role === 'updated_by' || (kind === 'insert' && c.role === 'created_by'))
      .map((c) => c.name);
  }

  #uniqueLookups(): Index[] {
    return this.#t.indexes.filter((i) => i.unique && !(i.columns.length === 1 && i.columns[0] === this.#key));
  }

  // ---- mappers -----------------------------------------------------------------------------

  #mappers(): string {
    const t = this.#t;
    const required = t.columns.filter((c) => c.required);
    const optional = t.columns.filter((c) => !c.required);
    const raw = (c: Column): string => `r.${c.name}`;
    const lines = [
      `function toRow(r: Record<string, unknown>): ${this.#row} {`,
      `  const row: ${this.#row} = {`,
      ...required.map((c) => `    ${propertyKey(c.name)}: ${this.#d.fromDb(c, fixed(raw(c)))},`),
      '  };',
      ...optional.map(
        (c) => `  if (${raw(c)} !== null) row.${c.name} = ${this.#d.fromDb(c, fixed(raw(c)))};`,
      ),
      '  return row;',
      '}',
    ];
    const params = this.#valueColumns().map((c) => this.#param(c, `form.${c.name}`));
    lines.push(
      '',
      `/** The form's values other than the key, as bind parameters in column order (what \`hash_code\` covers). */`,
      `function formParams(form: ${this.#form}): unknown[] {`,
      `  return [${params.join(', ')}];`,
      '}',
    );
    return lines.join('\n');
  }

  #param(c: Column, value: string): string {
    const converted = this.#d.toDb(c, fixed(value));
    if (c.required) return converted;
    return converted === value ? `${value} ?? null` : `${value} === undefined ? null : ${converted}`;
  }

  // ---- class -------------------------------------------------------------------------------

  #class(): string {
    const t = this.#t;
    const A = this.#d.async;
    const ret = (type: string): string => (A ? `Promise<${type}>` : type);
    const aw = A ? 'await ' : '';
    const as = A ? 'async ' : '';
    const by = this.#by ? 'by: string, ' : '';
    const byArg = this.#by ? 'by, ' : '';
    const byParams = (kind: 'insert' | 'update'): string =>
      this.#byColumns(kind)
        .map(() => ', by')
        .join('');
    const keyType = this.#key.tsType;
    const keyName = this.#key.name;
    const run = A ? '(await this.db.query(' : 'this.db.run(';
    const changes = A ? ')).rowCount' : ').changes';
    const getOne = (sql: string, params: string): string =>
      A ? `(await this.db.query(${sql}, ${params})).rows[0]` : `this.db.get(${sql}, ${params})`;
    const getAll = (sql: string, params: string): string =>
      A ? `(await this.db.query(${sql}, ${params})).rows` : `this.db.all(${sql}, ${params})`;
    const table = stringLiteral(t.table);
    const wrap = (body: string[]): string[] => [
      '    try {',
      ...body.map((l) => `      ${l.trim()}`),
      '    } catch (error) {',
      `      throw translateError(error, ${table});`,
      '    }',
    ];
    const hashLine = t.hashCode ? ['    const hash = hashCode(params);'] : [];
    const hash = t.hashCode ? ', hash' : '';
    const keyFirst = this.#keyInsert(false, 'form')
      .map((c) => `${c.value}, `)
      .join('');

    const methods: string[][] = [];
    methods.push([
      `  /** The row whose \`${keyName}\` is \`id\`, or undefined. */`,
      `  ${as}findById(id: ${keyType}): ${ret(`${this.#row} | undefined`)} {`,
      `    const r = ${getOne('FIND_BY_ID', '[id]')};`,
      '    return r === undefined ? undefined : toRow(r);',
      '  }',
    ]);
    for (const index of this.#uniqueLookups()) {
      const name = `findBy${index.columns.map((c) => pascal(c.name)).join('And')}`;
      const single = index.columns.length === 1;
      const param = single
        ? `value: ${index.columns[0]!.tsType}`
        : `key: { ${index.columns.map((c) => `${propertyKey(c.name)}: ${c.tsType}`).join('; ')} }`;
      const args = single
        ? `[${this.#d.toDb(index.columns[0]!, fixed('value'))}]`
        : `[${index.columns.map((c) => this.#d.toDb(c, fixed(`key.${c.name}`))).join(', ')}]`;
      methods.push([
        `  /** The row with this ${index.columns.map((c) => `\`${c.name}\``).join(' and ')} (unique index \`${index.name}\`), or undefined. */`,
        `  ${as}${name}(${param}): ${ret(`${this.#row} | undefined`)} {`,
        `    const r = ${getOne(`FIND_BY_${index.name.toUpperCase()}`, args)};`,
        '    return r === undefined ? undefined : toRow(r);',
        '  }',
      ]);
    }
    const filterable = filterColumns(t).filter((c) => c.storage !== 'json');
    methods.push([
      '  /** Rows matching every given filter, sorted (by the primary key unless `orderBy` says otherwise) and paged. */',
      `  ${as}findAll(filters: ${this.#filters} = {}): ${ret(`${this.#row}[]`)} {`,
      '    const params: unknown[] = [];',
      '    const where: string[] = [];',
      ...filterable.map(
        (c) =>
          `    if (filters.${c.name} !== undefined) where.push(matches(${stringLiteral(quoteIdentifier(c.name))}, filters.${c.name}, params));`,
      ),
      `    const orderBy = filters.orderBy ?? ${stringLiteral(keyName)};`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated code
      '    if (!Object.hasOwn(ORDER_BY, orderBy)) throw new RangeError(`findAll: cannot order by ${JSON.stringify(orderBy)}`);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated code
      "    const sql = `${SELECT_ALL}${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY ${ORDER_BY[orderBy]}${page(filters.limit, filters.offset, params)}`;",
      `    return ${getAll('sql', 'params')}.map(toRow);`,
      '  }',
    ]);
    const formDoc = t.primaryKey.generate === 'none' ? '' : ` with a generated \`${keyName}\``;
    methods.push([
      `  /** Inserts a row${formDoc} and returns it as stored. Violations throw typed errors (see db.ts). */`,
      `  ${as}insert(${by}form: ${this.#form}): ${ret(this.#row)} {`,
      '    const params = formParams(form);',
      ...hashLine,
      ...wrap([
        `  const r = ${getOne('INSERT', `[${keyFirst}...params${byParams('insert')}${hash}]`)};`,
        '  return toRow(r!);',
      ]),
      '  }',
    ]);
    const upsertHash = t.hashCode
      ? ' When the stored row has the same `hash_code`, nothing is written and nothing is journaled.'
      : '';
    methods.push([
      `  /** Inserts the row or updates the one with the same \`${keyName}\`; returns whether anything was written.${upsertHash} */`,
      `  ${as}upsert(${by}row: ${this.#keyed}): ${ret('boolean')} {`,
      '    const params = formParams(row);',
      ...hashLine,
      ...wrap([
        `  return ${run}UPSERT, [row.${keyName}, ...params${byParams('insert')}${hash}]${changes} > 0;`,
      ]),
      '  }',
    ]);
    const updateHash = t.hashCode ? ' Unchanged values (same `hash_code`) write nothing.' : '';
    methods.push([
      `  /** Updates the row with this \`${keyName}\` and returns it, or undefined when there is none.${updateHash} */`,
      `  ${as}update(${by}id: ${keyType}, form: ${this.#form}): ${ret(`${this.#row} | undefined`)} {`,
      '    const params = formParams(form);',
      ...hashLine,
      ...wrap([
        `  const r = ${getOne('UPDATE', `[...params${byParams('update')}${hash}, id${hash}]`)};`,
        '  if (r !== undefined) return toRow(r);',
      ]),
      `    return ${aw}this.findById(id);`,
      '  }',
    ]);
    methods.push([
      `  /** Deletes the row with this \`${keyName}\`; returns whether there was one. */`,
      `  ${as}delete(id: ${keyType}): ${ret('boolean')} {`,
      ...wrap([`  return ${run}DELETE, [id]${changes} > 0;`]),
      '  }',
    ]);
    const batch = (
      name: string,
      doc: string,
      param: string,
      resultType: string,
      init: string,
      step: string,
    ): string[] => [
      `  /** ${doc} All in one transaction: if one fails, none is kept. */`,
      `  ${as}${name}(${by}${param}): ${ret(resultType)} {`,
      `    return this.db.transaction(${as}(tx) => {`,
      `      const dao = new ${this.#cls}(tx);`,
      `      ${init}`,
      `      for (const item of items) ${step}`,
      '      return result;',
      '    });',
      '  }',
    ];
    methods.push(
      batch(
        'insertBatch',
        'Inserts every form; returns the stored rows.',
        `items: ReadonlyArray<${this.#form}>`,
        `${this.#row}[]`,
        `const result: ${this.#row}[] = [];`,
        `result.push(${aw}dao.insert(${byArg}item));`,
      ),
    );
    if (t.hashCode && this.#d.changedRows) {
      methods.push([
        '  /**',
        "   * Upserts every row; returns how many were written. One query compares every row's",
        '   * `hash_code` with the stored one; unchanged rows are skipped without a statement.',
        '   * All in one transaction: if one fails, none is kept.',
        '   */',
        `  ${as}upsertBatch(${by}items: ReadonlyArray<${this.#keyed}>): ${ret('number')} {`,
        `    return this.db.transaction(${as}(tx) => {`,
        `      const dao = new ${this.#cls}(tx);`,
        `      const pairs = items.map((item) => [item.${keyName}, hashCode(formParams(item))]);`,
        `      const changed = ${A ? '(await tx.query(CHANGED_ROWS, [JSON.stringify(pairs)])).rows' : 'tx.all(CHANGED_ROWS, [JSON.stringify(pairs)])'};`,
        '      let result = 0;',
        `      for (const r of changed) if (${aw}dao.upsert(${byArg}items[Number(r.i)]!)) result += 1;`,
        '      return result;',
        '    });',
        '  }',
      ]);
    } else if (t.hashCode) {
      const stored = A
        ? `(await tx.query(STORED_HASHES, [${this.#d.listParam(fixed(`items.map((item) => item.${keyName})`))}])).rows`
        : `tx.all(STORED_HASHES, [${this.#d.listParam(fixed(`items.map((item) => item.${keyName})`))}])`;
      methods.push([
        '  /**',
        '   * Upserts every row; returns how many were written. The stored `hash_code`s are read in one',
        '   * query first, and rows whose values are unchanged are skipped without a statement.',
        '   * All in one transaction: if one fails, none is kept.',
        '   */',
        `  ${as}upsertBatch(${by}items: ReadonlyArray<${this.#keyed}>): ${ret('number')} {`,
        `    return this.db.transaction(${as}(tx) => {`,
        `      const dao = new ${this.#cls}(tx);`,
        '      const stored = new Map<string, number>();',
        `      for (const r of ${stored}) stored.set(String(r.k), Number(r.h));`,
        '      let result = 0;',
        '      for (const item of items) {',
        `        if (stored.get(String(item.${keyName})) === hashCode(formParams(item))) continue;`,
        `        if (${aw}dao.upsert(${byArg}item)) result += 1;`,
        '      }',
        '      return result;',
        '    });',
        '  }',
      ]);
    } else {
      methods.push(
        batch(
          'upsertBatch',
          'Upserts every row; returns how many were written.',
          `items: ReadonlyArray<${this.#keyed}>`,
          'number',
          'let result = 0;',
          `if (${aw}dao.upsert(${byArg}item)) result += 1;`,
        ),
      );
    }
    methods.push(
      batch(
        'updateBatch',
        'Updates every row by its key; returns each row as stored, or undefined where there was none.',
        `items: ReadonlyArray<${this.#keyed}>`,
        `Array<${this.#row} | undefined>`,
        `const result: Array<${this.#row} | undefined> = [];`,
        `result.push(${aw}dao.update(${byArg}item.${keyName}, item));`,
      ),
    );
    methods.push(
      batch(
        'deleteBatch',
        'Deletes the rows with these keys; returns how many there were.',
        `items: ReadonlyArray<${keyType}>`,
        'number',
        'let result = 0;',
        `if (${aw}dao.delete(item)) result += 1;`,
      ),
    );

    const doc = docComment({
      description: `Reads and writes table \`${t.table}\`. Construct it with the database or with a transaction handle, so every method can take part in a caller's transaction.`,
    });
    return [
      `${doc}\nexport class ${this.#cls} {`,
      `  constructor(readonly db: ${this.#d.dbType}) {}`,
      '',
      methods.map((m) => m.join('\n')).join('\n\n'),
      '}',
    ].join('\n');
  }
}

function pascal(name: string): string {
  return name
    .split('_')
    .filter((p) => p !== '')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}
