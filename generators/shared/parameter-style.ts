import type { Parameter, ParameterStyle, TypeRef } from '../../core/ir.js';

const scalar = (t: TypeRef) => t.kind === 'primitive' || t.kind === 'enum';

/**
 * The OpenAPI style a query parameter is written and read in, with its explode, or undefined when
 * it is the plain form every generated client and route already speak (a scalar, or a list as
 * repeated keys). Parameters without a declared style keep Canon's own form (objects as JSON).
 *
 * @example writtenStyle({ style: 'deepObject', … }) → ['deepObject', true]
 */
export function writtenStyle(p: Parameter): readonly [ParameterStyle, boolean] | undefined {
  // An OpenAPI parameter that declares only `explode` has its location's default style, `form`.
  const declared = p.style ?? (p.explode !== undefined ? 'form' : undefined);
  if (p.location !== 'query' || declared === undefined) return undefined;
  const explode = p.explode ?? (declared === 'form' || declared === 'deepObject');
  const plain = scalar(p.type) || (p.type.kind === 'list' && scalar(p.type.of));
  if (declared === 'form' && explode && plain) return undefined;
  return [declared, explode];
}

/**
 * How a form field of an OpenAPI form body (`formEncoding`) is written, when not as OpenAPI's
 * default (`form`, exploded: lists as repeated keys, objects spread): its declared style and
 * explode, such as Stripe's `deepObject` (`metadata[plan]=pro`, `expand[]=a`).
 *
 * @example formStyle({ style: 'deepObject', … }) → ['deepObject', true]
 */
export function formStyle(p: Parameter): readonly [ParameterStyle, boolean] | undefined {
  if (p.location !== 'form' || p.style === undefined) return undefined;
  const explode = p.explode ?? (p.style === 'form' || p.style === 'deepObject');
  if (p.style === 'form' && explode) return undefined;
  return [p.style, explode];
}
