import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkProject } from '../../test/native-tsc.js';
import { repoPath } from '../../test/paths.js';
import { runCanon } from '../../test/run-canon.js';

const SPEC = {
  name: 'people',
  enums: { user_status: { values: [{ name: 'active' }, { name: 'blocked' }] } },
  models: {
    user: {
      fields: [
        { name: 'id', type: 'uuid' },
        { name: 'name', type: 'string' },
        { name: 'status', type: 'user_status' },
      ],
    },
    user_form: { fields: [{ name: 'name', type: 'string' }] },
  },
  resources: {
    user: {
      operations: [
        { method: 'GET', path: '/:id', responses: { '200': { type: 'user' }, '404': { type: 'unit' } } },
        { method: 'POST', body: { type: 'user_form' }, responses: { '201': { type: 'user' } } },
      ],
    },
  },
};

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'canon-generate-'));
  writeFileSync(join(dir, 'api.json'), JSON.stringify(SPEC, null, 2));
  writeFileSync(join(dir, 'canon.config.json'), '{}\n');
  return dir;
}

/** `canon <args>` in `cwd`, in this process (see test/run-canon.ts). */
async function canon(cwd: string, ...args: string[]) {
  const result = await runCanon(args, cwd);
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** A project with specs/examples/user.json, whose `user` model has a `db` attribute (a DAO). */
function userProject(): { dir: string; spec: { models: { user: { attributes: { name: string }[] } } } } {
  const dir = mkdtempSync(join(tmpdir(), 'canon-generate-'));
  const spec = JSON.parse(readFileSync(repoPath('specs', 'examples', 'user.json'), 'utf8'));
  writeFileSync(join(dir, 'user.json'), JSON.stringify(spec));
  writeFileSync(join(dir, 'canon.config.json'), '{}\n');
  return { dir, spec };
}

const DAO = ['generate', 'user.json', '-g', 'sqlite-dao,typescript-types', '-o', 'gen'];

/** The user model loses its `db` attribute: its DAO is no longer generated. */
function dropTable(dir: string, spec: ReturnType<typeof userProject>['spec']): void {
  const user = spec.models.user;
  user.attributes = user.attributes.filter((a) => a.name !== 'db');
  writeFileSync(join(dir, 'user.json'), JSON.stringify(spec));
}

test('generate deletes the files its generators no longer make, and nothing else', async () => {
  const { dir, spec } = userProject();
  assert.equal((await canon(dir, ...DAO)).code, 0);
  assert.ok(existsSync(join(dir, 'gen', 'users-dao.ts')));
  const manifest = JSON.parse(readFileSync(join(dir, 'gen', '.canon-generated.json'), 'utf8'));
  assert.equal(manifest.files['users-dao.ts'].generator, 'sqlite-dao');
  // Written by hand; another run's output in the same directory; a run's output one directory down.
  writeFileSync(join(dir, 'gen', 'notes.ts'), readFileSync(join(dir, 'gen', 'users-dao.ts'), 'utf8'));
  assert.equal((await canon(dir, 'generate', 'user.json', '-g', 'typescript-client', '-o', 'gen')).code, 0);
  assert.equal((await canon(dir, 'generate', 'user.json', '-g', 'sqlite-dao', '-o', 'gen/nested')).code, 0);

  dropTable(dir, spec);
  const check = await canon(dir, ...DAO, '--check');
  assert.equal(check.code, 1);
  assert.match(check.err, /no longer generated: .*users-dao\.ts/);
  assert.match(check.out, /^--- a\/gen\/users-dao\.ts\s+on disk/m);
  assert.ok(existsSync(join(dir, 'gen', 'users-dao.ts')), '--check deletes nothing');

  const second = await canon(dir, ...DAO);
  assert.equal(second.code, 0, second.err);
  // The journal relay of the table goes with its DAO.
  assert.match(
    second.out,
    /4 no longer generated, deleted: relay-runtime\.ts, relay\.ts, users-dao\.ts, users-relay\.ts\)/,
  );
  assert.ok(!existsSync(join(dir, 'gen', 'users-dao.ts')));
  for (const kept of ['notes.ts', 'client.ts', 'nested/users-dao.ts'])
    assert.ok(existsSync(join(dir, 'gen', kept)), kept);
  assert.equal((await canon(dir, ...DAO, '--check')).code, 0);
  // The client's run still lists its file: it is not the DAO run's to delete.
  assert.equal(
    (await canon(dir, 'generate', 'user.json', '-g', 'typescript-client', '-o', 'gen', '--check')).code,
    0,
  );
});

