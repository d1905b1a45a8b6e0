import type * as Api from '../api-types.js';
import type { MayRead } from '../registry.js';
import type { RegistryStore } from '../store/store.js';
import { importEdges } from './dependents.js';

/**
 * Every live version of every service the caller may read that imports
 * `organization/application`: what `GET …/referenced-by` answers. The store's record of each
 * version's imports (`version_imports`) says which versions to look at; their edges come from
 * `importEdges`, so `to_version` means what it means in the dependency graph (the version the
 * import names, or `latest`).
 */
export async function importingVersions(
  store: RegistryStore,
  mayRead: MayRead,
  organization: string,
  application: string,
): Promise<Api.ImportingVersion[]> {
  const target = `${organization}/${application}`;
  const importing = (await store.importingVersions(organization, application)).filter((v) =>
    mayRead(v.organization),
  );
  const irs = await Promise.all(
    importing.map((v) => store.getServiceIr(v.organization, v.application, v.version)),
  );
  return importing.flatMap((v, index) => {
    const ir = irs[index];
    if (!ir) return [];
    return importEdges([ir])
      .filter((edge) => edge.to === target)
      .map((edge) => ({
        from: edge.from,
        from_version: edge.from_version,
        latest: v.latest,
        to: edge.to,
        to_version: edge.to_version,
      }));
  });
}
