import type { Service } from '../../core/ir.js';
import type { ServiceRecord } from '../store/store.js';
import { referencedBy } from '../trace/dependents.js';
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

/**
 * The services whose latest version imports `organization/application`: the same rule as
 * `GET …/referenced-by` (`trace/dependents.ts`), so the page and the API never disagree.
 */
export function dependentsOf(entries: CatalogEntry[], organization: string, application: string) {
  const latest = entries.flatMap((e) => (e.latest ? [e.latest] : []));
  const importers = new Set(referencedBy(latest, organization, application).map((edge) => edge.from));
  return entries.filter((e) => importers.has(`${e.record.organization}/${e.record.application}`));
}
