import type { Enum, Service, TypeRef } from '../../core/ir.js';
import { type Code, code, fixed, formattedStringLiteral, joinCode } from '../shared/index.js';
import type { Storage } from './table-spec.js';

/** How a field's type is stored and typed in a DAO; `error` when it cannot be a column. */
export type ColumnType = { storage: Storage; tsType: Code; enumValues?: string[] } | { error: string };

const PRIMITIVE_COLUMNS: Readonly<Record<string, { storage: Storage; tsType: Code }>> = {
  string: { storage: 'text', tsType: fixed('string') },
  uuid: { storage: 'uuid', tsType: fixed('string') },
  'date-iso8601': { storage: 'date', tsType: fixed('string') },
  'date-time-iso8601': { storage: 'timestamp', tsType: fixed('string') },
  integer: { storage: 'integer', tsType: fixed('number') },
  long: { storage: 'bigint', tsType: fixed('number') },
  double: { storage: 'real', tsType: fixed('number') },
  decimal: { storage: 'decimal', tsType: fixed('number') },
  boolean: { storage: 'boolean', tsType: fixed('boolean') },
  json: { storage: 'json', tsType: fixed('unknown') },
  object: { storage: 'json', tsType: fixed('Record<string, unknown>') },
};

/**
 * Maps a field type to a column. Scalars get their own storage, enums are text restricted to
 * their values, and lists, maps and nested models are stored as JSON. Nested models, unions and
 * interfaces are typed `unknown` in the DAO: the DAO does not depend on the types generator.
 */
export function columnType(type: TypeRef, service: Service, imports: readonly Service[]): ColumnType {
  switch (type.kind) {
    case 'primitive': {
      const column = PRIMITIVE_COLUMNS[type.name];
      return column ?? { error: `a field of type "${type.name}" cannot be stored in a column` };
    }
    case 'enum': {
      const found = findEnum(type.name, type.namespace, service, imports);
      if (!found) return { error: `enum "${type.name}" is not defined` };
      const values = found.values.map((v) => v.value);
      return { storage: 'text', tsType: literalUnion(values), enumValues: values };
    }
    case 'list':
    case 'map': {
      const inner = jsonTsType(type.of, service, imports);
      return {
        storage: 'json',
        tsType: type.kind === 'list' ? code`Array<${inner}>` : code`Record<string, ${inner}>`,
      };
    }
    case 'model':
    case 'union':
    case 'interface':
      return { storage: 'json', tsType: fixed('unknown') };
    case 'unknown':
      return { error: `type "${type.name}" is not defined` };
  }
}

/** The TypeScript type of a value inside a JSON column. */
function jsonTsType(type: TypeRef, service: Service, imports: readonly Service[]): Code {
  if (type.kind === 'list') return code`Array<${jsonTsType(type.of, service, imports)}>`;
  if (type.kind === 'map') return code`Record<string, ${jsonTsType(type.of, service, imports)}>`;
  const column = columnType(type, service, imports);
  return 'error' in column ? fixed('unknown') : column.tsType;
}

function findEnum(
  name: string,
  namespace: string,
  service: Service,
  imports: readonly Service[],
): Enum | undefined {
  const owner = namespace === service.namespace ? service : imports.find((s) => s.namespace === namespace);
  return owner?.enums.find((e) => e.name === name);
}

/** `'a' | 'b'` with every value printed as an escaped string literal. */
function literalUnion(values: readonly string[]): Code {
  if (values.length === 0) return fixed('never');
  return joinCode(
    values.map((v) => formattedStringLiteral(v)),
    ' | ',
  );
}
