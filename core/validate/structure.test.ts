import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { apiJsonSchema } from '../schema/api-json-schema.js';
import { SCHEMA_HASH as API_JSON_HASH } from '../schema/api-json-validator.js';
import { serviceJsonSchema } from '../schema/service-json-schema.js';
import { SCHEMA_HASH as SERVICE_JSON_HASH } from '../schema/service-json-validator.js';
import { schemaHash } from '../schema/validator-options.js';
import { validateServiceJsonStructure, validateStructure } from './structure.js';

interface Case {
  description: string;
  doc: unknown;
  expected: [code: string, path: string][];
}

const field = { name: 'id', type: 'string' };

const apiJsonCases: Case[] = [
  { description: 'a minimal spec', doc: { name: 'x' }, expected: [] },
  {
    description: 'legacy and lenient forms API Builder accepts',
    doc: {
      name: 'x',
      apidoc: { version: '0.9.6' },
      $schema: 'https://example.com/schema',
      models: { user: { fields: [{ ...field, required: 'false', minimum: '1', default: { a: 1 } }] } },
    },
    expected: [],
  },
  { description: 'a top-level typo', doc: { name: 'x', modles: {} }, expected: [['unknown-key', '/modles']] },
  {
    description: 'unknown keys deep inside, each with its own pointer',
    doc: {
      name: 'x',
      models: { user: { fields: [{ ...field, nullable: true }], extends: 'base' } },
      resources: {
        user: { operations: [{ method: 'GET', responses: { 200: { type: 'user', schema: {} } } }] },
      },
    },
    expected: [
      ['unknown-key', '/models/user/extends'],
      ['unknown-key', '/models/user/fields/0/nullable'],
      ['unknown-key', '/resources/user/operations/0/responses/200/schema'],
    ],
  },
  {
    description: 'wrong JSON types',
    doc: { name: 42, models: { user: { fields: [{ ...field, required: 'yes', minimum: 1.5 }] } }, enums: [] },
    expected: [
      ['invalid-value', '/name'],
      ['invalid-value', '/enums'],
      ['invalid-value', '/models/user/fields/0/required'],
      ['invalid-value', '/models/user/fields/0/minimum'],
    ],
  },
  {
    description: 'missing required keys',
    doc: { info: { license: {} }, models: { user: { fields: [{ type: 'string' }] } } },
    expected: [
      ['missing-key', ''],
      ['missing-key', '/info/license'],
      ['missing-key', '/models/user/fields/0'],
    ],
  },
  {
    description: 'type, method and location problems are left to the parser (reported once)',
    doc: {
      name: 'x',
      models: { user: { fields: [{ name: 'id', type: 5 }] } },
      resources: { user: { operations: [{ path: '/' }] } },
    },
    expected: [],
  },
  { description: 'not an object: the parser says so', doc: [], expected: [] },
];

const serviceJsonCases: Case[] = [
  {
    description: 'extra keys, nulls and "info": [] as real exports have them',
    doc: {
      name: 'x',
      organization: { key: 'o' },
      application: { key: 'a' },
      namespace: 'o.a.v0',
      version: '1.0.0',
      info: [],
      base_url: null,
      generator_hints: {},
      models: [
        {
          name: 'user',
          fields: [{ name: 'id', type: 'string', required: true, description: null, minimum: null }],
        },
      ],
    },
    expected: [],
  },
  {
    description: 'missing identity keys and a field without a name',
    doc: { name: 'x', models: [{ name: 'user', fields: [{ type: 'string' }] }] },
    expected: [
      ['missing-key', ''],
      ['missing-key', ''],
      ['missing-key', ''],
      ['missing-key', ''],
      ['missing-key', '/models/0/fields/0'],
    ],
  },
  {
    description: 'wrong JSON types',
    doc: {
      name: 'x',
      organization: { key: 'o' },
      application: { key: 'a' },
      namespace: 'n',
      version: 1,
      models: {},
    },
    expected: [
      ['invalid-value', '/version'],
      ['invalid-value', '/models'],
    ],
  },
];

describe('validateStructure (api.json)', () => {
  it('validating loads no Ajv (its load and schema compile would cost every process)', () => {
    // A fresh process: the test runner may share this one with files that do load Ajv.
    const structure = JSON.stringify(new URL('./structure.js', import.meta.url).href);
    const script = `import { createRequire } from 'node:module';
import { validateServiceJsonStructure, validateStructure } from ${structure};
validateStructure({ name: 'x', oops: 1 });
validateServiceJsonStructure({ name: 'x' });
console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const loaded = JSON.parse(child.stdout) as string[];
    assert.deepEqual(
      loaded.filter((path) => /[\\/]node_modules[\\/]ajv[\\/]/.test(path)),
      [],
    );
  });

  it('the generated validators match their schemas (else run scripts/generate-validators.ts)', () => {
    assert.equal(API_JSON_HASH, schemaHash(apiJsonSchema));
    assert.equal(SERVICE_JSON_HASH, schemaHash(serviceJsonSchema));
  });

  for (const c of apiJsonCases) {
    it(c.description, () => {
      assert.deepEqual(
        validateStructure(c.doc).map((d) => [d.code, d.path]),
        c.expected,
      );
    });
  }

  it('messages name the element the way API Builder does and say what to do', () => {
    const [unknown, type, missing] = validateStructure({
      name: 'x',
      models: {
        user: {
          fields: [{ name: 'id', type: 'string', nullable: true, required: 'yes' }, { type: 'string' }],
        },
      },
    });
    assert.match(
      unknown?.message ?? '',
      /^Unrecognized element\[nullable\] in Model\[user\] Field\[id\]\. Remove it/,
    );
    assert.match(type?.message ?? '', /must be a boolean \(true or false\), not string "yes"/);
    assert.match(missing?.message ?? '', /^Missing name in Model\[user\] Field\[1\]\. Add "name"/);
  });
});

describe('validateServiceJsonStructure', () => {
  for (const c of serviceJsonCases) {
    it(c.description, () => {
      assert.deepEqual(
        validateServiceJsonStructure(c.doc).map((d) => [d.code, d.path]),
        c.expected,
      );
    });
  }
});
