/**
 * The registry API's wire types, generated from `specs/registry.json` (snake_case, as on the wire)
 * into `generated/types.ts`; the server and the CLI import them from here.
 * `generated/fresh.test.ts` fails when the generated files are stale.
 */
export type * from './generated/types.js';
