import type { LintRule } from '../rule.js';

const DISCRIMINATOR_NAMES = ['discriminator', 'type', 'code'];

/** Unions: one discriminator, with a conventional name. */
export const unionRules: LintRule[] = [
  {
    id: 'union-discriminator',
    level: 'warning',
    description:
      'Every union has a discriminator named `discriminator`, `type` or `code`, so that each value carries its tag in one conventional field instead of being wrapped in an object named after its type.',
    check(service, report) {
      for (const u of service.unions) {
        if (u.discriminator === undefined) {
          report(
            `unions/${u.name}`,
            `union '${u.name}' has no discriminator; add "discriminator": "discriminator"`,
            u,
          );
        } else if (!DISCRIMINATOR_NAMES.includes(u.discriminator)) {
          report(
            `unions/${u.name}`,
            `union '${u.name}' uses discriminator '${u.discriminator}'; use one of ${DISCRIMINATOR_NAMES.join(', ')}`,
            u,
          );
        }
      }
    },
  },
];
