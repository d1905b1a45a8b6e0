import type { ElementKind } from './rule.js';
import { DIFF_RULES } from './rules.js';

const SECTIONS: readonly { title: string; kinds: readonly ElementKind[] }[] = [
  { title: 'Service, imports and annotations', kinds: ['service', 'import', 'annotation'] },
  { title: 'Request headers', kinds: ['header'] },
  { title: 'Enums and enum values', kinds: ['enum', 'enum-value'] },
  { title: 'Unions and union members', kinds: ['union', 'union-member'] },
  { title: 'Models and interfaces', kinds: ['model', 'interface'] },
  { title: 'Fields', kinds: ['field'] },
  { title: 'Defaults, bounds and examples (fields, parameters, headers)', kinds: [] },
  { title: 'Resources and operations', kinds: ['resource', 'operation'] },
  { title: 'Request bodies and parameters', kinds: ['body', 'parameter'] },
  { title: 'Responses and response headers', kinds: ['response', 'response-header'] },
  { title: 'Every element', kinds: ['any'] },
];

const INTRO = `# Diff rules

<!-- Generated from core/diff/rules/*.ts by scripts/render-rule-docs.ts; do not edit by hand. -->

\`canon diff\`, \`canon check\` and the registry's publish gate classify every change between two
versions of a spec with one of these rules. Rule ids are stable: re-level or turn them off by id in
\`canon.config.json\` (\`{ "diff": { "rules": { "enum-value-added-to-output": "info" } } }\`).

**Levels.** \`breaking\`: an existing client or event consumer can fail. \`warning\`: it may fail,
or behaves differently, depending on how it was written (exhaustive switches, defaults it relies
on). \`info\`: safe.

**Direction.** Each named type is classified by where it travels (\`core/diff/direction.ts\`):
*input* when clients send it (request bodies, parameters, request headers), *output* when they
receive it (responses, response headers, event payloads: unions named \`*_event\` or \`event\` and
their members), following model fields, union members, interfaces, lists and maps. A type used
both ways gets the stricter verdict; a type nothing in the service uses counts as both, because
importers may use it either way. Usage is taken from both versions. Rules prefixed \`request-\` or
\`response-\` (or suffixed \`-to-output\`/\`-from-output\`) are the direction-specific halves of a pair.

**Deprecation.** Removing an element that was deprecated in the old version (itself or one of its
parents) is reported as \`deprecated-<element>-removed\` at \`warning\`, not as a breaking removal:
deprecate first, remove later.

**Matching.** Elements are matched by name; resources by type; operations by method and path,
then, for the rest, by operation id, by path shape (\`/users/:id\` = \`/users/:guid\`: a renamed
path parameter) or by their path within a resource whose path moved; union members by type, then
by discriminator value; responses by code; imports by organization and application.

**Paths** name the element: \`models/user/fields/email\`,
\`resources/user/operations/GET /users/:id/parameters/expand\`,
\`unions/animal/types/cat\`, \`enums/status/values/active\`, \`imports/acme/common\`, and for a
type of an imported service that this one uses, \`imports/acme/common/models/money/fields/amount\`.
`;

/** Markdown for docs/rules/breaking.md: every rule, grouped by the element it inspects. */
export function renderDiffRules(): string {
  const out = [INTRO];
  const placed = new Set<string>();
  for (const section of SECTIONS) {
    const rules = DIFF_RULES.filter((r) =>
      section.kinds.length === 0
        ? r.elements.length > 1 && !placed.has(r.id)
        : r.elements.length === 1 && section.kinds.includes(r.elements[0]!),
    );
    if (rules.length === 0) continue;
    out.push(`## ${section.title}`, '', '| Rule | Level | Meaning |', '|---|---|---|');
    for (const r of rules) {
      placed.add(r.id);
      out.push(`| <a id="${r.id}"></a>\`${r.id}\` | ${r.level} | ${r.description.replaceAll('|', '\\|')} |`);
    }
    out.push('');
  }
  out.push(`${DIFF_RULES.length} rules.`, '');
  return out.join('\n');
}
