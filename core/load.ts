import type { Diagnostic } from './diagnostic.js';
import type { Service } from './ir.js';
import { parseJsonText } from './json-text.js';

/** The source formats Canon reads. */
export type SourceFormat = 'api.json' | 'service.json' | 'openapi' | 'swagger';

/**
 * Resolves an import URI to the imported service's IR. The CLI ships a local resolver
 * (canon.config.json `imports`), the registry one that reads its own store.
 * Returns undefined when the URI is unknown; the loader then reports `unresolved-import`.
 */
export interface ImportResolver {
  resolve(uri: string): Promise<Service | undefined>;
}

/** Where each IR element came from: element object → JSON pointer into the source document. */
export type SourcePointers = WeakMap<object, string>;

export interface LoadOptions {
  /** Name of the file, for messages and format detection by extension (`.yaml`). */
  file?: string;
  resolver?: ImportResolver;
  maxBytes?: number;
}

export interface LoadResult {
  format: SourceFormat | undefined;
  /** Absent only when the document could not be read as a spec at all. */
  service: Service | undefined;
  /** The resolved imported services, in import order. */
  imports: Service[];
  /** Parse, structure, import and semantic problems, all of them. */
  diagnostics: Diagnostic[];
  pointers: SourcePointers;
  /** The source text, kept so that diagnostics can be given line and column. */
  text: string;
}
