import type { Service } from '../../core/ir.js';
import type { ServiceRecord } from '../store/store.js';
import { canRead, type UiContext } from './context.js';

/** A service the caller may read, with the IR of its latest version. */
export interface CatalogEntry {
  record: ServiceRecord;
  latest: Service | undefined;
}

const PAGE = 1000;

/** Every service the caller may read, by organization and key, optionally in one organization. */
export async function readableServices(ctx: UiContext, organization?: string): Promise<ServiceRecord[]> {
  const all: ServiceRecord[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await ctx.registry.store.searchServices({
      limit: PAGE,
      offset,
      ...(organization === undefined ? {} : { organization }),
    });
    all.push(...page.filter((s) => canRead(ctx, s.organization)));
    if (page.length < PAGE) return all;
  }
}

/**
 * The readable services with their latest IRs (the store caches IRs by content hash, so this
 * costs one indexed read per service once the IRs are warm).
 */
export async function catalog(ctx: UiContext): Promise<CatalogEntry[]> {
  const records = await readableServices(ctx);
  return Promise.all(
    records.map(async (record) => ({
      record,
      latest: await ctx.registry.store.getServiceIr(record.organization, record.application, 'latest'),
    })),
  );
}

/** The services whose latest version imports `organization/application`. */
export function dependentsOf(entries: CatalogEntry[], organization: string, application: string) {
  return entries.filter((e) =>
    e.latest?.imports.some((i) => i.organization.key === organization && i.application.key === application),
  );
}
