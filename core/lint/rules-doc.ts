import { LINT_RULES } from './rules.js';

const INTRO = `# Lint rules

<!-- Generated from core/lint/rules/*.ts by scripts/render-rule-docs.ts; do not edit by hand. -->

\`canon lint\` and \`canon check\` report these. Errors fail the run by default; warnings fail it
with \`--fail-on warning\`. The event, paging and response-code rules follow Flow Commerce's
conventions (its \`api-build\` linter); the findings on Flow's own merged API are explained in
[../lint-flow.md](../lint-flow.md).

**Configure** in \`canon.config.json\`:

\`\`\`json
{ "lint": { "rules": { "form-naming": "off", "snake-case-names": "error" },
            "ignore": ["models/legacy_*", "resources/healthcheck"] } }
\`\`\`

\`ignore\` takes element paths (as printed in findings) where \`*\` matches any run of characters; a
path also covers everything inside that element.

**Silence one element** (and everything inside it) with an attribute in the spec:
\`{ "name": "canon-lint", "value": { "ignore": ["form-naming"] } }\`. Flow's own
\`{ "name": "linter", "value": { "ignore": [...] } }\` attribute is honoured too for the linter names
that have a Canon equivalent (\`response_codes\`, \`get\`, \`limit\`, \`offset\`,
\`common_parameter_types\`, \`event_structure\` and a few more; see \`core/lint/silence.ts\`).
`;

/** Markdown for docs/rules/lint.md. */
export function renderLintRules(): string {
  const out = [INTRO, '| Rule | Level | What it asks for |', '|---|---|---|'];
  for (const r of LINT_RULES)
    out.push(`| <a id="${r.id}"></a>\`${r.id}\` | ${r.level} | ${r.description.replaceAll('|', '\\|')} |`);
  out.push('', `${LINT_RULES.length} rules.`, '');
  return out.join('\n');
}