test('generate keeps a file that is no longer generated but was edited, and says so', async () => {
  const { dir, spec } = userProject();
  assert.equal((await canon(dir, ...DAO)).code, 0);
  writeFileSync(join(dir, 'gen', 'users-dao.ts'), '// my own now\n', { flag: 'a' });
  dropTable(dir, spec);
  const run = await canon(dir, ...DAO);
  assert.equal(run.code, 0, run.err);
  assert.match(
    run.err,
    /kept gen\/users-dao\.ts, which is no longer generated: it was edited since it was generated/,
  );
  assert.ok(existsSync(join(dir, 'gen', 'users-dao.ts')));
  // It is no longer listed, so it is not the generator's any more.
  assert.equal((await canon(dir, ...DAO, '--check')).code, 0);
});

test('--check asks for the manifest of a directory generated without one', async () => {
  const dir = project();
  assert.equal((await canon(dir, 'generate', 'api.json', '-g', 'typescript-types', '-o', 'gen')).code, 0);
  rmSync(join(dir, 'gen', '.canon-generated.json'));
  const run = await canon(dir, 'generate', 'api.json', '-g', 'typescript-types', '-o', 'gen', '--check');
  assert.equal(run.code, 1);
  assert.match(run.err, /stale, missing or no longer generated: \.canon-generated\.json/);
});

