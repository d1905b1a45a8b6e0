import { createRequire } from 'node:module';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonObject } from '../core/ir.js';
import type { Generator } from './contract.js';
import { PACKAGE_LABEL } from './run.js';

/** A built-in generator: what `canon generators` says of it, and its module, loaded on first use. */
interface BuiltIn {
  description: string;
  /** A literal `import()`, so that a bundler (and a reader) can follow it. */
  load: () => Promise<{ generator?: unknown }>;
}

/**
 * The built-in generators by name. Modules load only when a generator is used, so listing and
 * start-up stay cheap. Each module exports `generator`.
 */
export const BUILT_IN_GENERATORS: Readonly<Record<string, BuiltIn>> = {
  'typescript-types': {
    description: 'TypeScript types for every model, enum, interface and union (types.ts)',
    load: () => import('./typescript-types/index.js'),
  },
  'typescript-client': {
    description: 'A typed fetch client with no runtime dependencies (client.ts)',
    load: () => import('./typescript-client/index.js'),
  },
  'typescript-mock-client': {
    description:
      'A mock client implementing the same Client interface, with schema-true data (mock-client.ts)',
    load: () => import('./typescript-mock-client/index.js'),
  },
  'sqlite-dao': {
    description: 'SQLite migration and typed DAOs (better-sqlite3) from models with a db attribute',
    load: () => import('./sqlite-dao/index.js'),
  },
  'postgres-dao': {
    description: 'PostgreSQL migration and typed DAOs (pg) from models with a db attribute',
    load: () => import('./postgres-dao/index.js'),
  },
  events: {
    description:
      'Typed event streams for every *_event union: stream and subject names, handlers, producer, mock queue (events.ts)',
    load: () => import('./events/index.js'),
  },
  'json-schema-types': {
    description:
      'TypeScript types from the JSON Schema of every type, with json-schema-to-typescript (json-schema-types.ts)',
    load: () => import('./json-schema-types/index.js'),
  },
  'express-routes': {
    description: 'Express 5 router and typed service interfaces per resource (routes.ts)',
    load: () => import('./express-routes/index.js'),
  },
};

/** A problem finding, loading or ordering generators; `code` is stable, the message says what to do. */
export class GeneratorError extends Error {
  override name = 'GeneratorError';
  constructor(
    readonly code: 'unknown-generator' | 'generator-cycle' | 'invalid-generator' | 'generator-load-failed',
    message: string,
  ) {
    super(message);
  }
}

/** Where third-party generators come from: `canon.config.json` `generators`, paths or package names. */
export interface GeneratorSources {
  /** Module paths (relative to `baseDir`) or package names. */
  modules?: readonly string[];
  /** The directory relative paths and packages resolve from (the config file's directory). */
  baseDir?: string;
}

type AnyGenerator = Generator<JsonObject>;

function checkShape(value: unknown, origin: string): AnyGenerator {
  const g = value as Partial<AnyGenerator> | undefined;
  const problems: string[] = [];
  if (!g || typeof g !== 'object') problems.push('it exports no `generator` object');
  else {
    if (typeof g.name !== 'string' || g.name === '') problems.push('`name` must be a non-empty string');
    if (typeof g.description !== 'string') problems.push('`description` must be a string');
    if (typeof g.generate !== 'function') problems.push('`generate` must be a function');
    if (!g.options || typeof g.options !== 'object' || typeof g.options.defaults !== 'object')
      problems.push('`options` must be { defaults, schema }');
    if (g.dependencies !== undefined && !Array.isArray(g.dependencies))
      problems.push('`dependencies` must be an array of names');
  }
  if (problems.length > 0) {
    throw new GeneratorError(
      'invalid-generator',
      `${origin} is not a Canon generator: ${problems.join('; ')}.`,
    );
  }
  return g as AnyGenerator;
}

