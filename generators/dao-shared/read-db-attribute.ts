import { type Diagnostic, pointer } from '../../core/diagnostic.js';
import type { JsonObject, JsonValue, Model, Service } from '../../core/ir.js';
import { fixed, pascalCase } from '../shared/index.js';
import { columnType } from './column-type.js';
import { readEventsMapping } from './read-events-mapping.js';
import type { Column, ColumnRole, Index, KeyGeneration, PrimaryKey, TableSpec } from './table-spec.js';
import { parseWhere } from './where-clause.js';

/** The attribute that marks a model as a table (and, on the service, holds defaults). */
export const DB_ATTRIBUTE = 'db';

const KEYS = new Set(['table', 'primary_key', 'indexes', 'hash_code', 'audit', 'journal', 'events']);
const AUDIT_ROLES = ['created_at', 'updated_at', 'created_by', 'updated_by'] as const;
const GENERATIONS: readonly KeyGeneration[] = ['none', 'uuid', 'prefixed', 'auto'];
const IDENTIFIER = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]*$/;
/** PostgreSQL truncates longer names, which would make generated index names collide. */
const MAX_IDENTIFIER = 63;

/**
 * Reads the `db` attribute of every model that has one into table metadata. The service's own
 * `db` attribute, when present, supplies defaults (`hash_code`, `journal`, `audit`,
 * `primary_key`) that a model's attribute overrides key by key. Returns every problem at once.
 *
 * @example
 * // "attributes": [{ "name": "db", "value": { "table": "users",
 * //   "primary_key": { "field": "id", "generate": "prefixed", "prefix": "usr" },
 * //   "indexes": [{ "fields": ["email"], "unique": true }] } }]
 */