test('generate writes the files, --check passes, then reports a stale file with a unified diff', async () => {
  const dir = project();
  const first = await canon(dir, 'generate', 'api.json', '-g', 'typescript-mock-client', '-o', 'gen');
  assert.equal(first.code, 0, first.err);
  for (const file of ['types.ts', 'client.ts', 'mock-client.ts'])
    assert.ok(existsSync(join(dir, 'gen', file)), file);
  assert.match(first.out, /wrote 5 files to gen/);

  const fresh = await canon(
    dir,
    'generate',
    'api.json',
    '-g',
    'typescript-mock-client',
    '-o',
    'gen',
    '--check',
  );
  assert.equal(fresh.code, 0, fresh.err);
  assert.match(fresh.out, /up to date/);

  const client = join(dir, 'gen', 'client.ts');
  writeFileSync(
    client,
    readFileSync(client, 'utf8').replace('export function createClient', 'export function createClientX'),
  );
  const stale = await canon(
    dir,
    'generate',
    'api.json',
    '-g',
    'typescript-mock-client',
    '-o',
    'gen',
    '--check',
  );
  assert.equal(stale.code, 1);
  assert.match(stale.out, /^--- a\/gen\/client\.ts/m);
  assert.match(stale.out, /^-export function createClientX/m);
  assert.match(stale.out, /^\+export function createClient\(/m);
  assert.match(stale.err, /client\.ts/);
  assert.match(readFileSync(client, 'utf8'), /createClientX/, '--check writes nothing');

  const again = await canon(dir, 'generate', 'api.json', '-g', 'typescript-mock-client', '-o', 'gen');
  assert.match(again.out, /wrote 1 file to gen \(4 unchanged\)/);
});

test('usage errors exit 2, an invalid spec exits 1', async () => {
  const dir = project();
  assert.equal((await canon(dir, 'generate', 'api.json', '-g', 'nope', '-o', 'gen')).code, 2);
  assert.match(
    (await canon(dir, 'generate', 'api.json', '-g', 'nope', '-o', 'gen')).err,
    /unknown generator 'nope'/,
  );
  assert.equal((await canon(dir, 'generate', 'api.json', '-o', 'gen')).code, 2);
  assert.equal((await canon(dir, 'generate', 'missing.json', '-g', 'typescript-types', '-o', 'gen')).code, 2);
  writeFileSync(
    join(dir, 'bad.json'),
    JSON.stringify({ name: 'bad', models: { user: { fields: [{ name: 'x', type: 'nothing' }] } } }),
  );
  const invalid = await canon(dir, 'generate', 'bad.json', '-g', 'typescript-types', '-o', 'gen');
  assert.equal(invalid.code, 1);
  assert.match(invalid.err, /nothing generated/);
});

test('third-party generators from canon.config.json run after their dependencies; scaffolding is written once', async () => {
  const dir = project();
  mkdirSync(join(dir, 'tools'));
  writeFileSync(
    join(dir, 'tools', 'readme-generator.mjs'),
    `export const generator = {
  name: 'readme',
  description: 'A README the user then owns',
  options: { defaults: { title: 'API' }, schema: { type: 'object', properties: { title: { type: 'string' } } } },
  dependencies: ['typescript-types'],
  generate: ({ service, options }) => [{ path: 'README.md', contents: '# ' + options.title + ' ' + service.name + '\\n', scaffolding: true }],
};
`,
  );
  writeFileSync(
    join(dir, 'canon.config.json'),
    JSON.stringify({
      generators: ['./tools/readme-generator.mjs'],
      generatorOptions: { readme: { title: 'The' } },
    }),
  );
  const listed = await canon(dir, 'generators');
  assert.equal(listed.code, 0, listed.err);
  assert.match(
    listed.out,
    /^readme\s+A README the user then owns \(uses typescript-types\) \[canon\.config\.json\]$/m,
  );

  assert.equal((await canon(dir, 'generate', 'api.json', '-g', 'readme', '-o', 'gen')).code, 0);
  assert.equal(readFileSync(join(dir, 'gen', 'README.md'), 'utf8'), '# The people\n');
  assert.ok(existsSync(join(dir, 'gen', 'types.ts')), 'the dependency ran too');
  writeFileSync(join(dir, 'gen', 'README.md'), 'mine now\n');
  const rerun = await canon(dir, 'generate', 'api.json', '-g', 'readme', '-o', 'gen');
  assert.match(rerun.out, /1 scaffolding kept/);
  assert.equal(readFileSync(join(dir, 'gen', 'README.md'), 'utf8'), 'mine now\n');
  assert.equal((await canon(dir, 'generate', 'api.json', '-g', 'readme', '-o', 'gen', '--check')).code, 0);

  writeFileSync(
    join(dir, 'canon.config.json'),
    JSON.stringify({
      generators: ['./tools/readme-generator.mjs'],
      generatorOptions: { readme: { title: 3 } },
    }),
  );
  const badOptions = await canon(dir, 'generate', 'api.json', '-g', 'readme', '-o', 'gen');
  assert.equal(badOptions.code, 2);
  assert.match(badOptions.err, /generatorOptions\.readme\.title: must be string/);
});

test('--package builds a package for ESM and CommonJS consumers, named from the organization', async () => {
  const dir = project();
  writeFileSync(join(dir, 'api.json'), JSON.stringify({ ...SPEC, base_url: 'http://api.test' }, null, 2));
  writeFileSync(join(dir, 'canon.config.json'), '{ "organization": { "key": "acme" } }\n');
  const generate = ['generate', 'api.json', '-g', 'typescript-mock-client', '-o', 'pkg', '--package'];
  const built = await canon(dir, ...generate, '--package-version', '1.0.0');
  assert.equal(built.code, 0, built.err);
  const manifest = JSON.parse(readFileSync(join(dir, 'pkg', 'package.json'), 'utf8'));
  assert.equal(manifest.name, '@acme/people-client');
  assert.equal(manifest.version, '1.0.0');
  assert.deepEqual(manifest.exports['.'], {
    require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
    default: { types: './dist/esm/index.d.ts', default: './dist/esm/index.js' },
  });
  assert.equal(
    (await canon(dir, ...generate, '--package-version', '1.0.0', '--check')).code,
    0,
    'deterministic',
  );
  // A name from canon.config.json, used when --package-name is not given.
  const sub = join(dir, 'configured');
  mkdirSync(sub);
  writeFileSync(join(sub, 'canon.config.json'), '{ "package": { "name": "@acme/people" } }\n');
  const named = await canon(
    sub,
    'generate',
    '../api.json',
    '-g',
    'typescript-client',
    '-o',
    'pkg',
    '--package',
  );
  assert.equal(named.code, 0, named.err);
  assert.equal(JSON.parse(readFileSync(join(sub, 'pkg', 'package.json'), 'utf8')).name, '@acme/people');

  const pack = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], {
    cwd: join(dir, 'pkg'),
    encoding: 'utf8',
  });
  assert.equal(pack.status, 0, pack.stderr);
  const tarball = join(dir, pack.stdout.trim().split('\n').pop()!);

  const fetchStub = `async (url, init) => {
  calls.push(init.method + ' ' + url);
  return url.endsWith('/users/missing') ? new Response('', { status: 404 }) : Response.json({ id: 'u1', name: 'Ada', status: 'active' });
}`;
  // An ES module project, and what `npm init -y` makes: "type": "commonjs".
  const consumers = [
    {
      type: 'module',
      main: `import { createClient, ResponseError, types } from '@acme/people-client';
import { MockClient } from '@acme/people-client/mock-client';`,
    },
    {
      type: 'commonjs',
      main: `const { createClient, ResponseError, types } = require('@acme/people-client');
const { MockClient } = require('@acme/people-client/mock-client');`,
    },
  ];
  // One install for both: the CommonJS consumer is a package of its own inside the ES module
  // one, and Node resolves the tarball's package for it from the same node_modules.
  const installed = mkdtempSync(join(tmpdir(), 'canon-consumer-'));
  writeFileSync(
    join(installed, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: installed,
    encoding: 'utf8',
  });
  assert.equal(install.status, 0, install.stderr);
  for (const { type, main } of consumers) {
    const consumer = type === 'module' ? installed : join(installed, 'cjs');
    if (type !== 'module') {
      mkdirSync(consumer);
      writeFileSync(
        join(consumer, 'package.json'),
        JSON.stringify({ name: 'cjs-consumer', private: true, type }),
      );
    }
    writeFileSync(
      join(consumer, 'main.js'),
      `${main}
const calls = [];
(async () => {
  const client = createClient({ fetch: ${fetchStub} });
  const user = await client.users.getById({ id: 'u1' });
  let status;
  try { await client.users.getById({ id: 'missing' }); } catch (error) { status = error instanceof ResponseError ? error.status : 'other'; }
  const mock = new MockClient({ store: true });
  const created = await mock.users.post({ name: 'Bea' });
  console.log(JSON.stringify({ user: user.name, status, calls, values: types.userStatusValues, created: created.name }));
})();
`,
    );
    const run = spawnSync(process.execPath, ['main.js'], { cwd: consumer, encoding: 'utf8' });
    assert.equal(run.status, 0, `${type}: ${run.stderr}`);
    assert.deepEqual(JSON.parse(run.stdout), {
      user: 'Ada',
      status: 404,
      calls: ['GET http://api.test/users/u1', 'GET http://api.test/users/missing'],
      values: ['active', 'blocked'],
      created: 'Bea',
    });
  }
  // A strict TypeScript consumer with skipLibCheck off: the spec's declarations carry
  // `@ts-nocheck` (checked when the package was built), the runtime's do not, and the consumer's
  // own mistakes against them are still errors.
  const declarations = join(installed, 'node_modules', '@acme', 'people-client', 'dist', 'esm');
  for (const file of ['client.d.ts', 'types.d.ts', 'mock-client.d.ts', 'index.d.ts']) {
    assert.match(readFileSync(join(declarations, file), 'utf8'), /^\/\/ @ts-nocheck /, file);
  }
  assert.doesNotMatch(
    readFileSync(join(declarations, 'canon-runtime', 'client.d.ts'), 'utf8'),
    /@ts-nocheck/,
  );
  writeFileSync(
    join(installed, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        types: [],
        noEmit: true,
      },
      files: ['typed.ts'],
    }),
  );
  writeFileSync(
    join(installed, 'typed.ts'),
    `import { createClient, type types } from '@acme/people-client';
const client = createClient();
export async function name(id: string): Promise<string> {
  const user: types.User = await client.users.getById({ id });
  return user.name;
}
export const wrong = () => client.users.getById({ id: 7 });
export const status: types.UserStatus = 'gone';
`,
  );
  const errors = checkProject('tsconfig.json', installed);
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(errors[0]!, /^typed\.ts:7:.* Type 'number' is not assignable to type 'string'/);
  assert.match(errors[1]!, /^typed\.ts:8:.* Type '"gone"' is not assignable to type 'UserStatus'/);
  rmSync(installed, { recursive: true, force: true });
});

