import type { GeneratedFile } from '../contract.js';
import { blockComment } from './comment.js';
import {
  CLIENT_RUNTIME_MODULE,
  EVENT_SCHEMAS_RUNTIME_MODULE,
  EVENTS_NATS_RUNTIME_MODULE,
  EVENTS_RUNTIME_MODULE,
  EVENTS_STORES_RUNTIME_MODULE,
  EXPRESS_ROUTES_RUNTIME_MODULE,
  MOCK_CLIENT_RUNTIME_MODULE,
} from './module-names.js';
import {
  CLIENT_RUNTIME_SOURCE,
  EVENT_SCHEMAS_RUNTIME_SOURCE,
  EVENTS_NATS_RUNTIME_SOURCE,
  EVENTS_RUNTIME_SOURCE,
  EVENTS_STORES_RUNTIME_SOURCE,
  EXPRESS_ROUTES_RUNTIME_SOURCE,
  MOCK_CLIENT_RUNTIME_SOURCE,
} from './runtime-sources.js';

/**
 * The header of a runtime module. It names no generator and no spec, so every generator that
 * needs a runtime emits the same bytes and two of them may share one output directory.
 */
const RUNTIME_HEADER = blockComment(
  "Canon's runtime for generated code, shared by the generated modules of this directory.\nDo not edit: `canon generate` writes it again.",
);

function runtimeFile(path: string, source: string): GeneratedFile {
  return { path, contents: `${RUNTIME_HEADER}\n${source}` };
}

/** `canon-runtime/client.ts`: what every generated client (and mock client) imports. */
export function clientRuntimeFile(): GeneratedFile {
  return runtimeFile(CLIENT_RUNTIME_MODULE, CLIENT_RUNTIME_SOURCE);
}

/** `canon-runtime/mock-client.ts`: the engine behind every generated mock client; needs the client runtime. */
export function mockClientRuntimeFile(): GeneratedFile {
  return runtimeFile(MOCK_CLIENT_RUNTIME_MODULE, MOCK_CLIENT_RUNTIME_SOURCE);
}

/** `canon-runtime/express-routes.ts`: what every generated `routes.ts` imports. */
export function expressRoutesRuntimeFile(): GeneratedFile {
  return runtimeFile(EXPRESS_ROUTES_RUNTIME_MODULE, EXPRESS_ROUTES_RUNTIME_SOURCE);
}

/** `canon-runtime/events.ts`: what every generated `events.ts` imports. */
export function eventsRuntimeFile(): GeneratedFile {
  return runtimeFile(EVENTS_RUNTIME_MODULE, EVENTS_RUNTIME_SOURCE);
}

/**
 * Everything a generated `events.ts` imports: the events runtime, validation, the NATS producer
 * and consumer, the SQLite and PostgreSQL stores.
 */
export function eventsRuntimeFiles(): GeneratedFile[] {
  return [
    eventsRuntimeFile(),
    runtimeFile(EVENT_SCHEMAS_RUNTIME_MODULE, EVENT_SCHEMAS_RUNTIME_SOURCE),
    runtimeFile(EVENTS_NATS_RUNTIME_MODULE, EVENTS_NATS_RUNTIME_SOURCE),
    runtimeFile(EVENTS_STORES_RUNTIME_MODULE, EVENTS_STORES_RUNTIME_SOURCE),
  ];
}
