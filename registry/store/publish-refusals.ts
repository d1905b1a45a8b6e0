import { type ApiProblem, problem, RegistryError } from '../errors.js';
import type { Importer, PublishPlan } from './store.js';

/** 409: the version number is taken by other content. */
export function versionExists(plan: PublishPlan, stored: string): RegistryError {
  return problem(
    409,
    'version-exists',
    `${plan.organization}/${plan.application} ${stored} is already published with different content. Published versions never change: publish this as a new version.`,
  );
}

/** 409: event unions of this version that another service of the organization owns. */
export function eventUnionsOwned(plan: PublishPlan, owners: { union: string; application: string }[]) {
  const errors: ApiProblem[] = owners.map(({ union, application }) => ({
    code: 'event-union-owned',
    path: `/unions/${union}`,
    message: `The event union ${union} belongs to ${plan.organization}/${application}; each event stream has one owner. Rename the union (events of ${plan.application} go in ${plan.application.replaceAll('-', '_')}_event) or publish it from ${application}.`,
  }));
  return new RegistryError(409, errors);
}

/** 409: another service's latest version imports what is to be deleted. */
export function importedBy(what: string, importers: Importer[]): RegistryError {
  return new RegistryError(
    409,
    importers.map((i) => ({
      code: 'imported',
      message: `${what} is imported by ${i.organization}/${i.application} ${i.version} (its latest version). Publish a version of it without the import first, then delete.`,
    })),
    { imported_by: importers },
  );
}

/** 409: the registry or the service is in READONLY mode. */
export function readOnly(scope: 'registry' | { organization: string; application: string }): RegistryError {
  return scope === 'registry'
    ? problem(
        409,
        'read-only',
        'The registry is in READONLY mode: it accepts no publishes or deletes. An admin sets it back with PUT /mode {"mode": "READWRITE"}.',
      )
    : problem(
        409,
        'read-only',
        `${scope.organization}/${scope.application} is in READONLY mode: it accepts no publishes or deletes. An admin sets it back with PUT /services/${scope.organization}/${scope.application}/mode {"mode": "READWRITE"}.`,
      );
}

/** 409: the version number belonged to a version that was deleted (soft: it is kept). */
export function versionDeleted(plan: PublishPlan, stored: string): RegistryError {
  return problem(
    409,
    'version-deleted',
    `${plan.organization}/${plan.application} ${stored} was deleted; its number is not reused while it is kept. Publish a new version, or hard-delete ${stored} first.`,
  );
}

/** 409: the service was soft-deleted. */
export function serviceDeleted(plan: PublishPlan): RegistryError {
  return problem(
    409,
    'service-deleted',
    `${plan.organization}/${plan.application} was deleted. Hard-delete it (DELETE /services/${plan.organization}/${plan.application}?hard=true&reason=…) to publish under this key again.`,
  );
}
