import type { Service } from '../../core/ir.js';
import type { MayRead } from '../registry.js';
import type { RegistryStore } from '../store/store.js';

const PAGE = 1000;

/**
 * The latest version of every service the caller may read: what the trace and the dependency
 * answers are computed over. The only part of them that touches the store.
 */
export async function latestServices(
  store: RegistryStore,
  mayRead: MayRead,
  organization?: string,
): Promise<Service[]> {
  const services: Service[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.searchServices({
      ...(organization === undefined ? {} : { organization }),
      limit: PAGE,
      offset,
    });
    const readable = page.filter((s) => s.latestVersion !== undefined && mayRead(s.organization));
    const irs = await Promise.all(
      readable.map((s) => store.getServiceIr(s.organization, s.application, 'latest')),
    );
    services.push(...irs.filter((s): s is Service => s !== undefined));
    if (page.length < PAGE) return services;
  }
}
