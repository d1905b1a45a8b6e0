import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { repoPath } from '../../test/paths.js';
import { generator as routesGenerator } from '../express-routes/index.js';
import {
  clientRuntimeFile,
  eventsRuntimeFiles,
  expressRoutesRuntimeFile,
  mockClientRuntimeFile,
} from '../shared/index.js';
import { typeCheck } from '../testing/compile.js';
import { eventsTypeOptions } from '../testing/events.js';
import { peopleService } from '../testing/sample-services.js';
import { generator as clientGenerator } from '../typescript-client/index.js';
import { generator as mockGenerator } from '../typescript-mock-client/index.js';

const runtimes = [
  { file: clientRuntimeFile(), source: 'generators/runtime/client.ts' },
  { file: mockClientRuntimeFile(), source: 'generators/runtime/mock-client.ts' },
  { file: expressRoutesRuntimeFile(), source: 'generators/runtime/express-routes.ts' },
  ...eventsRuntimeFiles().map((file) => ({ file, source: `generators/runtime/${file.path.split('/')[1]}` })),
];

test('each emitted runtime module is its source under generators/runtime/, after a fixed header', () => {
  for (const { file, source } of runtimes) {
    const text = readFileSync(repoPath(source), 'utf8');
    assert.ok(file.contents.endsWith(`*/\n${text}`), `${file.path} is not ${source} verbatim`);
    assert.ok(file.path.startsWith('canon-runtime/'), file.path);
  }
});

test('the client and the mock client emit the same client runtime, and no generated module copies it', () => {
  const input = { service: peopleService, imports: [], options: {} };
  const byPath = new Map<string, string[]>();
  const generated = [
    ...clientGenerator.generate(input),
    ...mockGenerator.generate(input),
    ...routesGenerator.generate({ ...input, options: { scaffolding: false } }),
  ];
  for (const file of generated) byPath.set(file.path, [...(byPath.get(file.path) ?? []), file.contents]);
  const clientRuntime = byPath.get('canon-runtime/client.ts') ?? [];
  assert.equal(clientRuntime.length, 2);
  assert.equal(clientRuntime[0], clientRuntime[1]);
  for (const file of generated.filter((f) => !f.path.startsWith('canon-runtime/'))) {
    for (const definition of ['function createTransport', 'class MockEngine', 'function readParams'])
      assert.ok(!file.contents.includes(definition), `${file.path} repeats the runtime (${definition})`);
  }
});

test('the runtime modules compile on their own under the options generated code must meet', () => {
  const files = runtimes.map((r) => r.file);
  assert.deepEqual(typeCheck(new Map([['runtime', files]]), eventsTypeOptions()).errors, []);
});
