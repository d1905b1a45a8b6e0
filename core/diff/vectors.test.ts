import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { repoPath } from '../../test/paths.js';
import type { ImportResolver } from '../import-resolver.js';
import type { Service } from '../ir.js';
import { loadSpec } from '../load.js';
import { diff } from './index.js';
import { DIFF_RULES } from './rules.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Expected {
  rule: string;
  level: string;
  path: string;
}
interface Case {
  description: string;
  base: string;
  /** The base of the new version when it differs (an api.json before, a service.json after). */
  afterBase?: string;
  before?: Json;
  after: Json;
  expected: Expected[];
}
interface VectorFile {
  bases: Record<string, Json>;
  imports: Record<string, Json>;
  cases: Case[];
}

const VECTORS = 'core/diff/vectors';
/** Every vector file: `diff-cases.json` and the files of later issues, each with its own bases. */
const files = readdirSync(repoPath(VECTORS))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({
    name,
    vectors: JSON.parse(readFileSync(repoPath(`${VECTORS}/${name}`), 'utf8')) as VectorFile,
  }));

/** Objects merge key by key, arrays and scalars replace, `null` deletes; `$reorder` reverses key order. */
function apply(base: Json, patch: Json | undefined): Json {
  if (patch === undefined) return base;
  if (isObject(patch) && patch.$reorder === true) return reorder(base);
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: { [key: string]: Json } = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = apply(key in base ? base[key]! : {}, value);
  }
  return out;
}

function reorder(value: Json): Json {
  if (Array.isArray(value)) return value.map(reorder);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reorder(v)]),
  );
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Loads a vector spec; imports resolve from the vector file's own `imports`. */
async function load(
  doc: Json,
  imports: VectorFile['imports'],
): Promise<{ service: Service; imports: Service[] }> {
  const resolver: ImportResolver = {
    async resolve(uri) {
      const target = imports[uri];
      return target === undefined ? undefined : (await load(target, imports)).service;
    },
  };
  const result = await loadSpec(JSON.stringify(doc), { resolver });
  const errors = result.diagnostics.filter((d) => d.severity !== 'warning');
  assert.deepEqual(errors, [], 'the vector spec itself must be valid');
  assert.ok(result.service);
  return { service: result.service, imports: result.imports };
}

const key = (e: Expected) => `${e.rule} ${e.level} ${e.path}`;

describe('diff vectors (core/diff/vectors/*.json)', () => {
  const cases = files.flatMap((f) => f.vectors.cases);
  it('has at least 150 cases and covers every rule', async () => {
    assert.ok(cases.length >= 150, `only ${cases.length} cases`);
    const expected = new Set(cases.flatMap((c) => c.expected.map((e) => e.rule)));
    const uncovered = DIFF_RULES.map((r) => r.id).filter((id) => !expected.has(id));
    assert.deepEqual(uncovered, [], 'rules that no case expects');
  });
  for (const { name, vectors } of files) {
    describe(name, () => {
      for (const c of vectors.cases) {
        it(c.description, async () => {
          const base = vectors.bases[c.base];
          assert.ok(base !== undefined, `unknown base ${c.base}`);
          const before = await load(apply(base, c.before), vectors.imports);
          const afterBase = c.afterBase === undefined ? base : vectors.bases[c.afterBase];
          assert.ok(afterBase !== undefined, `unknown base ${c.afterBase}`);
          const after = await load(apply(afterBase, c.after), vectors.imports);
          const imports = { before: before.imports, after: after.imports };
          const actual = diff(before.service, after.service, { imports })
            .map((ch) => key(ch))
            .sort();
          assert.deepEqual(actual, c.expected.map(key).sort());
        });
      }
    });
  }
});
