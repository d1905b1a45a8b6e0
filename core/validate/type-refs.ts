import { pointer } from '../diagnostic.js';
import type { TypeRef } from '../ir.js';
import { elementType } from '../type-ref.js';
import { display, type ValidationContext } from './context.js';
import {
  eachFieldOwner,
  eachOperation,
  fieldPath,
  memberPath,
  operationSite,
  ownerLabel,
  parameterPath,
  resourcePointer,
  responseHeaderLabel,
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
      for (const local of ctx.localNames()) lowerCaseNames.set(local.toLowerCase(), local);
    }
    return lowerCaseNames.get(name.toLowerCase());
  };
  /** Reports what is wrong with `type`; called, with the label and pointer, only when it is not fine. */
  const check = (type: TypeRef, concrete: boolean, label: string, path: string) => {
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
      ctx.report('unknown-type', path, `${label} type[${ctx.show(type)}] not found.${hint}`);
      return;
    }
    if (inner.kind === 'list' || inner.kind === 'map') return;
    const resolved = ctx.resolve(inner);
    if (typeof resolved === 'string') {
      ctx.report(
        'unknown-type',
        path,
        `${label} type[${ctx.show(type)}] not found: ${resolved}. Fix the name or the import.`,
      );
      return;
    }
    if (concrete && inner.kind === 'interface') {
      ctx.report(
        'interface-as-type',
        path,
        `${label} type[${ctx.show(type)}] is an interface and cannot be used as a field type. Specify the specific model you need or use a union type.`,
      );
    }
  };

  const { service } = ctx;
  for (let i = 0; i < service.headers.length; i++) {
    const header = service.headers[i]!;
    if (isFine(ctx, header.type, true)) continue;
    const path = pointer(ctx.at(header, pointer('', 'headers', i)), 'type');
    check(header.type, true, `Header[${display(header.name)}]`, path);
  }
  eachFieldOwner(service, (owner, kind) => {
    const { fields } = owner;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      if (isFine(ctx, field.type, true)) continue;
      const label = `${ownerLabel(owner, kind)} Field[${display(field.name)}]`;
      check(field.type, true, label, pointer(fieldPath(ctx, owner, kind, i), 'type'));
    }
  });
  for (let u = 0; u < service.unions.length; u++) {
    const union = service.unions[u]!;
    const members = union.types;
    for (let i = 0; i < members.length; i++) {
      const { type } = members[i]!;
      if (isFine(ctx, type, false)) continue;
      check(type, false, `Union[${display(union.name)}]`, pointer(memberPath(ctx, union, i), 'type'));
    }
  }
  const { resources } = service;
  for (let r = 0; r < resources.length; r++) {
    const resource = resources[r]!;
    if (!isFine(ctx, resource.type, false))
      check(resource.type, false, 'Resource', resourcePointer(ctx, resource, r));
  }
  eachOperation(service, (operation, r, o) => {
    const { body, parameters, responses } = operation;
    if (body !== undefined && !isFine(ctx, body.type, true)) {
      const site = operationSite(ctx, r, o);
      const path = pointer(ctx.at(body, pointer(site.path(), 'body')), 'type');
      check(body.type, true, `${site.label} body`, path);
    }
    for (let i = 0; i < parameters.length; i++) {
      const parameter = parameters[i]!;
      if (isFine(ctx, parameter.type, true)) continue;
      // A path parameter the spec did not declare takes its type from the resource's field of the
      // same name, where a bad type is already reported; its pointer names no array element.
      if (!/\/parameters\/\d+$/.test(ctx.pointers.get(parameter) ?? '/parameters/0')) continue;
      const site = operationSite(ctx, r, o);
      const label = `${site.label} Parameter[${display(parameter.name)}]`;
      check(parameter.type, true, label, pointer(parameterPath(ctx, site, parameter, i), 'type'));
    }
    for (let k = 0; k < responses.length; k++) {
      const response = responses[k]!;
      if (!isFine(ctx, response.type, true)) {
        const site = operationSite(ctx, r, o);
        const label = `${site.label} response code[${response.code}]`;
        check(response.type, true, label, pointer(responsePath(ctx, site, response), 'type'));
      }
      const { headers } = response;
      for (let i = 0; i < headers.length; i++) {
        const header = headers[i]!;
        if (isFine(ctx, header.type, true)) continue;
        const site = operationSite(ctx, r, o);
        const path = pointer(
          ctx.at(header, pointer(responsePath(ctx, site, response), 'headers', i)),
          'type',
        );
        check(header.type, true, `${responseHeaderLabel(site, response)}[${display(header.name)}]`, path);
      }
    }
  });
}

/**
 * Whether a reference needs no finding: a primitive, a list or map of resolvable types, a name that
 * resolves (to a concrete type where `concrete`), or the empty name of a type the parser reported.
 */
function isFine(ctx: ValidationContext, type: TypeRef, concrete: boolean): boolean {
  const inner = elementType(type);
  switch (inner.kind) {
    case 'primitive':
    case 'list':
    case 'map':
      return true;
    case 'unknown':
      return inner.name === '';
    default:
      return typeof ctx.resolve(inner) !== 'string' && !(concrete && inner.kind === 'interface');
  }
}