test('a generator that throws or writes outside --out is reported by name, exit 2', async () => {
  const dir = project();
  mkdirSync(join(dir, 'tools'));
  const gen = (name: string, body: string) =>
    `export const generator = { name: '${name}', description: 'x', options: { defaults: {}, schema: {} }, generate: () => { ${body} } };\n`;
  writeFileSync(join(dir, 'tools', 'boom.mjs'), gen('boom', "throw new Error('no luck');"));
  writeFileSync(
    join(dir, 'tools', 'escape.mjs'),
    gen('escape', "return [{ path: '../outside.txt', contents: 'x' }];"),
  );
  writeFileSync(
    join(dir, 'canon.config.json'),
    JSON.stringify({ generators: ['./tools/boom.mjs', './tools/escape.mjs'] }),
  );
  const boom = await canon(dir, 'generate', 'api.json', '-g', 'boom', '-o', 'gen');
  assert.equal(boom.code, 2);
  assert.match(boom.err, /generator 'boom' failed: no luck/);
  const escaped = await canon(dir, 'generate', 'api.json', '-g', 'escape', '-o', 'gen');
  assert.equal(escaped.code, 2);
  assert.match(escaped.err, /generator 'escape' emitted the unsafe path '\.\.\/outside\.txt'/);
  assert.ok(!existsSync(join(dir, 'outside.txt')));
});

