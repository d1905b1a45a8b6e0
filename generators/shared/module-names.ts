/**
 * Where each generator's modules live inside the output directory. The main service's modules
 * sit at the top (`types.ts`, `client.ts`, `mock-client.ts`); each imported service's types sit
 * in `imports/<namespace>.ts`, so every service's types module has one stable name per namespace.
 */

/** A namespace as a safe file name: only `[A-Za-z0-9._-]`, never starting with a dot. */
export function namespaceFileName(namespace: string): string {
  const name = namespace.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return name === '' ? '_' : name;
}

/** The types module of the main service. */
export const TYPES_MODULE = 'types.ts';
export const CLIENT_MODULE = 'client.ts';
export const MOCK_CLIENT_MODULE = 'mock-client.ts';

/** The types module of an imported service, relative to the output directory. */
export function importedTypesModule(namespace: string): string {
  return `imports/${namespaceFileName(namespace)}.ts`;
}

/** The ESM import specifier for a `.ts` module path, as seen from `fromModule` (both relative to the output root). */
export function importSpecifier(fromModule: string, toModule: string): string {
  const fromDir = fromModule.split('/').slice(0, -1);
  const to = toModule.split('/');
  let common = 0;
  while (common < fromDir.length && common < to.length - 1 && fromDir[common] === to[common]) common++;
  const up = fromDir.length - common;
  const rest = to.slice(common).join('/').replace(/\.ts$/, '.js');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** The folder of the output directory that holds the runtime modules the generated code imports. */
export const RUNTIME_FOLDER = 'canon-runtime';
/** The client runtime: settings, error classes, the fetch transport (typescript-client, typescript-mock-client). */
export const CLIENT_RUNTIME_MODULE = `${RUNTIME_FOLDER}/client.ts`;
/** The mock client runtime: seeded data, recorded calls, overrides, the store (typescript-mock-client). */
export const MOCK_CLIENT_RUNTIME_MODULE = `${RUNTIME_FOLDER}/mock-client.ts`;
/** The Express routes runtime: parameter coercion, body validation, the error handler (express-routes). */
export const EXPRESS_ROUTES_RUNTIME_MODULE = `${RUNTIME_FOLDER}/express-routes.ts`;
/** The events module of a service (events). */
export const EVENTS_MODULE = 'events.ts';
/** The events runtime: stream descriptors, producer and consumer interfaces, the mock queue (events). */
export const EVENTS_RUNTIME_MODULE = `${RUNTIME_FOLDER}/events.ts`;
/** Event validation with Ajv against the embedded JSON Schemas (events). */
export const EVENT_SCHEMAS_RUNTIME_MODULE = `${RUNTIME_FOLDER}/event-schemas.ts`;
/** The NATS JetStream producer and durable consumer (events). */
export const EVENTS_NATS_RUNTIME_MODULE = `${RUNTIME_FOLDER}/events-nats.ts`;
/** A consumer's database on SQLite or PostgreSQL: applied ids, parked messages (events). */
export const EVENTS_STORES_RUNTIME_MODULE = `${RUNTIME_FOLDER}/events-stores.ts`;
