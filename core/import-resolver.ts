import type { Service } from './ir.js';

/**
 * Resolves an import URI to the imported service's IR. The CLI ships a local resolver
 * (canon.config.json `imports`), the registry one that reads its own store.
 * Returns undefined when the URI is unknown; the loader then reports `unresolved-import`.
 */
export interface ImportResolver {
  resolve(uri: string): Promise<Service | undefined>;
}
