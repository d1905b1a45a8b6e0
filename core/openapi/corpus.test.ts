import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusPath } from '../../test/paths.js';
import { isError } from '../diagnostic.js';
import { diff } from '../diff/index.js';
import type { Service } from '../ir.js';
import { exportOpenApi } from './export.js';
import { importOpenApi } from './import.js';
import { openApi31Errors } from './testing.js';

/** The real documents of fixtures/corpus/openapi and what they hold (counted from the documents). */
const CORPUS = [
  { file: 'github-api.json', operations: 874 },
  { file: 'stripe-spec3.json', operations: 417 },
  { file: 'twilio_api_v2010.json', operations: 197 },
  { file: 'k8s-swagger2.json', operations: 1123 },
  { file: 'k8s-oas3.json', operations: 1123 },
];

const operationCount = (s: Service) => s.resources.reduce((n, r) => n + r.operations.length, 0);
const plain = (s: Service) => JSON.parse(JSON.stringify(s)) as unknown;

describe('real OpenAPI documents', () => {
  for (const { file, operations } of CORPUS) {
    it(`${file} imports without errors, every warning with a pointer; its own export re-imports to the same IR and diffs clean`, () => {
      const source = JSON.parse(readFileSync(corpusPath('openapi', file), 'utf8')) as unknown;
      const first = importOpenApi(source, { file });
      assert.deepEqual(first.diagnostics.filter(isError), []);
      assert.equal(operationCount(first.service), operations);
      for (const d of first.diagnostics) assert.match(d.path, /^(\/|$)/, `${d.code} has a JSON pointer`);

      const exported = JSON.parse(JSON.stringify(exportOpenApi(first.service, []))) as unknown;
      assert.deepEqual(openApi31Errors(exported).slice(0, 5), []);
      const second = importOpenApi(exported, {});
      assert.deepEqual(second.diagnostics, []);
      assert.deepEqual(plain(second.service), plain(first.service));
      assert.deepEqual(diff(first.service, second.service), []);
    });
  }

  it('GitHub: $ref keys inside example payloads stay data', () => {
    const text = readFileSync(corpusPath('openapi', 'github-api.json'), 'utf8');
    assert.ok(
      text.includes('"$ref": "https://api.github.com/scim/v2/'),
      'the document has $ref keys in examples',
    );
    const { diagnostics } = importOpenApi(JSON.parse(text) as unknown, {});
    assert.equal(diagnostics.filter((d) => d.code.endsWith('-ref')).length, 0);
  });

  it('diff between two OpenAPI documents finds the change made', () => {
    const source = JSON.parse(readFileSync(corpusPath('openapi', 'twilio_api_v2010.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const before = importOpenApi(source, {}).service;
    const changed = structuredClone(source) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const [name, schema] = Object.entries(changed.components.schemas).find(
      ([, s]) => s.properties && Object.keys(s.properties).length > 1,
    )!;
    const removed = Object.keys(schema.properties)[0]!;
    delete schema.properties[removed];
    const after = importOpenApi(changed, {}).service;
    const changes = diff(before, after);
    assert.ok(
      changes.some((c) => c.path.includes(name) && c.path.includes(removed)),
      `a change for ${name}.${removed} among ${changes.map((c) => c.path).join(', ')}`,
    );
  });
});
