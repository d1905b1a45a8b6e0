import { resolve } from 'node:path';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';
import { render } from '../gate/format.js';
import { failed } from '../gate/report.js';
import { compare, diffConfig, failOnOf, formatOf } from '../gate/run.js';
import { compareSchemaTexts, isJsonSchemaText } from '../gate/schema-compare.js';
import { readSpec } from '../read-spec.js';
import { readText } from '../read-text.js';

const HELP = `Usage: canon diff <old spec> <new spec> [--format F] [--fail-on L] [--policy P]

Classifies every change between two versions of a spec as breaking, warning or info, from the
point of view of clients (request and response types, direction-aware) and event consumers.
Rules: docs/rules/breaking.md. Re-level or turn off rules in canon.config.json:
  { "diff": { "rules": { "enum-value-added-to-output": "info" } } }

Options:
  --format text|json|markdown|github|junit
                       text (default) grouped by level; json {"changes", "summary"};
                       markdown a pull-request comment; github workflow annotations
                       pointing at the line of the new spec; junit for CI test reports
  --fail-on breaking|warning|never
                       exit 1 when a change at or above this level is found (default breaking)
  --policy strict|lenient
                       for two JSON Schema documents (a json-schema.org $schema, or --json-schema):
                       Confluent's compatibility policy (default strict; docs/subjects.md)
  --json-schema        compare the two files as JSON Schema even without a $schema

Exit codes: 0 nothing at or above --fail-on, 1 something is (or a spec is invalid),
            2 usage error or a file that cannot be read.`;

export const command: Command = {
  name: 'diff',
  summary: 'Classify every change between two versions of a spec',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        policy: { type: 'string' },
        'json-schema': { type: 'boolean' },
      },
      'diff',
    );
    const format = formatOf(values.format, 'diff');
    const failOn = failOnOf(values['fail-on'], 'diff');
    if (positionals.length !== 2)
      throw new UsageError("name the old and the new spec, e.g. 'canon diff old/api.json api.json'.");
    const [oldFile, newFile] = positionals as [string, string];
    const policy = values.policy ?? 'strict';
    if (policy !== 'strict' && policy !== 'lenient') {
      throw new UsageError(`--policy must be strict or lenient, not '${policy}'.`);
    }
    const schemas = await readSchemaPair(oldFile, newFile, io.cwd, values['json-schema'] === true);
    if (schemas) {
      const report = {
        command: 'diff' as const,
        specs: [
          compareSchemaTexts(newFile, schemas[0], schemas[1], policy === 'lenient' ? 'LENIENT' : 'STRICT'),
        ],
      };
      io.out(render(report, format, failOn));
      return failed(report, failOn) ? EXIT.problems : EXIT.ok;
    }
    const config = await loadConfig(io.cwd);
    const diff = diffConfig(config);
    const [before, after] = await Promise.all([
      readSpec(oldFile, io.cwd, config),
      readSpec(newFile, io.cwd, config),
    ]);
    const report = { command: 'diff' as const, specs: [compare(newFile, before, after, diff)] };
    io.out(render(report, format, failOn));
    return failed(report, failOn) ? EXIT.problems : EXIT.ok;
  },
};

/** Both files' text when they are JSON Schema documents (or `forced`); undefined for specs. */
async function readSchemaPair(
  oldFile: string,
  newFile: string,
  cwd: string,
  forced: boolean,
): Promise<[string, string] | undefined> {
  const read = async (file: string) => {
    try {
      return await readText(resolve(cwd, file));
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}.`);
    }
  };
  if (!forced && !/\.json$/i.test(newFile)) return undefined;
  const after = await read(newFile);
  if (!forced && !isJsonSchemaText(after)) return undefined;
  return [await read(oldFile), after];
}
