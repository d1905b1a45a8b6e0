import { RegistryError } from '../errors.js';
import type { MayRead } from '../registry.js';
import type { RegistryStore } from '../store/store.js';
import { type ImportEdge, referencedBy } from './dependents.js';
import { latestServices } from './latest-services.js';

/** The services the caller may read whose latest version imports `organization/application`. */
export async function dependentsOf(
  store: RegistryStore,
  mayRead: MayRead,
  organization: string,
  application: string,
): Promise<ImportEdge[]> {
  return referencedBy(await latestServices(store, mayRead), organization, application);
}

/** One line naming the dependents a breaking change would reach, for a refusal or a check answer. */
export function reachedMessage(dependents: readonly ImportEdge[]): string {
  const named = dependents
    .slice(0, 20)
    .map((d) => `${d.from} ${d.from_version} (imports ${d.to_version})`)
    .join(', ');
  const more = dependents.length > 20 ? ` and ${dependents.length - 20} more` : '';
  return `These breaking changes would reach ${dependents.length} dependent service(s): ${named}${more}. Tell their owners, or keep the change compatible.`;
}

/**
 * A publish refusal (409 for breaking changes) with the dependents it would reach added: a
 * `dependents-reached` entry in `errors` and the list as `dependents`. Other errors pass unchanged.
 */
export function withDependents(error: unknown, dependents: readonly ImportEdge[]): unknown {
  if (!(error instanceof RegistryError) || error.status !== 409 || !error.details?.changes) return error;
  if (dependents.length === 0) return error;
  const errors = [...error.errors];
  errors.splice(errors.length - 1, 0, { code: 'dependents-reached', message: reachedMessage(dependents) });
  return new RegistryError(409, errors, { ...error.details, dependents }, { ...error.headers });
}
