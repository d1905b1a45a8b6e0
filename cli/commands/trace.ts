import type * as Api from '../../registry/api-types.js';
import { type Command, EXIT, formatOption, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';
import { RegistryClient } from '../registry/client.js';
import { registryTarget } from '../registry/target.js';
import { reportRegistryError } from './publish.js';

const HELP = `Usage: canon trace [<annotation>] [--registry <url>] [--format text|json]

Asks the registry where an annotation (default personal_data) flows: every field that carries it
in the latest version of every service your token may read, then every model, interface and
union that reaches such a field (through imports across services too), every operation whose
request or response carries one, and every event stream.

Options:
  --registry <url>   registry URL (default: canon.config.json registry.url, CANON_REGISTRY,
                     or http://127.0.0.1:7411)
  --format text|json

The token comes from CANON_TOKEN.
Exit codes: 0 traced (even when nothing carries the annotation), 2 usage error, registry
            unreachable, or a token that is missing or may not read.`;

export const command: Command = {
  name: 'trace',
  summary: 'Trace an annotation (personal_data) through every service in the registry',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { registry: { type: 'string' }, format: { type: 'string' } },
      'trace',
    );
    const format = formatOption(values.format, ['text', 'json'] as const, 'trace');
    if (positionals.length > 1)
      throw new UsageError("name at most one annotation, e.g. 'canon trace personal_data'.");
    const annotation = positionals[0] ?? 'personal_data';
    const target = registryTarget(await loadConfig(io.cwd), { registry: values.registry }, io.env);
    try {
      const traced = await new RegistryClient(target.url, target.token).trace(annotation);
      io.out(format === 'json' ? `${JSON.stringify(traced, null, 2)}\n` : describeTrace(traced));
      return EXIT.ok;
    } catch (error) {
      return reportRegistryError(error, io, format, `the trace of ${annotation}`);
    }
  },
};

/** The text `canon trace` prints: one section per kind, one line per element, grouped by service. */
export function describeTrace(traced: Api.Trace): string {
  const lines = [
    `${traced.annotation}: ${traced.fields.length} field(s), ${traced.types.length} type(s), ${traced.operations.length} operation(s), ${traced.streams.length} event stream(s) in ${traced.services} service(s)`,
  ];
  const section = (title: string, rows: string[]) => {
    if (rows.length > 0) lines.push('', `${title}:`, ...rows.map((row) => `  ${row}`));
  };
  section(
    'Fields',
    traced.fields.map((f) => `${f.service} ${f.version}  ${f.type}.${f.field}`),
  );
  section(
    'Types that reach them',
    traced.types.map((t) => `${t.service} ${t.version}  ${t.kind} ${t.name}  (via ${t.via})`),
  );
  section(
    'Operations',
    traced.operations.map(
      (o) =>
        `${o.service} ${o.version}  ${o.method} ${o.path}  (${[o.request ? 'request' : '', o.response ? 'response' : ''].filter(Boolean).join(' and ')})`,
    ),
  );
  section(
    'Event streams',
    traced.streams.map((s) => `${s.service} ${s.version}  ${s.union}`),
  );
  return `${lines.join('\n')}\n`;
}