export function readTables(
  service: Service,
  imports: readonly Service[] = [],
): { tables: TableSpec[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const serviceIndex = service.attributes.findIndex((a) => a.name === DB_ATTRIBUTE);
  const { events: sharedEvents, ...defaults } = service.attributes[serviceIndex]?.value ?? {};
  if (sharedEvents !== undefined) {
    diagnostics.push({
      code: 'db-events-invalid',
      path: pointer('', 'attributes', serviceIndex, 'value', 'events'),
      message:
        'The service\'s db attribute cannot hold "events": each table maps its own journal; move it to the model\'s db attribute.',
    });
  }
  const tables: TableSpec[] = [];
  service.models.forEach((model) => {
    const index = model.attributes.findIndex((a) => a.name === DB_ATTRIBUTE);
    const attribute = model.attributes[index];
    if (!attribute) return;
    const path = pointer('', 'models', model.name, 'attributes', index, 'value');
    const table = readTable(model, { ...defaults, ...attribute.value }, path, service, imports, diagnostics);
    if (!table) return;
    const clash = tables.find((t) => t.table === table.table);
    if (clash) {
      diagnostics.push({
        code: 'db-duplicate-table',
        path: pointer(path, 'table'),
        message: `Models "${clash.model}" and "${model.name}" both map to table "${table.table}"; give one a different "table".`,
      });
      return;
    }
    tables.push(table);
  });
  return { tables, diagnostics };
}

function readTable(
  model: Model,
  value: JsonObject,
  path: string,
  service: Service,
  imports: readonly Service[],
  diagnostics: Diagnostic[],
): TableSpec | undefined {
  const before = diagnostics.length;
  const problem = (code: string, at: string, message: string): void => {
    diagnostics.push({ code, path: at, message: `Model "${model.name}": ${message}` });
  };
  for (const key of Object.keys(value)) {
    if (!KEYS.has(key)) {
      problem(
        'db-unknown-key',
        pointer(path, key),
        `unknown db key "${key}"; expected one of ${[...KEYS].join(', ')}.`,
      );
    }
  }
  const table = stringOr(value.table, model.plural);
  if (!IDENTIFIER.test(table) || table.length > MAX_IDENTIFIER - 15) {
    problem(
      'db-invalid-name',
      pointer(path, 'table'),
      `table name "${table}" must match [A-Za-z_][A-Za-z0-9_]* and be at most 48 characters (room for "<table>_journal_record").`,
    );
  }

  const columns: Column[] = [];
  model.fields.forEach((field, i) => {
    if (!IDENTIFIER.test(field.name) || field.name.length > MAX_IDENTIFIER) {
      problem(
        'db-invalid-name',
        pointer('', 'models', model.name, 'fields', i, 'name'),
        `field "${field.name}" cannot be a column name; use letters, digits and underscores.`,
      );
      return;
    }
    const type = columnType(field.type, service, imports);
    if ('error' in type) {
      problem(
        'db-invalid-type',
        pointer('', 'models', model.name, 'fields', i, 'type'),
        `field "${field.name}": ${type.error}.`,
      );
      return;
    }
    columns.push({
      name: field.name,
      ...type,
      required: field.required,
      role: 'field',
      writable: true,
      ...(field.description === undefined ? {} : { description: field.description }),
    });
  });
  if (columns.some((c) => c.name === 'hash_code')) {
    problem(
      'db-reserved-name',
      pointer('', 'models', model.name, 'fields'),
      'the column name "hash_code" is reserved for the generator.',
    );
  }

  readAudit(value.audit, pointer(path, 'audit'), columns, problem);
  const primaryKey = readPrimaryKey(value.primary_key, pointer(path, 'primary_key'), columns, problem);
  const indexes = readIndexes(value.indexes, pointer(path, 'indexes'), table, columns, problem);
  const hashCode = booleanOr(value.hash_code, true, pointer(path, 'hash_code'), problem);
  const journal = booleanOr(value.journal, true, pointer(path, 'journal'), problem);
  const events = readEventsMapping(
    value.events,
    pointer(path, 'events'),
    { model, service, columns, journal },
    problem,
  );
  if (diagnostics.length > before || !primaryKey) return undefined;
  const typeName = pascalCase(model.name);
  return {
    model: model.name,
    typeName,
    daoName: pascalCase(table),
    table,
    ...(model.description === undefined ? {} : { description: model.description }),
    columns,
    primaryKey,
    indexes,
    hashCode,
    journal,
    ...(events === undefined ? {} : { events }),
  };
}

type Problem = (code: string, at: string, message: string) => void;

function readAudit(raw: JsonValue | undefined, path: string, columns: Column[], problem: Problem): void {
  const config: JsonObject =
    raw === undefined
      ? { created_at: true, updated_at: true }
      : raw === false
        ? {}
        : isObject(raw)
          ? raw
          : {};
  if (raw !== undefined && raw !== false && !isObject(raw)) {
    problem(
      'db-invalid-audit',
      path,
      '"audit" must be false or an object such as { "created_at": true, "updated_by": "changed_by" }.',
    );
    return;
  }
  for (const key of Object.keys(config)) {
    if (!(AUDIT_ROLES as readonly string[]).includes(key)) {
      problem(
        'db-invalid-audit',
        pointer(path, key),
        `unknown audit column "${key}"; expected ${AUDIT_ROLES.join(', ')}.`,
      );
    }
  }
  for (const role of AUDIT_ROLES) {
    const setting = config[role];
    if (setting === undefined || setting === false) continue;
    const name = setting === true ? role : typeof setting === 'string' ? setting : undefined;
    if (name === undefined || !IDENTIFIER.test(name)) {
      problem(
        'db-invalid-audit',
        pointer(path, role),
        `audit "${role}" must be true, false or a column name.`,
      );
      continue;
    }
    addAuditColumn(columns, name, role);
  }
}

function addAuditColumn(columns: Column[], name: string, role: Exclude<ColumnRole, 'field'>): void {
  const storage = role.endsWith('_at') ? 'timestamp' : 'text';
  const existing = columns.find((c) => c.name === name);
  if (existing) {
    // A model may declare its audit columns (to return them from the API); the database fills them.
    existing.role = role;
    existing.writable = false;
    existing.storage = storage;
    existing.required = true;
    return;
  }
  columns.push({ name, storage, tsType: fixed('string'), required: true, role, writable: false });
}

function readPrimaryKey(
  raw: JsonValue | undefined,
  path: string,
  columns: Column[],
  problem: Problem,
): PrimaryKey | undefined {
  const config: JsonObject = typeof raw === 'string' ? { field: raw } : isObject(raw) ? raw : {};
  if (raw !== undefined && typeof raw !== 'string' && !isObject(raw)) {
    problem(
      'db-invalid-primary-key',
      path,
      '"primary_key" must be a field name or { "field", "generate", "prefix" }.',
    );
    return undefined;
  }
  const fieldName = stringOr(config.field, 'id');
  const column = columns.find((c) => c.name === fieldName && c.role === 'field');
  if (!column) {
    problem(
      'db-invalid-primary-key',
      path,
      `primary key field "${fieldName}" is not a field of the model; add it or name another field.`,
    );
    return undefined;
  }
  const generate = stringOr(config.generate, 'none') as KeyGeneration;
  if (!GENERATIONS.includes(generate)) {
    problem(
      'db-invalid-primary-key',
      pointer(path, 'generate'),
      `"generate" must be one of ${GENERATIONS.join(', ')}.`,
    );
    return undefined;
  }
  const numeric = column.storage === 'integer' || column.storage === 'bigint';
  if (generate === 'auto' && !numeric) {
    problem(
      'db-invalid-primary-key',
      pointer(path, 'generate'),
      `"auto" keys must be integer or long; "${fieldName}" is not.`,
    );
  }
  if ((generate === 'uuid' || generate === 'prefixed') && numeric) {
    problem(
      'db-invalid-primary-key',
      pointer(path, 'generate'),
      `"${generate}" keys must be string or uuid; "${fieldName}" is numeric.`,
    );
  }
  const prefix = config.prefix;
  if (generate === 'prefixed' && (typeof prefix !== 'string' || !/^[a-z0-9]{1,16}$/.test(prefix))) {
    problem(
      'db-invalid-primary-key',
      pointer(path, 'prefix'),
      '"prefixed" keys need a "prefix" of 1 to 16 lowercase letters or digits.',
    );
    return undefined;
  }
  column.required = true;
  if (generate !== 'none') column.writable = false;
  return { column, generate, ...(generate === 'prefixed' && typeof prefix === 'string' ? { prefix } : {}) };
}

function readIndexes(
  raw: JsonValue | undefined,
  path: string,
  table: string,
  columns: Column[],
  problem: Problem,
): Index[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problem('db-invalid-index', path, '"indexes" must be an array of { "fields", "unique", "where" }.');
    return [];
  }
  const indexes: Index[] = [];
  raw.forEach((entry, i) => {
    const at = pointer(path, i);
    if (!isObject(entry) || !Array.isArray(entry.fields) || entry.fields.length === 0) {
      problem('db-invalid-index', at, 'an index needs "fields", a non-empty array of field names.');
      return;
    }
    const indexColumns: Column[] = [];
    for (const name of entry.fields) {
      const column = columns.find((c) => c.name === name);
      if (!column || indexColumns.includes(column)) {
        problem(
          'db-invalid-index',
          pointer(at, 'fields'),
          `index field ${JSON.stringify(name)} is not a column of the table, or is listed twice.`,
        );
        return;
      }
      indexColumns.push(column);
    }
    const where =
      entry.where === undefined
        ? { terms: [] }
        : typeof entry.where === 'string'
          ? parseWhere(entry.where)
          : { error: 'must be a string' };
    if ('error' in where) {
      problem('db-invalid-index', pointer(at, 'where'), `index "where": ${where.error}.`);
      return;
    }
    const unknown = where.terms.find((t) => !columns.some((c) => c.name === t.column));
    if (unknown) {
      problem(
        'db-invalid-index',
        pointer(at, 'where'),
        `index "where" names "${unknown.column}", which is not a column.`,
      );
      return;
    }
    const name = `${table}_${indexColumns.map((c) => c.name).join('_')}_idx`;
    if (name.length > MAX_IDENTIFIER || indexes.some((x) => x.name === name)) {
      problem(
        'db-invalid-index',
        at,
        `index name "${name}" is too long or duplicated; shorten the field or table names.`,
      );
      return;
    }
    indexes.push({ name, columns: indexColumns, unique: entry.unique === true, where: where.terms });
  });
  return indexes;
}

function booleanOr(raw: JsonValue | undefined, fallback: boolean, path: string, problem: Problem): boolean {
  if (raw === undefined) return fallback;
  if (typeof raw === 'boolean') return raw;
  if (isObject(raw)) return true; // Flow writes `"hash_code": {}`
  problem('db-invalid-value', path, 'expected true or false.');
  return fallback;
}

function stringOr(raw: JsonValue | undefined, fallback: string): string {
  return typeof raw === 'string' ? raw : fallback;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
