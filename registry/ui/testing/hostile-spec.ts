import type { Service } from '../../../core/ir.js';

/**
 * Text that would run script, add elements or break out of an attribute or a style block if a
 * page spliced it raw; each payload sets `window.__pwned` or opens a dialog when it runs.
 */
export const HOSTILE = `"'><script>window.__pwned=1</script><img src=x onerror="alert(1)"></style><b onmouseover=alert(2)>x</b>\u2028\u2029\`\${alert(3)}\``;

/**
 * An api.json document with hostile text wherever the registry's validation lets free text
 * through: the service name, every description, header and parameter names, paths, defaults,
 * examples, enum wire values, deprecations, contact and license (with `javascript:` URLs).
 * Type and field names must be identifiers, so they stay plain here; `hostileService` covers them.
 */
export function hostileApiJson(): string {
  const X = HOSTILE;
  return JSON.stringify({
    name: `Evil ${X}`,
    description: `About ${X} \`code ${X}\``,
    info: {
      contact: { name: `Contact ${X}`, url: 'javascript:alert(4)', email: `mail${X}` },
      license: { name: `License ${X}`, url: 'javascript:alert(5)' },
    },
    base_url: `javascript:alert(6)${X}`,
    headers: [{ name: `X-Evil${X}`, type: 'string', required: false, description: X }],
    annotations: { personal_data: { description: X } },
    enums: { status: { description: X, values: [{ name: 'on', value: `on${X}`, description: X }] } },
    models: {
      user: {
        description: X,
        fields: [
          {
            name: 'name',
            type: 'string',
            description: X,
            example: X,
            default: X,
            annotations: ['personal_data'],
            deprecation: { description: X },
          },
          { name: 'status', type: 'status', required: false, description: X },
        ],
      },
    },
    unions: { thing: { description: X, discriminator: 'kind', types: [{ type: 'user', description: X }] } },
    resources: {
      user: {
        description: X,
        operations: [
          {
            method: 'GET',
            path: `/items${X}`,
            description: X,
            parameters: [
              {
                name: `q${X}`,
                type: 'string',
                location: 'query',
                required: false,
                description: X,
                example: X,
              },
            ],
            responses: { 200: { type: 'user', description: X } },
          },
        ],
      },
    },
  });
}

/** A normalized service (the IR, never validated) with hostile text in every name too. */
export function hostileService(): Service {
  const X = HOSTILE;
  const named = { kind: 'model', name: `user${X}`, namespace: `ns${X}` } as const;
  return {
    name: `Evil ${X}`,
    organization: { key: 'evil' },
    application: { key: 'evil' },
    namespace: `ns${X}`,
    version: '1.0.0',
    info: {
      contact: { name: X, url: 'javascript:alert(7)' },
      license: { name: X, url: `javascript:alert(8)` },
    },
    baseUrl: X,
    description: X,
    headers: [
      {
        name: X,
        type: { kind: 'primitive', name: 'string' },
        required: true,
        default: X,
        description: X,
        attributes: [],
      },
    ],
    imports: [
      {
        uri: X,
        namespace: `other${X}`,
        organization: { key: `org${X}` },
        application: { key: `app${X}` },
        version: X,
        enums: [],
        interfaces: [],
        unions: [],
        models: [X],
        annotations: [],
      },
    ],
    enums: [
      {
        name: X,
        plural: X,
        description: X,
        values: [{ name: X, value: X, description: X, attributes: [] }],
        attributes: [],
      },
    ],
    interfaces: [{ name: X, plural: X, description: X, fields: [], attributes: [] }],
    models: [
      {
        name: `user${X}`,
        plural: X,
        description: X,
        deprecation: { description: X },
        interfaces: [X],
        fields: [
          {
            name: X,
            type: named,
            required: true,
            default: X,
            example: X,
            description: X,
            annotations: [X, 'personal_data'],
            attributes: [],
          },
          {
            name: `imp${X}`,
            type: { kind: 'model', name: X, namespace: `other${X}` },
            required: false,
            annotations: [],
            attributes: [],
          },
          {
            name: `unk${X}`,
            type: { kind: 'unknown', name: X },
            required: false,
            annotations: [],
            attributes: [],
          },
        ],
        attributes: [],
      },
    ],
    unions: [
      {
        name: X,
        plural: X,
        discriminator: X,
        description: X,
        types: [{ type: named, discriminatorValue: X, default: true, description: X, attributes: [] }],
        interfaces: [],
        attributes: [],
      },
    ],
    resources: [
      {
        type: named,
        plural: X,
        path: X,
        description: X,
        operations: [
          {
            method: 'POST',
            path: `/${X}`,
            operationId: X,
            description: X,
            body: { type: named, description: X, attributes: [] },
            parameters: [
              {
                name: X,
                type: named,
                location: 'query',
                required: false,
                default: X,
                example: X,
                description: X,
                attributes: [],
              },
            ],
            responses: [
              {
                code: 200,
                type: named,
                headers: [{ name: X, type: named, required: false, attributes: [] }],
                description: X,
                attributes: [],
              },
            ],
            attributes: [],
          },
        ],
        attributes: [],
      },
    ],
    annotations: [{ name: X, description: X }],
    attributes: [],
  };
}
