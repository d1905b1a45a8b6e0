import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';
import { render } from '../gate/format.js';
import { gateConfig, lintReport } from '../gate/lint-run.js';
import { failed } from '../gate/report.js';
import { failOnOf, formatOf } from '../gate/run.js';
import { readSpec } from '../read-spec.js';

const HELP = `Usage: canon lint <spec…> [--format F] [--fail-on L]

Checks specs against Canon's conventions: Flow's event rules, one discriminator per union,
{resource}_form bodies, lower-case paths without trailing slash, unique method+path, standard
response codes, limit/offset on list operations, snake_case names, inclusive terminology.
Rules: docs/rules/lint.md. Configure in canon.config.json:
  { "lint": { "rules": { "form-naming": "off", "snake-case-names": "error" },
              "ignore": ["models/legacy_*"] } }
Silence a rule on one element (and everything inside it) with an attribute:
  { "name": "canon-lint", "value": { "ignore": ["form-naming"] } }

Options:
  --format text|json|markdown|github|junit
                       text (default); json {"findings": [{file, rule, level, path, message, line}]};
                       markdown, github annotations at the spec line, junit
  --fail-on error|warning|never
                       exit 1 when a finding at or above this level is found (default error)

Exit codes: 0 clean enough, 1 findings at or above --fail-on (or an invalid spec),
            2 usage error or a file that cannot be read.`;

export const command: Command = {
  name: 'lint',
  summary: 'Check specs against naming and event conventions',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { format: { type: 'string' }, 'fail-on': { type: 'string' } },
      'lint',
    );
    const format = formatOf(values.format, 'lint');
    const failOn = failOnOf(values['fail-on'], 'lint');
    if (positionals.length === 0)
      throw new UsageError("name at least one spec file, e.g. 'canon lint specs/api.json'.");
    const config = await loadConfig(io.cwd);
    const { lint } = gateConfig(config);
    const specs = [];
    for (const file of positionals) specs.push(lintReport(file, await readSpec(file, io.cwd, config), lint));
    const report = { command: 'lint' as const, specs };
    io.out(render(report, format, failOn));
    return failed(report, failOn) ? EXIT.problems : EXIT.ok;
  },
};
