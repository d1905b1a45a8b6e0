import type { Service } from '../../core/ir.js';
import type { CatalogEntry } from './catalog.js';
import { operationPath } from './element-paths.js';

/** One searchable element of a service: what it is, where its documentation is, and its text. */
export interface SearchHit {
  kind: 'service' | 'model' | 'enum' | 'union' | 'interface' | 'operation';
  label: string;
  /** The element's diff path (`models/user`), the anchor on the documentation page; '' for the service. */
  path: string;
  /** Lower-cased name and description, what a query is matched against. */
  haystack: string;
}

/** Elements by IR object: IRs are shared and never change, so each is indexed once. */
const INDEX = new WeakMap<Service, SearchHit[]>();

/** The searchable elements of a service: itself, its types and its operations. */
export function searchIndex(service: Service): SearchHit[] {
  const cached = INDEX.get(service);
  if (cached) return cached;
  const hay = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ').toLowerCase();
  const hits: SearchHit[] = [
    { kind: 'service', label: service.name, path: '', haystack: hay(service.name, service.description) },
  ];
  for (const [kind, list] of [
    ['model', service.models],
    ['enum', service.enums],
    ['union', service.unions],
    ['interface', service.interfaces],
  ] as const) {
    for (const t of list)
      hits.push({ kind, label: t.name, path: `${kind}s/${t.name}`, haystack: hay(t.name, t.description) });
  }
  for (const resource of service.resources) {
    for (const op of resource.operations) {
      const label = `${op.method} ${op.path}`;
      hits.push({
        kind: 'operation',
        label,
        path: operationPath(service, resource, op),
        haystack: hay(label, op.operationId, op.description),
      });
    }
  }
  INDEX.set(service, hits);
  return hits;
}

export interface SearchResult {
  entry: CatalogEntry;
  hits: SearchHit[];
}

/**
 * The services matching a query: by organization, key or name, or by any of their elements.
 * Every word of the query must appear (case-insensitive); at most `perService` hits each.
 */
export function searchCatalog(entries: CatalogEntry[], query: string, perService = 20): SearchResult[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const results: SearchResult[] = [];
  for (const entry of entries) {
    const keys =
      `${entry.record.organization} ${entry.record.application} ${entry.record.name}`.toLowerCase();
    const elements = entry.latest ? searchIndex(entry.latest) : [];
    const hits = elements.filter((h) =>
      words.every((w) => h.haystack.includes(w) || (h.kind === 'service' && keys.includes(w))),
    );
    if (hits.length > 0 || words.every((w) => keys.includes(w))) {
      results.push({ entry, hits: hits.filter((h) => h.kind !== 'service').slice(0, perService) });
    }
  }
  return results;
}
