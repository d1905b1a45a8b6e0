import type { ErrorObject } from 'ajv';
import { type Diagnostic, pointer, pointerSegments } from '../diagnostic.js';

/**
 * Turns one Ajv error into a Canon diagnostic whose message names the element the way API Builder
 * users know (`Model[user] Field[id]`) and says what to do.
 */
export function diagnosticFromAjvError(error: ErrorObject, doc: unknown): Diagnostic {
  const at = error.instancePath;
  const where = describePath(doc, at);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      return {
        code: 'unknown-key',
        path: pointer(at, key),
        message:
          `Unrecognized element[${key}] in ${where}. Remove it or fix its spelling` +
          (allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '') +
          '; put extension data in "attributes".',
      };
    }
    case 'required': {
      const key = String((error.params as { missingProperty: string }).missingProperty);
      return {
        code: 'missing-key',
        path: at,
        message: `Missing ${key} in ${where}. Add "${key}" to it.`,
      };
    }
    default: {
      // A schema's `description` names what it expects in words; otherwise derive it from `type`.
      const described = (error.parentSchema as { description?: unknown } | undefined)?.description;
      const expected =
        typeof described === 'string'
          ? described
          : String((error.params as { type?: string | string[] }).type ?? 'valid')
              .split(',')
              .filter((t) => t !== 'null')
              .map(article)
              .join(' or ');
      return {
        code: 'invalid-value',
        path: at,
        message: `${capitalize(where)} must be ${expected}, not ${shown(error.data)}. Change its value.`,
      };
    }
  }
}

const LABELS: Readonly<Record<string, string>> = {
  models: 'Model',
  enums: 'Enum',
  unions: 'Union',
  interfaces: 'Interface',
  resources: 'Resource',
  annotations: 'Annotation',
  fields: 'Field',
  values: 'Value',
  types: 'Type',
  operations: 'Operation',
  parameters: 'Parameter',
  headers: 'Header',
  imports: 'Import',
  attributes: 'Attribute',
  responses: 'Response',
  templates: 'Template',
};

/** Own keys only: a key such as `constructor` in a spec is not a container. */
const labelOf = (key: string): string | undefined => (Object.hasOwn(LABELS, key) ? LABELS[key] : undefined);

/**
 * A readable name for the element at a JSON pointer, built from the document itself:
 * `/models/user/fields/0/required` → `Model[user] Field[id] element[required]`.
 */
export function describePath(doc: unknown, path: string): string {
  if (path === '') return 'the document root';
  const parts: string[] = [];
  let node: unknown = doc;
  let container: string | undefined;
  for (const segment of pointerSegments(path)) {
    const child: unknown = Array.isArray(node)
      ? node[Number(segment)]
      : typeof node === 'object' && node !== null && Object.hasOwn(node, segment)
        ? (node as Record<string, unknown>)[segment]
        : undefined;
    const label = container === undefined ? undefined : labelOf(container);
    if (label !== undefined) {
      parts.push(
        `${label}[${Array.isArray(node) ? elementName(child, segment, container === 'types') : segment}]`,
      );
      container = undefined;
    } else if (labelOf(segment) !== undefined && (Array.isArray(child) || isObject(child))) {
      container = segment;
    } else {
      parts.push(container === undefined ? `element[${segment}]` : `${container}[${segment}]`);
      container = undefined;
    }
    node = child;
  }
  if (container !== undefined) parts.push(`element[${container}]`);
  return parts.join(' ');
}

function elementName(element: unknown, index: string, byType: boolean): string {
  if (!isObject(element)) return index;
  const { name, type, method, path } = element as Record<string, unknown>;
  if (typeof name === 'string') return name;
  if (typeof method === 'string') return typeof path === 'string' ? `${method} ${path}` : method;
  if (byType && typeof type === 'string') return type;
  return index;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function shown(value: unknown): string {
  const type = jsonType(value);
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') {
    const text = JSON.stringify(value);
    return `${type} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
  }
  return article(type);
}

function article(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
