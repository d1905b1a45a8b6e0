import { changeFails, type FailOn, findingFails, type GateReport } from './report.js';

/**
 * GitHub Actions workflow commands, one per change and finding, pointing at the spec line:
 * `::error file=specs/api.json,line=12,title=response-field-removed::field 'email' …`.
 * What fails the run is an error; other warnings are warnings; info changes are notices.
 */
export function formatGithub(report: GateReport, failOn: FailOn): string {
  const lines: string[] = [];
  for (const spec of report.specs) {
    for (const d of spec.diagnostics) lines.push(command('error', spec.file, d.line, d.code, d.message));
    for (const c of spec.changes) {
      const kind = changeFails(c.level, failOn) ? 'error' : c.level === 'info' ? 'notice' : 'warning';
      lines.push(
        command(kind, spec.file, c.line, c.rule, `${c.message} (${c.level}, at ${c.path || 'service'})`),
      );
    }
    for (const f of spec.findings) {
      const kind = findingFails(f.level, failOn) ? 'error' : 'warning';
      lines.push(
        command(kind, spec.file, f.line, f.rule, `${f.message} (lint ${f.level}, at ${f.path || 'service'})`),
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function command(
  kind: string,
  file: string,
  line: number | undefined,
  title: string,
  message: string,
): string {
  const props = [
    `file=${property(file)}`,
    ...(line === undefined ? [] : [`line=${line}`]),
    `title=${property(title)}`,
  ];
  return `::${kind} ${props.join(',')}::${data(message)}`;
}

/** Escaping as the runner's command parser expects it. */
function data(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function property(text: string): string {
  return data(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
