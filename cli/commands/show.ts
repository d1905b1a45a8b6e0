import { isError } from '../../core/diagnostic.js';
import type { Operation, Service } from '../../core/ir.js';
import { formatTypeRef } from '../../core/type-ref.js';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { readSpec } from '../read-spec.js';

const HELP = `Usage: canon show <spec>

Summarizes a spec: its identity, counts of each kind of type, and every resource's operations
as 'METHOD /path → response type'. Problems are listed first; the summary is shown whenever the
spec could be read.

Exit codes: 0 shown, 1 the spec has errors, 2 usage error or unreadable file.`;

export const command: Command = {
  name: 'show',
  summary: "Summarize a spec: counts and each resource's operations",
  help: HELP,
  async run(argv, io) {
    const { positionals } = parseCommandArgs(argv, {}, 'show');
    if (positionals.length !== 1)
      throw new UsageError("name exactly one spec file, e.g. 'canon show specs/api.json'.");
    const file = positionals[0]!;
    const result = await readSpec(file, io.cwd);
    const errors = result.diagnostics.filter(isError);
    for (const d of errors)
      io.err(`${file}${d.line ? `:${d.line}:${d.column}` : ''}: ${d.code}: ${d.message}\n`);
    if (result.service) io.out(summary(result.service));
    return errors.length > 0 || !result.service ? EXIT.problems : EXIT.ok;
  },
};

/** The text `canon show` prints. */
export function summary(service: Service): string {
  const lines = [
    `${service.name} ${service.version} (${service.organization.key}/${service.application.key}, namespace ${service.namespace})`,
  ];
  if (service.baseUrl) lines.push(`base url: ${service.baseUrl}`);
  const counts: [string, number][] = [
    ['models', service.models.length],
    ['enums', service.enums.length],
    ['unions', service.unions.length],
    ['interfaces', service.interfaces.length],
    ['resources', service.resources.length],
    ['operations', service.resources.reduce((n, r) => n + r.operations.length, 0)],
    ['imports', service.imports.length],
  ];
  lines.push(counts.map(([label, n]) => `${n} ${label}`).join(', '));
  for (const resource of service.resources) {
    lines.push(
      '',
      `${formatTypeRef(resource.type, service.namespace)}${resource.path ? ` (${resource.path})` : ''}`,
    );
    for (const operation of resource.operations) {
      lines.push(
        `  ${operation.method.padEnd(6)} ${operation.path} → ${resultType(operation, service.namespace)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function resultType(operation: Operation, namespace: string): string {
  const success = operation.responses.find(
    (r) => typeof r.code === 'number' && r.code >= 200 && r.code < 300,
  );
  return success
    ? `${formatTypeRef(success.type, namespace)}${success.code === 200 ? '' : ` (${success.code})`}`
    : 'no success response';
}
