import { pointer } from '../diagnostic.js';
import type { Field, Header, Parameter } from '../ir.js';
import { display, type ValidationContext } from './context.js';
import { defaultProblem, measuredDefault } from './default-value.js';
import {
  eachFieldOwner,
  eachOperation,
  fieldPath,
  operationSite,
  ownerLabel,
  parameterPath,
  responseHeaderLabel,
  responsePath,
} from './walk.js';

/**
 * `invalid-default` (a default that is not a value of its type or enum), `minimum-above-maximum`,
 * `default-out-of-range` (numbers by value, strings by length) and `default-on-optional-parameter`,
 * over fields, parameters and headers.
 */
export function checkDefaults(ctx: ValidationContext): void {
  const { service } = ctx;
  for (let i = 0; i < service.headers.length; i++) {
    const header = service.headers[i]!;
    if (header.default === undefined || isFine(ctx, header)) continue;
    const path = ctx.at(header, pointer('', 'headers', i));
    report(ctx, header, `Header[${display(header.name)}]`, path);
  }
  eachFieldOwner(service, (owner, kind) => {
    const { fields } = owner;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      if (!hasConstraints(field) || isFine(ctx, field)) continue;
      const label = `${ownerLabel(owner, kind)} Field[${display(field.name)}]`;
      report(ctx, field, label, fieldPath(ctx, owner, kind, i));
    }
  });
  eachOperation(service, (operation, r, o) => {
    const { parameters, responses } = operation;
    for (let i = 0; i < parameters.length; i++) {
      const parameter = parameters[i]!;
      if (!hasConstraints(parameter)) continue;
      const optionalWithDefault = parameter.default !== undefined && !parameter.required;
      if (!optionalWithDefault && isFine(ctx, parameter)) continue;
      const site = operationSite(ctx, r, o);
      const label = `${site.label} param[${display(parameter.name)}]`;
      const path = parameterPath(ctx, site, parameter, i);
      if (optionalWithDefault) {
        ctx.report(
          'default-on-optional-parameter',
          pointer(path, 'default'),
          `${label} has a default specified. It must be marked required (or drop the default).`,
        );
      }
      report(ctx, parameter, label, path);
    }
    for (let k = 0; k < responses.length; k++) {
      const response = responses[k]!;
      const { headers } = response;
      for (let i = 0; i < headers.length; i++) {
        const header = headers[i]!;
        if (header.default === undefined || isFine(ctx, header)) continue;
        const site = operationSite(ctx, r, o);
        const path = ctx.at(header, pointer(responsePath(ctx, site, response), 'headers', i));
        report(ctx, header, `${responseHeaderLabel(site, response)}[${display(header.name)}]`, path);
      }
    }
  });
}

/** Most fields and parameters have no default and no range: nothing to check, nothing to build. */
function hasConstraints(element: Field | Parameter): boolean {
  return element.default !== undefined || element.minimum !== undefined || element.maximum !== undefined;
}

/**
 * True when {@link report} would find nothing. Checked first, so that labels and pointers are built
 * for findings only.
 */
function isFine(ctx: ValidationContext, element: Field | Parameter | Header): boolean {
  const minimum = 'minimum' in element ? element.minimum : undefined;
  const maximum = 'maximum' in element ? element.maximum : undefined;
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) return false;
  if (element.default === undefined) return true;
  if (defaultProblem(ctx, element.type, element.default) !== undefined) return false;
  const measured = measuredDefault(element.type, element.default);
  return (
    measured === undefined ||
    ((minimum === undefined || measured >= minimum) && (maximum === undefined || measured <= maximum))
  );
}

function report(
  ctx: ValidationContext,
  element: Field | Parameter | Header,
  label: string,
  path: string,
): void {
  const minimum = 'minimum' in element ? element.minimum : undefined;
  const maximum = 'maximum' in element ? element.maximum : undefined;
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
    ctx.report(
      'minimum-above-maximum',
      pointer(path, 'minimum'),
      `${label} minimum[${minimum}] must be <= specified maximum[${maximum}]. Swap or correct them.`,
    );
  }
  if (element.default === undefined) return;
  const problem = defaultProblem(ctx, element.type, element.default);
  if (problem !== undefined) {
    ctx.report(
      'invalid-default',
      pointer(path, 'default'),
      `${label} ${problem}. Correct or remove the default.`,
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
      pointer(path, 'default'),
      `${label} ${what}[${shown}] must be >= specified minimum[${minimum}].`,
    );
  }
  if (maximum !== undefined && measured > maximum) {
    ctx.report(
      'default-out-of-range',
      pointer(path, 'default'),
      `${label} ${what}[${shown}] must be <= specified maximum[${maximum}].`,
    );
  }
}
