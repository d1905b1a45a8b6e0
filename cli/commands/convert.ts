import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isError } from '../../core/diagnostic.js';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { readSpec } from '../read-spec.js';

const TARGETS = ['openapi', 'api.json', 'asyncapi'] as const;
type Target = (typeof TARGETS)[number];

const HELP = `Usage: canon convert <spec> --to openapi|api.json|asyncapi [--out file]

Converts a spec between formats. Any input Canon reads works: api.json, service.json, OpenAPI
3.0/3.1 or Swagger 2.0, in JSON or YAML.

  --to openapi    an OpenAPI 3.1 document; what OpenAPI cannot say (plurals, attributes,
                  annotations, resources) travels in x-canon extensions so converting back is
                  lossless
  --to api.json   API Builder's authoring form, to move an OpenAPI document to Canon
  --to asyncapi   an AsyncAPI 3.0 document of the service's event streams: a channel per
                  *_event union, a message per event model, the service as the sender
  --out file      write there (YAML when the name ends in .yaml or .yml); default: stdout

Warnings about constructs that do not convert faithfully go to stderr, counted by code; run
'canon validate <spec>' for each one with its location.

Exit codes: 0 converted, 1 the spec has errors (the output is still written when the spec
could be read), 2 usage error or unreadable file.`;

export const command: Command = {
  name: 'convert',
  summary: 'Convert a spec between api.json and OpenAPI, or export its events as AsyncAPI',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { to: { type: 'string' }, out: { type: 'string', short: 'o' } },
      'convert',
    );
    if (positionals.length !== 1)
      throw new UsageError("name exactly one spec file, e.g. 'canon convert openapi.yaml --to api.json'.");
    const target = values.to as string | undefined;
    if (target === undefined || !(TARGETS as readonly string[]).includes(target)) {
      throw new UsageError(`--to must be one of: ${TARGETS.join(', ')}.`);
    }
    const file = positionals[0]!;
    const result = await readSpec(file, io.cwd);
    const errors = result.diagnostics.filter(isError);
    for (const d of errors)
      io.err(`${file}${d.line ? `:${d.line}:${d.column}` : ''}: ${d.code}: ${d.message}\n`);
    const warnings = new Map<string, number>();
    for (const d of result.diagnostics)
      if (!isError(d)) warnings.set(d.code, (warnings.get(d.code) ?? 0) + 1);
    if (warnings.size > 0) {
      const total = [...warnings.values()].reduce((a, b) => a + b, 0);
      const list = [...warnings].map(([code, n]) => `${code} ×${n}`).join(', ');
      io.err(
        `${file}: ${total} warning${total === 1 ? '' : 's'} (${list}); 'canon validate ${file}' lists them.\n`,
      );
    }
    if (!result.service) return EXIT.problems;
    const document = await convert(target as Target, result.service, result.imports);
    const out = values.out as string | undefined;
    const yaml = out !== undefined && /\.ya?ml$/i.test(out);
    const text = yaml
      ? (await import('yaml')).stringify(document, { aliasDuplicateObjects: false })
      : `${JSON.stringify(document, null, 2)}\n`;
    if (out === undefined) io.out(text);
    else {
      try {
        await writeFile(resolve(io.cwd, out), text);
      } catch (error) {
        throw new UsageError(
          `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}.`,
        );
      }
    }
    return errors.length > 0 ? EXIT.problems : EXIT.ok;
  },
};

async function convert(
  target: Target,
  service: import('../../core/ir.js').Service,
  imports: import('../../core/ir.js').Service[],
): Promise<unknown> {
  if (target === 'asyncapi') {
    const { exportAsyncApi } = await import('../../core/asyncapi/export-asyncapi.js');
    return exportAsyncApi(service, imports);
  }
  if (target === 'openapi') {
    const { exportOpenApi } = await import('../../core/openapi/export.js');
    return exportOpenApi(service, imports);
  }
  const { writeApiJson } = await import('../../core/openapi/api-json-writer.js');
  return writeApiJson(service);
}
