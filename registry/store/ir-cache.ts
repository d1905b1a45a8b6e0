import type { Service } from '../../core/ir.js';
import { IR_INTERNER } from '../json-interner.js';
import { LruCache } from '../lru-cache.js';

/**
 * Parsed IRs by content hash, bounded by the size of their JSON text. A version never changes,
 * so an entry never goes stale, whichever process published it.
 */
export class IrCache {
  readonly #irs: LruCache<{ service: Service; size: number }>;

  constructor(maxBytes: number) {
    this.#irs = new LruCache(maxBytes, (entry) => entry.size);
  }

  get(hash: string): Service | undefined {
    return this.#irs.get(hash)?.service;
  }

  /** Parses and interns a normalized document (see json-interner.ts) and keeps it. */
  add(hash: string, text: string): Service {
    const service = IR_INTERNER.intern(JSON.parse(text) as Service);
    this.#irs.set(hash, { service, size: text.length });
    return service;
  }
}
