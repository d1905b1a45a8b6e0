import { emptyService } from '../empty-service.js';
import type { Field, Import, Model, NamedKind, Operation, Resource, Service, TypeRef, Union } from '../ir.js';

/**
 * Small builders of IR values for validation tests that cannot be written as api.json (duplicate
 * resources, duplicate response codes, import records, elements without source pointers).
 */
export const NS = 'test.v0';

export const str: TypeRef = { kind: 'primitive', name: 'string' };

export function named(kind: NamedKind, name: string, namespace = NS): TypeRef {
  return { kind, name, namespace };
}

export function field(name: string, type: TypeRef = str, extra: Partial<Field> = {}): Field {
  return { name, type, required: true, annotations: [], attributes: [], ...extra };
}

export function model(name: string, fields: Field[] = [field('id')], interfaces: string[] = []): Model {
  return { name, plural: `${name}s`, fields, interfaces, attributes: [] };
}

export function union(name: string, members: TypeRef[], discriminator?: string): Union {
  return {
    name,
    plural: `${name}s`,
    ...(discriminator === undefined ? {} : { discriminator }),
    types: members.map((type) => ({
      type,
      discriminatorValue: 'name' in type ? type.name : '',
      default: false,
      attributes: [],
    })),
    interfaces: [],
    attributes: [],
  };
}

export function operation(
  method: Operation['method'],
  path: string,
  extra: Partial<Operation> = {},
): Operation {
  return {
    method,
    path,
    parameters: [],
    responses: [{ code: 204, type: { kind: 'primitive', name: 'unit' }, headers: [], attributes: [] }],
    attributes: [],
    ...extra,
  };
}

export function resource(
  type: TypeRef,
  operations: Operation[],
  plural = 'name' in type ? `${type.name}s` : 'items',
): Resource {
  return { type, plural, operations, attributes: [] };
}

export function importRecord(
  namespace: string,
  names: Partial<Pick<Import, 'models' | 'enums' | 'unions' | 'interfaces'>>,
): Import {
  return {
    uri: `https://example.com/${namespace}/service.json`,
    namespace,
    organization: { key: 'example' },
    application: { key: namespace },
    version: '1.0.0',
    enums: [],
    interfaces: [],
    unions: [],
    models: [],
    annotations: [],
    ...names,
  };
}

export function service(parts: Partial<Service> = {}): Service {
  return emptyService({
    name: 'test',
    organization: { key: 'test' },
    application: { key: 'test' },
    namespace: NS,
    version: '1.0.0',
    ...parts,
  });
}
