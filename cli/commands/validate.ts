import { type Diagnostic, isError } from '../../core/diagnostic.js';
import type { LoadResult } from '../../core/load.js';
import { type Command, EXIT, formatOption, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';
import { readSpec } from '../read-spec.js';

const HELP = `Usage: canon validate <spec…> [--format text|json]

Checks each spec (api.json, service.json or OpenAPI) and reports every problem at once.

Options:
  --format text|json   text (default) for people; json prints {"valid", "errors", "warnings"}
                       per file (an array when several files are given)

Every file named is reported, in order, also after one that cannot be read.

Exit codes: 0 every spec is valid, 1 a spec has problems (including malformed JSON),
            2 usage error or a file that cannot be read (the others are still checked).`;

export const command: Command = {
  name: 'validate',
  summary: 'Check specs for errors',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' } }, 'validate');
    const format = formatOption(values.format, ['text', 'json'] as const, 'validate');
    if (positionals.length === 0)
      throw new UsageError("name at least one spec file, e.g. 'canon validate specs/api.json'.");
    const config = await loadConfig(io.cwd);
    // Every file is reported, the unreadable ones too: one missing file hides none of the others.
    const results: { file: string; result: LoadResult | UsageError }[] = [];
    for (const file of positionals) {
      const result = await readSpec(file, io.cwd, config).catch((error: unknown) => {
        if (error instanceof UsageError) return error;
        throw error;
      });
      results.push({ file, result });
    }

    if (format === 'json') {
      const reports = results.map(({ file, result }) =>
        result instanceof UsageError
          ? {
              file,
              valid: false,
              errors: [{ code: 'unreadable', path: '', message: result.message }],
              warnings: [],
            }
          : jsonReport(file, result),
      );
      io.out(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
    } else {
      for (const { file, result } of results) {
        if (result instanceof UsageError) io.err(`canon validate: ${result.message}\n`);
        else io.out(textReport(file, result));
      }
    }
    if (results.some(({ result }) => result instanceof UsageError)) return EXIT.usage;
    return results.every(({ result }) => !(result instanceof UsageError) && isValid(result))
      ? EXIT.ok
      : EXIT.problems;
  },
};

export function isValid(result: LoadResult): boolean {
  return result.service !== undefined && !result.diagnostics.some(isError);
}

function jsonReport(file: string, result: LoadResult) {
  const plain = (d: Diagnostic) => ({
    code: d.code,
    path: d.path,
    message: d.message,
    ...(d.line === undefined ? {} : { line: d.line, column: d.column }),
  });
  return {
    file,
    valid: isValid(result),
    errors: result.diagnostics.filter(isError).map(plain),
    warnings: result.diagnostics.filter((d) => !isError(d)).map(plain),
  };
}

function textReport(file: string, result: LoadResult): string {
  const lines: string[] = [];
  const errors = result.diagnostics.filter(isError);
  const warnings = result.diagnostics.filter((d) => !isError(d));
  for (const d of [...errors, ...warnings]) {
    const where = d.line === undefined ? file : `${file}:${d.line}:${d.column}`;
    const level = isError(d) ? 'error' : 'warning';
    lines.push(`${where}: ${level} ${d.code}: ${d.message}${d.path ? ` (at ${d.path})` : ''}`);
  }
  if (isValid(result)) {
    const s = result.service!;
    const warned =
      warnings.length > 0 ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
    lines.push(
      `${file}: valid ${result.format} — ${s.name} (${s.models.length} models, ${s.enums.length} enums, ${s.unions.length} unions, ${s.resources.length} resources)${warned}`,
    );
  } else {
    lines.push(
      `${file}: ${errors.length} error${errors.length === 1 ? '' : 's'}${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
