import type { Service } from '../../core/ir.js';
import { type NamedOperation, type NamedResource, nameTypes, type TypeNaming } from './operation-model.js';

/** Names the client module defines or imports itself; generated names never take them. */
export const CLIENT_RUNTIME_NAMES = [
  'Client',
  'ClientOptions',
  'ClientSettings',
  'DEFAULT_BASE_URL',
  'RequestOptions',
  'ResponseError',
  'UnexpectedStatusError',
  'TimeoutError',
  'OperationDescriptor',
  'createClient',
  'createTransport',
  'Transport',
  'IDEMPOTENT_METHODS',
] as const;

/** The client's type names: `<Plural>Resource`, `<Stem>Params`, `<Stem>Error`. */
export const CLIENT_NAMING: TypeNaming = {
  reserved: CLIENT_RUNTIME_NAMES,
  resource: 'Resource',
  params: 'Params',
  outcome: 'Error',
};

/** One operation as the TypeScript client presents it (its outcome type is the error union). */
export type ClientOperation = NamedOperation;
export type ClientResource = NamedResource;

/**
 * The client's view of a service, shared by the client and the mock client, which implements the
 * client's interfaces by these names.
 */
export function clientModel(service: Service): ClientResource[] {
  return nameTypes(service, CLIENT_NAMING);
}
