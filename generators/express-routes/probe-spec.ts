/**
 * An api.json that touches every parameter location and type the routes support, for the
 * behaviour tests (kept as a module so tsc ships it with the tests).
 */
export const PROBE_SPEC = {
  name: 'probe',
  enums: { color: { values: [{ name: 'red' }, { name: 'green' }] } },
  models: {
    item: {
      fields: [
        { name: 'id', type: 'long' },
        { name: 'name', type: 'string', minimum: 1, maximum: 10 },
        { name: 'color', type: 'color', default: 'red' },
        { name: 'tags', type: '[string]', required: false, maximum: 3 },
        { name: 'price', type: 'decimal', minimum: 0 },
        { name: 'ref', type: 'uuid', required: false },
        { name: 'parts', type: '[part]', required: false },
      ],
    },
    part: { fields: [{ name: 'sku', type: 'string', minimum: 1 }] },
    conflict: {
      fields: [
        { name: 'code', type: 'string' },
        { name: 'existing_id', type: 'long' },
      ],
    },
  },
  resources: {
    item: {
      operations: [
        {
          method: 'GET',
          path: '/:id',
          parameters: [{ name: 'id', type: 'long', minimum: 1 }],
          responses: { '200': { type: 'item' }, '404': { type: 'unit' } },
        },
        { method: 'GET', path: '/boom', responses: { '200': { type: 'item' } } },
        {
          method: 'GET',
          parameters: [
            { name: 'color', type: 'color', required: false },
            { name: 'tags', type: '[string]', required: false },
            { name: 'limit', type: 'integer', default: 10, minimum: 1, maximum: 100 },
            { name: 'active', type: 'boolean', required: false },
            { name: 'since', type: 'date-iso8601', required: false },
            { name: 'ratio', type: 'double', required: false },
            { name: 'ref', type: 'uuid', required: false },
            { name: 'X-Request-Id', type: 'string', location: 'Header' },
          ],
          responses: { '200': { type: '[item]' } },
        },
        {
          method: 'POST',
          path: '/:id/notes',
          parameters: [
            { name: 'id', type: 'long' },
            { name: 'note', type: 'string', location: 'Form', minimum: 1 },
            { name: 'urgent', type: 'boolean', location: 'Form', required: false },
          ],
          responses: { '204': { type: 'unit' } },
        },
        {
          method: 'PUT',
          path: '/:id',
          parameters: [{ name: 'id', type: 'long' }],
          body: { type: 'item' },
          responses: { '200': { type: 'item' }, '422': { type: '[conflict]' } },
        },
        {
          method: 'POST',
          body: { type: 'item' },
          responses: { '201': { type: 'item' }, '409': { type: 'conflict' } },
        },
      ],
    },
  },
} as const;
