import { type ApiProblem, problem, RegistryError } from '../errors.js';
import type { PublishPlan } from './store.js';

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
