import type { Body, Operation, Resource } from '../../ir.js';
import { type AnyDiffRule, added, both, removed, rule } from '../rule.js';
import { deprecatedRemoval, lifecycleRules } from './lifecycle.js';
import { becameRequired, relaxed } from './requiredness.js';
import { typeVerdict } from './service-rules.js';

/** `/users/:id` and `/users/:guid` are the same URL pattern (`/carts/:id.html` is another one). */
export function pathShape(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, ':');
}

/** Resources and their operations: bodies, parameters, responses and response headers. */
export const resourceRules: AnyDiffRule[] = [
  ...lifecycleRules('resource', 'resource', 'breaking', 'every operation it served is gone.'),
  rule({
    id: 'resource-path-changed',
    level: 'info',
    description:
      "A resource's path prefix changed. Each operation whose URL moved is reported as operation-path-changed.",
    elements: ['resource'],
    check(pair) {
      const sides = both<Resource>(pair);
      if (!sides || sides[0].path === sides[1].path) return undefined;
      return {
        message: `${pair.label} path changed from ${sides[0].path ?? 'none'} to ${sides[1].path ?? 'none'}`,
        ...(sides[0].path !== undefined && { before: sides[0].path }),
        ...(sides[1].path !== undefined && { after: sides[1].path }),
      };
    },
  }),

  ...lifecycleRules('operation', 'operation', 'breaking', 'clients calling it get 404 or 405.'),
  rule({
    id: 'operation-path-changed',
    level: 'breaking',
    description:
      'An operation moved to another URL (matched by operation id, or by its path within a moved resource).',
    elements: ['operation'],
    check(pair) {
      const sides = both<Operation>(pair);
      if (!sides || pathShape(sides[0].path) === pathShape(sides[1].path)) return undefined;
      return {
        message: `${pair.label} moved from ${sides[0].path} to ${sides[1].path}`,
        before: sides[0].path,
        after: sides[1].path,
      };
    },
  }),
  rule({
    id: 'path-parameter-renamed',
    level: 'info',
    description: 'A path parameter was renamed (`/users/:id` to `/users/:guid`); the URLs are the same.',
    elements: ['operation'],
    check(pair) {
      const sides = both<Operation>(pair);
      if (!sides || sides[0].path === sides[1].path || pathShape(sides[0].path) !== pathShape(sides[1].path))
        return undefined;
      return {
        message: `${pair.label} path parameters renamed: ${sides[0].path} is now ${sides[1].path}`,
        before: sides[0].path,
        after: sides[1].path,
      };
    },
  }),
  rule({
    id: 'operation-id-changed',
    level: 'info',
    description: "An operation's id changed; generated method names may follow it.",
    elements: ['operation'],
    check(pair) {
      const sides = both<Operation>(pair);
      if (!sides || sides[0].operationId === sides[1].operationId) return undefined;
      return {
        message: `${pair.label} operation id changed from ${sides[0].operationId ?? 'none'} to ${sides[1].operationId ?? 'none'}`,
        ...(sides[0].operationId !== undefined && { before: sides[0].operationId }),
        ...(sides[1].operationId !== undefined && { after: sides[1].operationId }),
      };
    },
  }),

  rule({
    id: 'body-added',
    level: 'breaking',
    description: 'An operation now requires a request body: existing clients call it without one.',
    elements: ['body'],
    check: (pair) => {
      const body = added(pair);
      return body && bodyRequired(body) ? { message: `${pair.label} was added` } : undefined;
    },
  }),
  rule({
    id: 'optional-body-added',
    level: 'info',
    description: 'An operation now accepts an optional request body (OpenAPI `required: false`).',
    elements: ['body'],
    check: (pair) => {
      const body = added(pair);
      return body && !bodyRequired(body) ? { message: `${pair.label} was added, optional` } : undefined;
    },
  }),
  rule({
    id: 'body-became-required',
    level: 'breaking',
    description: 'An optional request body became required: clients that call without one are refused.',
    elements: ['body'],
    check: (pair) => {
      const sides = both(pair);
      return sides && !bodyRequired(sides[0]) && bodyRequired(sides[1])
        ? { message: `${pair.label} became required`, before: 'optional', after: 'required' }
        : undefined;
    },
  }),
  rule({
    id: 'body-became-optional',
    level: 'info',
    description: 'A required request body became optional.',
    elements: ['body'],
    check: (pair) => {
      const sides = both(pair);
      return sides && bodyRequired(sides[0]) && !bodyRequired(sides[1])
        ? { message: `${pair.label} became optional`, before: 'required', after: 'optional' }
        : undefined;
    },
  }),
  rule({
    id: 'body-removed',
    level: 'warning',
    description: 'An operation no longer takes a request body: what clients still send is ignored.',
    elements: ['body'],
    check: (pair) =>
      removed(pair)
        ? { message: `${pair.label} was removed; clients that still send it are ignored` }
        : undefined,
  }),
  rule({
    id: 'body-type-changed',
    level: 'breaking',
    description: "A request body's type changed to one that does not accept every old value.",
    elements: ['body'],
    check: (pair) => typeVerdict(pair, both(pair), ['changed', 'narrowed']),
  }),
  rule({
    id: 'body-type-widened',
    level: 'info',
    description: "A request body's type now accepts more values.",
    elements: ['body'],
    check: (pair) => typeVerdict(pair, both(pair), ['widened']),
  }),

  rule({
    id: 'parameter-added',
    level: 'info',
    description: 'An optional parameter (or one with a default) was added.',
    elements: ['parameter'],
    check: (pair) => {
      const p = added(pair);
      return p && !(p.required && p.default === undefined)
        ? { message: `${pair.label} was added` }
        : undefined;
    },
  }),
  rule({
    id: 'required-parameter-added',
    level: 'breaking',
    description: 'A required parameter without a default was added: existing calls lack it.',
    elements: ['parameter'],
    check: (pair) => {
      const p = added(pair);
      return p?.required && p.default === undefined
        ? { message: `${pair.label} was added as required` }
        : undefined;
    },
  }),
  rule({
    id: 'parameter-removed',
    level: 'warning',
    description:
      'A parameter was removed: clients that still pass it are ignored, which may silently change results.',
    elements: ['parameter'],
    check: (pair) =>
      removed(pair) && !pair.deprecated ? { message: `${pair.label} was removed` } : undefined,
  }),
  deprecatedRemoval('parameter', 'parameter'),
  rule({
    id: 'parameter-type-changed',
    level: 'breaking',
    description: "A parameter's type changed to one that does not accept every old value.",
    elements: ['parameter'],
    check: (pair) => typeVerdict(pair, both(pair), ['changed', 'narrowed']),
  }),
  rule({
    id: 'parameter-type-widened',
    level: 'info',
    description: "A parameter's type now accepts more values.",
    elements: ['parameter'],
    check: (pair) => typeVerdict(pair, both(pair), ['widened']),
  }),
  rule({
    id: 'parameter-location-changed',
    level: 'breaking',
    description: 'A parameter moved between path, query, form and header.',
    elements: ['parameter'],
    check(pair) {
      const sides = both(pair);
      if (!sides || sides[0].location === sides[1].location) return undefined;
      return {
        message: `${pair.label} moved from ${sides[0].location} to ${sides[1].location}`,
        before: sides[0].location,
        after: sides[1].location,
      };
    },
  }),
  rule({
    id: 'parameter-became-required',
    level: 'breaking',
    description: 'An optional parameter became required without a default.',
    elements: ['parameter'],
    check: becameRequired,
  }),
  rule({
    id: 'parameter-became-optional',
    level: 'info',
    description: 'A parameter became optional, or required with a default.',
    elements: ['parameter'],
    check(pair) {
      const sides = relaxed(pair);
      if (!sides) return undefined;
      return sides[1].required
        ? {
            message: `${pair.label} became required with default ${sides[1].default}`,
            before: 'optional',
            after: 'required',
          }
        : { message: `${pair.label} became optional`, before: 'required', after: 'optional' };
    },
  }),
];

/** API Builder bodies are always sent; an OpenAPI body may say `required: false` (kept in the `openapi` attribute). */
function bodyRequired(body: Body): boolean {
  return !body.attributes.some((a) => a.name === 'openapi' && a.value.required === false);
}
