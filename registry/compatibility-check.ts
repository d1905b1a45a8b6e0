import type { Service } from '../core/ir.js';
import { contentHash } from './content-hash.js';
import { RegistryError } from './errors.js';
import { type DiffFunction, publishGate } from './gate.js';
import type { CompatibilityPolicy, HistoryEntry, RegistryStore, StoredChange } from './store/store.js';

export interface CompatibilityVerdict {
  compatible: boolean;
  policy: CompatibilityPolicy;
  against: string;
  changes: StoredChange[];
}

/**
 * Would `next` pass the publish gate as the version after `latest`? The same gate as a publish
 * (`gate.ts`), over the same history, so `/checks` and a publish never disagree: under
 * `backward-transitive` every earlier version is checked, not only the latest. The answer lists
 * the changes against the latest version, then any breaking change against an earlier one.
 */
export async function checkCompatibility(options: {
  store: RegistryStore;
  diff: DiffFunction;
  organization: string;
  application: string;
  policy: CompatibilityPolicy;
  latest: Service;
  next: Service;
}): Promise<CompatibilityVerdict> {
  const { store, organization, application, policy, latest, next } = options;
  const history: Service[] =
    policy === 'backward-transitive'
      ? await earlierServices(store, organization, application, latest)
      : [latest];
  const earlier: HistoryEntry[] = history.map((service) => ({
    version: service.version,
    contentHash: contentHash(service),
    service: () => service,
  }));
  const gate = publishGate({
    version: latest.version,
    service: next,
    contentHash: contentHash(next),
    diff: options.diff,
  });
  try {
    const verdict = gate({ policy, earlier, later: [] });
    return { compatible: true, policy, against: latest.version, changes: verdict.changes };
  } catch (error) {
    if (!(error instanceof RegistryError) || error.status !== 409) throw error;
    const changes = options.diff(latest, next);
    const breaking = (error.details?.changes ?? []) as (StoredChange & { against: string })[];
    for (const change of breaking) {
      if (change.against === latest.version) continue;
      const { against, ...rest } = change;
      changes.push({ ...rest, message: `${rest.message} (breaks consumers of ${against})` });
    }
    return { compatible: false, policy, against: latest.version, changes };
  }
}

/** Every version up to and including `latest`, oldest first (prereleases above it are not earlier). */
async function earlierServices(
  store: RegistryStore,
  organization: string,
  application: string,
  latest: Service,
): Promise<Service[]> {
  const versions = (await store.listVersions(organization, application)) ?? [];
  const upTo = versions.findIndex((v) => v.version === latest.version);
  const names = versions.slice(0, upTo === -1 ? versions.length : upTo + 1).map((v) => v.version);
  const services = await Promise.all(names.map((v) => store.getServiceIr(organization, application, v)));
  return services.filter((s): s is Service => s !== undefined);
}