test('imported services get their own types module, imported from the main one; the whole output compiles', async () => {
  const dir = project();
  const common = {
    name: 'common',
    namespace: 'acme.common.v0',
    enums: { currency: { values: [{ name: 'EUR' }, { name: 'USD' }] } },
    models: {
      money: {
        fields: [
          { name: 'amount', type: 'decimal' },
          { name: 'currency', type: 'currency' },
        ],
      },
    },
  };
  const orders = {
    name: 'orders',
    namespace: 'acme.orders.v0',
    imports: [{ uri: 'https://specs.test/common/service.json' }],
    models: {
      order: {
        fields: [
          { name: 'id', type: 'string' },
          { name: 'total', type: 'acme.common.v0.models.money' },
        ],
      },
    },
    resources: {
      order: { operations: [{ method: 'GET', path: '/:id', responses: { '200': { type: 'order' } } }] },
    },
  };
  writeFileSync(join(dir, 'common.json'), JSON.stringify(common));
  writeFileSync(join(dir, 'orders.json'), JSON.stringify(orders));
  writeFileSync(
    join(dir, 'canon.config.json'),
    JSON.stringify({ imports: { 'https://specs.test/common/service.json': 'common.json' } }),
  );
  const result = await canon(dir, 'generate', 'orders.json', '-g', 'typescript-mock-client', '-o', 'gen');
  assert.equal(result.code, 0, result.err);
  const types = readFileSync(join(dir, 'gen', 'types.ts'), 'utf8');
  assert.match(types, /^import type \* as ns_acme_common_v0 from '\.\/imports\/acme\.common\.v0\.js';$/m);
  assert.match(types, /total: ns_acme_common_v0\.Money;/);
  assert.match(
    readFileSync(join(dir, 'gen', 'imports', 'acme.common.v0.ts'), 'utf8'),
    /export type Currency = 'EUR' \| 'USD';/,
  );
  const { typeCheck } = await import('../../generators/testing/compile.js');
  const files = [
    'types.ts',
    'client.ts',
    'mock-client.ts',
    'imports/acme.common.v0.ts',
    'canon-runtime/client.ts',
    'canon-runtime/mock-client.ts',
  ].map((path) => ({
    path,
    contents: readFileSync(join(dir, 'gen', path), 'utf8'),
  }));
  assert.deepEqual(typeCheck(new Map([['orders', files]])).errors, []);
});

