import { pointer } from '../diagnostic.js';
import type { Header, TypeRef } from '../ir.js';
import { elementType } from '../type-ref.js';
import { display, fallback, type ValidationContext } from './context.js';
import {
  fieldOwners,
  fieldPath,
  operationSites,
  parameterPath,
  resourcePointer,
  responsePath,
} from './walk.js';

/**
 * `unknown-type`: every type reference must name a primitive, a local type or a type an import
 * provides (imports known only by URI let their names pass). `interface-as-type`: fields, bodies,
 * parameters, responses and headers need a concrete type; an interface can only be listed by
 * models and unions, be a union member or a resource.
 */
export function checkTypeReferences(ctx: ValidationContext): void {
  // Built on the first unknown name only.
  let lowerCaseNames: Map<string, string> | undefined;
  const nearName = (name: string): string | undefined => {
    if (lowerCaseNames === undefined) {
      lowerCaseNames = new Map();
      for (const local of ctx.local.keys()) lowerCaseNames.set(local.toLowerCase(), local);
    }
    return lowerCaseNames.get(name.toLowerCase());
  };

  const check = (type: TypeRef, label: () => string, path: () => string, concrete: boolean) => {
    const inner = elementType(type);
    if (inner.kind === 'primitive') return;
    if (inner.kind === 'unknown') {
      // An empty name is what the parser leaves after its own `invalid-type` finding.
      if (inner.name === '') return;
      const near = nearName(inner.name);
      const hint =
        near !== undefined && near !== inner.name
          ? ` Did you mean '${display(near)}'?`
          : ' Define a model, enum, union or interface with that name, use a primitive, or write an imported type by its full name (namespace.models.name).';
      ctx.report('unknown-type', path(), `${label()} type[${ctx.show(type)}] not found.${hint}`);
      return;
    }
    if (inner.kind === 'list' || inner.kind === 'map') return;
    const resolved = ctx.resolve(inner);
    const shown = () => ctx.show(type);
    if (typeof resolved === 'string') {
      ctx.report(
        'unknown-type',
        path(),
        `${label()} type[${shown()}] not found: ${resolved}. Fix the name or the import.`,
      );
      return;
    }
    if (concrete && inner.kind === 'interface') {
      ctx.report(
        'interface-as-type',
        path(),
        `${label()} type[${shown()}] is an interface and cannot be used as a field type. Specify the specific model you need or use a union type.`,
      );
    }
  };
  // Fast path: the parsers share one TypeRef object per distinct type string, so most fields ask
  // about a reference already judged; labels and pointers are built only for the bad ones.
  const judged = new Map<TypeRef, boolean>();
  const fine = (type: TypeRef): boolean => {
    let ok = judged.get(type);
    if (ok === undefined) {
      const inner = elementType(type);
      ok =
        inner.kind === 'primitive' ||
        inner.kind === 'list' ||
        inner.kind === 'map' ||
        (inner.kind === 'unknown'
          ? inner.name === ''
          : typeof ctx.resolve(inner) !== 'string' && inner.kind !== 'interface');
      judged.set(type, ok);
    }
    return ok;
  };

  const checkHeaders = (headers: readonly Header[], label: string, base: () => string) => {
    headers.forEach((header, i) => {
      check(
        header.type,
        () => `${label}[${display(header.name)}]`,
        () => pointer(ctx.at(header, pointer(base(), 'headers', i)), 'type'),
        true,
      );
    });
  };

  const { service } = ctx;
  checkHeaders(service.headers, 'Header', () => '');
  for (const owner of fieldOwners(ctx)) {
    const fields = owner.element.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      if (fine(field.type)) continue;
      check(
        field.type,
        () => `${owner.label} Field[${display(field.name)}]`,
        () => pointer(fieldPath(ctx, owner, field, i), 'type'),
        true,
      );
    }
  }
  for (const union of service.unions) {
    union.types.forEach((member, i) => {
      const path = () =>
        pointer(ctx.at(member, pointer(ctx.at(union, fallback.union(union)), 'types', i)), 'type');
      check(member.type, () => `Union[${display(union.name)}]`, path, false);
    });
  }
  service.resources.forEach((resource, r) => {
    check(
      resource.type,
      () => 'Resource',
      () => resourcePointer(ctx, resource, r),
      false,
    );
  });
  for (const site of operationSites(ctx)) {
    const { operation } = site;
    const body = operation.body;
    if (body !== undefined && !fine(body.type)) {
      check(
        body.type,
        () => `${site.label} body`,
        () => pointer(ctx.at(body, pointer(site.path(), 'body')), 'type'),
        true,
      );
    }
    operation.parameters.forEach((parameter, i) => {
      if (fine(parameter.type)) return;
      // A path parameter the spec did not declare takes its type from the resource's field of the
      // same name, where a bad type is already reported; its pointer names no array element.
      if (!/\/parameters\/\d+$/.test(ctx.pointers.get(parameter) ?? '/parameters/0')) return;
      check(
        parameter.type,
        () => `${site.label} Parameter[${display(parameter.name)}]`,
        () => pointer(parameterPath(ctx, site, parameter, i), 'type'),
        true,
      );
    });
    for (const response of operation.responses) {
      if (!fine(response.type)) {
        check(
          response.type,
          () => `${site.label} response code[${response.code}]`,
          () => pointer(responsePath(ctx, site, response), 'type'),
          true,
        );
      }
      if (response.headers.length > 0) {
        checkHeaders(response.headers, `${site.label} response code[${response.code}] header`, () =>
          responsePath(ctx, site, response),
        );
      }
    }
  }
}
