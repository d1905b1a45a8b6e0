import type { Change } from '../../core/diff/change.js';
import type { Finding } from '../../core/lint/finding.js';
import { type GateReport, type Located, linted, plural, type SpecReport } from './report.js';

/** For people: per spec, changes grouped by level (breaking first), then lint findings. */
export function formatText(report: GateReport): string {
  if (report.specs.length === 0) return 'no spec to check: none changed\n';
  return report.specs.map((spec) => specText(report, spec)).join('\n');
}

function specText(report: GateReport, spec: SpecReport): string {
  const lines: string[] = [];
  const where = (line: number | undefined) => (line === undefined ? spec.file : `${spec.file}:${line}`);
  if (spec.status === 'invalid') {
    lines.push(`${spec.file}: cannot be compared or linted; fix these first:`);
    for (const d of spec.diagnostics)
      lines.push(`  ${d.line === undefined ? '' : `line ${d.line}: `}${d.code}: ${d.message}`);
    return `${lines.join('\n')}\n`;
  }
  if (report.command !== 'lint') {
    const counts = (['breaking', 'warning', 'info'] as const).map((level) =>
      plural(
        spec.changes.filter((c) => c.level === level).length,
        level === 'breaking' ? 'breaking change' : level === 'warning' ? 'warning' : 'info change',
      ),
    );
    lines.push(
      spec.status === 'new'
        ? `${spec.file}: new spec (nothing to compare against)`
        : `${spec.file}${spec.previousFile ? ` (renamed from ${spec.previousFile})` : ''}: ${counts.join(', ')}`,
    );
    for (const level of ['breaking', 'warning', 'info'] as const) {
      const group = spec.changes.filter((c) => c.level === level);
      if (group.length === 0) continue;
      lines.push(`  ${level.toUpperCase()}`);
      for (const c of group) lines.push(...changeLines(c, where(c.line)));
    }
  }
  if (linted(report)) {
    const errors = spec.findings.filter((f) => f.level === 'error');
    const warnings = spec.findings.filter((f) => f.level === 'warning');
    lines.push(`${spec.file}: lint ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}`);
    for (const [title, group] of [
      ['ERRORS', errors],
      ['WARNINGS', warnings],
    ] as const) {
      if (group.length === 0) continue;
      lines.push(`  ${title}`);
      for (const f of group) lines.push(...findingLines(f, where(f.line)));
    }
  }
  return `${lines.join('\n')}\n`;
}

function changeLines(c: Located<Change>, where: string): string[] {
  return [`    ${c.rule}: ${c.message}`, `      at ${c.path || '(service)'} (${where})`];
}

function findingLines(f: Located<Finding>, where: string): string[] {
  return [`    ${f.rule}: ${f.message}`, `      at ${f.path || '(service)'} (${where})`];
}