/** An OpenAPI document with lossy constructs: a tuple, oneOf next to properties, a per-operation server. */
const LOSSY = {
  openapi: '3.0.3',
  info: { title: 'lossy', version: '1.0.0' },
  paths: {
    '/points': {
      get: {
        operationId: 'getPoints',
        servers: [{ url: 'https://elsewhere.example.com' }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/point' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      point: {
        type: 'object',
        properties: {
          xy: { type: 'array', items: [{ type: 'number' }, { type: 'number' }] },
          a: { type: 'string' },
          b: { type: 'string' },
        },
        oneOf: [{ required: ['a'] }, { required: ['b'] }],
      },
    },
  },
};

test('an OpenAPI import summarizes its lossy constructs; generated code says so where each is', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-generate-'));
  writeFileSync(join(dir, 'lossy.json'), JSON.stringify(LOSSY, null, 2));
  writeFileSync(join(dir, 'canon.config.json'), '{}\n');
  const run = await canon(dir, 'generate', 'lossy.json', '-g', 'typescript-client', '-o', 'out');
  assert.equal(run.code, 0, run.err);
  const [first, ...rest] = run.err.trimEnd().split('\n');
  assert.equal(
    first,
    'lossy.json: 3 warnings (union-in-model ×1, tuple-items ×1, operation-servers ×1); generated code says "Not represented" where it cannot follow the spec',
  );
  assert.deepEqual(
    rest.map((line) => line.replace(/^ {2}lossy\.json:\d+:\d+ /, '').replace(/:.*/, '')).sort(),
    [
      'operation-servers at /paths/~1points/get/servers',
      'tuple-items at /components/schemas/point/properties/xy',
      'union-in-model at /components/schemas/point',
    ].sort(),
  );
  const types = readFileSync(join(dir, 'out', 'types.ts'), 'utf8');
  assert.match(types, /Not represented \(union-in-model\): oneOf\/anyOf next to properties/);
  assert.match(types, /Not represented \(tuple-items\)[^\n]*\n[^\n]*\n? *xy\?: unknown\[\];/);
  const client = readFileSync(join(dir, 'out', 'client.ts'), 'utf8');
  assert.match(client, /Not represented \(operation-servers\)/);
  rmSync(dir, { recursive: true, force: true });
});

test('--verbose lists every warning; without it only the first five', async () => {
  const many = structuredClone(LOSSY) as typeof LOSSY & { components: { schemas: Record<string, unknown> } };
  for (let i = 0; i < 7; i++)
    many.components.schemas[`tuple${i}`] = {
      type: 'object',
      properties: { t: { type: 'array', items: [{ type: 'string' }] } },
    };
  const dir = mkdtempSync(join(tmpdir(), 'canon-generate-'));
  writeFileSync(join(dir, 'lossy.json'), JSON.stringify(many));
  writeFileSync(join(dir, 'canon.config.json'), '{}\n');
  const brief = await canon(dir, 'generate', 'lossy.json', '-g', 'typescript-types', '-o', 'out');
  assert.equal(brief.code, 0, brief.err);
  const lines = brief.err.trimEnd().split('\n');
  assert.equal(lines.length, 1 + 5 + 1);
  assert.equal(lines.at(-1), '  … 5 more: --verbose lists them all');
  const verbose = await canon(
    dir,
    'generate',
    'lossy.json',
    '-g',
    'typescript-types',
    '-o',
    'out',
    '--verbose',
  );
  assert.equal(verbose.err.trimEnd().split('\n').length, 1 + 10);
  rmSync(dir, { recursive: true, force: true });
});