async function importGenerator(
  load: () => Promise<{ generator?: unknown; default?: unknown }>,
  origin: string,
): Promise<AnyGenerator> {
  let mod: { generator?: unknown; default?: unknown };
  try {
    mod = await load();
  } catch (error) {
    throw new GeneratorError(
      'generator-load-failed',
      `cannot load generator ${origin}: ${(error as Error).message.split('\n')[0]}. Check the path or install the package.`,
    );
  }
  return checkShape(mod.generator ?? mod.default, origin);
}

/** Resolves a path or package name from `canon.config.json` to an importable URL. */
function moduleUrl(entry: string, baseDir: string): string {
  if (entry.startsWith('.') || isAbsolute(entry)) return pathToFileURL(resolvePath(baseDir, entry)).href;
  try {
    return pathToFileURL(createRequire(join(baseDir, 'canon.config.json')).resolve(entry)).href;
  } catch {
    throw new GeneratorError(
      'generator-load-failed',
      `cannot find generator package '${entry}' from ${baseDir}. Install it (npm install ${entry}) or give a path.`,
    );
  }
}

/** Loads the third-party generators named in the config, keyed by their `name`. */
export async function loadThirdPartyGenerators(
  sources: GeneratorSources,
): Promise<Map<string, AnyGenerator>> {
  const out = new Map<string, AnyGenerator>();
  for (const entry of sources.modules ?? []) {
    const url = moduleUrl(entry, sources.baseDir ?? process.cwd());
    const generator = await importGenerator(() => import(url), `'${entry}'`);
    if (BUILT_IN_GENERATORS[generator.name] || out.has(generator.name) || generator.name === PACKAGE_LABEL) {
      throw new GeneratorError(
        'invalid-generator',
        `generator '${entry}' is named '${generator.name}', which is already taken; rename it.`,
      );
    }
    out.set(generator.name, generator);
  }
  return out;
}

/** Loads one built-in generator by name. */
export async function loadBuiltIn(name: string): Promise<AnyGenerator | undefined> {
  const entry = BUILT_IN_GENERATORS[name];
  if (!entry) return undefined;
  return importGenerator(entry.load, `'${name}'`);
}

/**
 * The generators to run for the requested names, dependencies first (each once), in a
 * deterministic order. An unknown name or a dependency cycle is a GeneratorError that names it.
 *
 * @example await resolveGenerators(['typescript-mock-client']) // types, client, mock client
 */
export async function resolveGenerators(
  names: readonly string[],
  sources: GeneratorSources = {},
): Promise<AnyGenerator[]> {
  const thirdParty = await loadThirdPartyGenerators(sources);
  const loaded = new Map<string, AnyGenerator>();
  const load = async (name: string, requestedBy?: string): Promise<AnyGenerator> => {
    const cached = loaded.get(name);
    if (cached) return cached;
    const generator = thirdParty.get(name) ?? (await loadBuiltIn(name));
    if (!generator) {
      const known = [...Object.keys(BUILT_IN_GENERATORS), ...thirdParty.keys()].join(', ');
      const by = requestedBy ? ` (a dependency of '${requestedBy}')` : '';
      throw new GeneratorError(
        'unknown-generator',
        `unknown generator '${name}'${by}. Known generators: ${known}.`,
      );
    }
    loaded.set(name, generator);
    return generator;
  };

  const ordered: AnyGenerator[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = async (name: string, path: string[], requestedBy?: string): Promise<void> => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name].join(' → ');
      throw new GeneratorError(
        'generator-cycle',
        `generator '${name}' depends on itself: ${cycle}. Remove one of these dependencies.`,
      );
    }
    state.set(name, 'visiting');
    const generator = await load(name, requestedBy);
    for (const dependency of generator.dependencies ?? []) await visit(dependency, [...path, name], name);
    state.set(name, 'done');
    ordered.push(generator);
  };
  for (const name of names) await visit(name, []);
  return ordered;
}
