import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyValidator, createAjv, paramsValidator } from './express-routes.js';

const SCHEMAS = {
  $defs: {
    user: {
      type: 'object',
      properties: { email: { type: 'string', minLength: 3 } },
      required: ['email'],
    },
  },
};

test('validators compile on first use by default and report the errors of each call', () => {
  const ajv = createAjv(SCHEMAS);
  // A $ref to nothing: compiling it throws, so a validator made without compiling does not.
  const broken = bodyValidator(ajv, { $ref: 'canon#/$defs/missing' });
  assert.throws(() => broken({}), /can't resolve reference/);

  const user = bodyValidator(ajv, { $ref: 'canon#/$defs/user' });
  assert.equal(user({ email: 'a' }), false);
  assert.deepEqual(
    user.errors?.map((e) => [e.instancePath, e.keyword]),
    [['/email', 'minLength']],
  );
  assert.equal(user({ email: 'ann@example.com' }), true);
  assert.equal(user.errors, null, 'a valid call clears the last errors');
});

test("compileValidators: 'start' compiles each validator when it is made", () => {
  const ajv = createAjv(SCHEMAS, { compileValidators: 'start' });
  assert.throws(() => bodyValidator(ajv, { $ref: 'canon#/$defs/missing' }), /can't resolve reference/);
  assert.equal(bodyValidator(ajv, { $ref: 'canon#/$defs/user' })({ email: 'ann@example.com' }), true);
});

test('parameter validators coerce query text, sharing one coercing Ajv per router', () => {
  const ajv = createAjv(SCHEMAS);
  const schema = {
    type: 'object',
    properties: { created: { type: 'object', properties: { gte: { type: 'integer' } } } },
  };
  const first = paramsValidator(ajv, schema);
  const second = paramsValidator(ajv, {
    type: 'object',
    properties: { user: { $ref: 'canon#/$defs/user' } },
  });
  const params = { created: { gte: '1700000000' } };
  assert.equal(first(params), true);
  assert.deepEqual(params, { created: { gte: 1700000000 } });
  assert.equal(second({ user: { email: 'ann@example.com' } }), true);
  assert.equal(second({ user: {} }), false);
  assert.equal(second.errors?.[0]?.keyword, 'required');
});
