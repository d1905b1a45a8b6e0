import { pointer } from '../diagnostic.js';
import type { Field, Header, Parameter } from '../ir.js';
import { display, type ValidationContext } from './context.js';
import { defaultProblem, measuredDefault } from './default-value.js';
import { fieldOwners, fieldPath, operationSites, parameterPath, responsePath } from './walk.js';

/**
 * `invalid-default` (a default that is not a value of its type or enum), `minimum-above-maximum`,
 * `default-out-of-range` (numbers by value, strings by length) and `default-on-optional-parameter`,
 * over fields, parameters and headers.
 */
export function checkDefaults(ctx: ValidationContext): void {
  const check = (element: Field | Parameter | Header, label: () => string, path: () => string) => {
    const minimum = 'minimum' in element ? element.minimum : undefined;
    const maximum = 'maximum' in element ? element.maximum : undefined;
    if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
      ctx.report(
        'minimum-above-maximum',
        pointer(path(), 'minimum'),
        `${label()} minimum[${minimum}] must be <= specified maximum[${maximum}]. Swap or correct them.`,
      );
    }
    if (element.default === undefined) return;
    const problem = defaultProblem(ctx, element.type, element.default);
    if (problem !== undefined) {
      ctx.report(
        'invalid-default',
        pointer(path(), 'default'),
        `${label()} ${problem}. Correct or remove the default.`,
      );
      return;
    }
    const measured = measuredDefault(element.type, element.default);
    if (measured === undefined) return;
    if ((minimum === undefined || measured >= minimum) && (maximum === undefined || measured <= maximum))
      return;
    const what =
      element.type.kind === 'primitive' && element.type.name === 'string' ? 'length of default' : 'default';
    const shown = display(element.default);
    if (minimum !== undefined && measured < minimum) {
      ctx.report(
        'default-out-of-range',
        pointer(path(), 'default'),
        `${label()} ${what}[${shown}] must be >= specified minimum[${minimum}].`,
      );
    }
    if (maximum !== undefined && measured > maximum) {
      ctx.report(
        'default-out-of-range',
        pointer(path(), 'default'),
        `${label()} ${what}[${shown}] must be <= specified maximum[${maximum}].`,
      );
    }
  };
  const checkHeaders = (headers: readonly Header[], label: string, base: () => string) => {
    headers.forEach((header, i) => {
      if (header.default === undefined) return;
      check(
        header,
        () => `${label}[${display(header.name)}]`,
        () => ctx.at(header, pointer(base(), 'headers', i)),
      );
    });
  };

  checkHeaders(ctx.service.headers, 'Header', () => '');
  for (const owner of fieldOwners(ctx)) {
    const fields = owner.element.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      if (!hasConstraints(field)) continue;
      check(
        field,
        () => `${owner.label} Field[${display(field.name)}]`,
        () => fieldPath(ctx, owner, field, i),
      );
    }
  }
  for (const site of operationSites(ctx)) {
    site.operation.parameters.forEach((parameter, i) => {
      if (!hasConstraints(parameter)) return;
      const label = () => `${site.label} param[${display(parameter.name)}]`;
      const path = () => parameterPath(ctx, site, parameter, i);
      if (parameter.default !== undefined && !parameter.required) {
        ctx.report(
          'default-on-optional-parameter',
          pointer(path(), 'default'),
          `${label()} has a default specified. It must be marked required (or drop the default).`,
        );
      }
      check(parameter, label, path);
    });
    for (const response of site.operation.responses) {
      if (response.headers.length === 0) continue;
      checkHeaders(response.headers, `${site.label} response code[${response.code}] header`, () =>
        responsePath(ctx, site, response),
      );
    }
  }
}

/** Most fields and parameters have no default and no range: nothing to check, nothing to build. */
function hasConstraints(element: Field | Parameter): boolean {
  return element.default !== undefined || element.minimum !== undefined || element.maximum !== undefined;
}
