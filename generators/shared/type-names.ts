import type { NamedKind, NamedTypeRef, Service } from '../../core/ir.js';
import { type Code, code } from './code.js';
import { type Identifier, safeIdentifier } from './identifier.js';
import { importedTypesModule, importSpecifier, TYPES_MODULE } from './module-names.js';
import { pascalCase, UniqueNames } from './naming.js';
import type { ImportStatement } from './source-file.js';
import type { NamedTypeResolver } from './type-printer.js';

const KIND_ORDER: readonly NamedKind[] = ['enum', 'interface', 'model', 'union'];

const byKindCache = new WeakMap<Service, Map<NamedKind, Map<string, Identifier>>>();

/**
 * The TypeScript name of every named type of one service, by kind and then wire name: PascalCase
 * of the wire name, made unique in declaration order (enums, interfaces, models, unions), so the
 * same spec always gives the same names. Computed once per service object; a lookup builds no
 * `kind:name` key (it runs for every reference to a named type in every generated file).
 */
function namesByKind(service: Service): ReadonlyMap<NamedKind, ReadonlyMap<string, Identifier>> {
  const cached = byKindCache.get(service);
  if (cached) return cached;
  const byKind = new Map<NamedKind, Map<string, Identifier>>();
  const unique = new UniqueNames();
  const lists: Record<NamedKind, readonly { name: string }[]> = {
    enum: service.enums,
    interface: service.interfaces,
    model: service.models,
    union: service.unions,
  };
  for (const kind of KIND_ORDER) {
    const names = new Map<string, Identifier>();
    for (const { name } of lists[kind]) {
      if (!names.has(name)) names.set(name, unique.take(pascalCase(name)));
    }
    byKind.set(kind, names);
  }
  byKindCache.set(service, byKind);
  return byKind;
}

/** The same names keyed `kind:name` (`model:user` → `User`). */
export function typeNames(service: Service): Map<string, Identifier> {
  const out = new Map<string, Identifier>();
  for (const [kind, names] of namesByKind(service))
    for (const [name, typeName] of names) out.set(`${kind}:${name}`, typeName);
  return out;
}

/** The TypeScript name of one named type of `service`, if it defines it. */
export function typeNameOf(
  service: Service,
  ref: Pick<NamedTypeRef, 'kind' | 'name'>,
): Identifier | undefined {
  return namesByKind(service).get(ref.kind)?.get(ref.name);
}

/** The name of an enum's frozen array of values: `statusValues` for enum type `Status`. */
export function enumValuesName(typeName: Identifier): Identifier {
  return safeIdentifier(`${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}Values`);
}

export interface TypeResolverOptions {
  service: Service;
  imports: readonly Service[];
  /** The module being generated, relative to the output root (`client.ts`, `imports/x.ts`). */
  fromModule: string;
  /**
   * How this module reaches the service's own types: `undefined` when it declares them itself
   * (the types module), otherwise an alias for `import type * as <alias> from './types.js'`.
   */
  localAlias?: Identifier;
  /** The namespace whose types live in `types.ts` when this module is an imported service's. */
  rootNamespace?: string;
}

/** Resolves named types to printed names and remembers which imports the module needs. */
export interface TypeResolver {
  resolve: NamedTypeResolver;
  /** Import statements for every module a resolved name came from, in first-use order. */
  importStatements(): ImportStatement[];
}

/**
 * Creates the resolver a generator uses to print types. Local types print by name (or through
 * `localAlias`); imported ones through `import type * as ns_<namespace>` from the imported
 * service's types module (`imports/<namespace>.ts`); types of imports that were not provided
 * print as `unknown`.
 *
 * @example
 * const types = createTypeResolver({ service, imports, fromModule: 'client.ts', localAlias: identifier('types') });
 * printType(field.type, types.resolve); // 'types.User'
 */
export function createTypeResolver(options: TypeResolverOptions): TypeResolver {
  const { service, fromModule, localAlias } = options;
  const importsByNamespace = new Map(options.imports.map((imported) => [imported.namespace, imported]));
  const aliases = new UniqueNames(localAlias ? [localAlias] : []);
  const used = new Map<string, ImportStatement>();

  const moduleAlias = (namespace: string, module: string): Identifier => {
    const alias = aliases.claim(namespace, safeIdentifier(`ns_${namespace}`));
    if (!used.has(namespace)) {
      used.set(namespace, {
        kind: 'import',
        typeOnly: true,
        namespaceAlias: alias,
        from: importSpecifier(fromModule, module),
      });
    }
    return alias;
  };

  const resolve = (ref: NamedTypeRef): Code | undefined => {
    if (ref.namespace === service.namespace) {
      const name = typeNameOf(service, ref);
      if (!name) return undefined;
      if (!localAlias) return name;
      if (!used.has(ref.namespace)) {
        used.set(ref.namespace, {
          kind: 'import',
          typeOnly: true,
          namespaceAlias: localAlias,
          from: importSpecifier(fromModule, TYPES_MODULE),
        });
      }
      return code`${localAlias}.${name}`;
    }
    const imported = importsByNamespace.get(ref.namespace);
    if (!imported) return undefined;
    const name = typeNameOf(imported, ref);
    if (!name) return undefined;
    const module =
      ref.namespace === options.rootNamespace ? TYPES_MODULE : importedTypesModule(ref.namespace);
    return code`${moduleAlias(ref.namespace, module)}.${name}`;
  };

  return { resolve, importStatements: () => [...used.values()] };
}
