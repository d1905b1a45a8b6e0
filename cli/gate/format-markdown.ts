import type { Change } from '../../core/diff/change.js';
import type { Finding } from '../../core/lint/finding.js';
import { type GateReport, type Located, linted, plural, type SpecReport, totals } from './report.js';

/** A pull-request comment: a verdict, a table per spec, breaking changes and errors up front. */
export function formatMarkdown(report: GateReport): string {
  const t = totals(report);
  const out: string[] = [];
  const verdict =
    t.breaking > 0 || t.lintErrors > 0 || report.specs.some((s) => s.status === 'invalid')
      ? '❌ This change needs attention'
      : t.warning > 0 || t.lintWarnings > 0
        ? '⚠️ No breaking changes, some warnings'
        : '✅ No breaking changes';
  out.push(`## Canon ${report.command}: ${verdict}`, '');
  if (report.specs.length === 0) return `${[...out, 'No spec changed.'].join('\n')}\n`;
  const diffs = report.command !== 'lint';
  const lints = linted(report);
  const header = [
    'Spec',
    ...(diffs ? ['Breaking', 'Warnings', 'Info'] : []),
    ...(lints ? ['Lint errors', 'Lint warnings'] : []),
  ];
  out.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  for (const s of report.specs) {
    const count = (level: string) => String(s.changes.filter((c) => c.level === level).length);
    const cells = [
      `\`${cell(s.file)}\`${s.status === 'new' ? ' (new)' : s.status === 'invalid' ? ' (invalid)' : ''}${s.previousFile ? ` (renamed from \`${cell(s.previousFile)}\`)` : ''}`,
      ...(diffs ? [count('breaking'), count('warning'), count('info')] : []),
      ...(lints
        ? [
            String(s.findings.filter((f) => f.level === 'error').length),
            String(s.findings.filter((f) => f.level === 'warning').length),
          ]
        : []),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  for (const s of report.specs) out.push(...specSection(s));
  return `${out.join('\n')}\n`;
}

function specSection(s: SpecReport): string[] {
  const out: string[] = [];
  if (s.diagnostics.length === 0 && s.changes.length === 0 && s.findings.length === 0) return out;
  out.push('', `### \`${cell(s.file)}\``);
  if (s.diagnostics.length > 0) {
    out.push('', '**The spec does not load:**', '');
    for (const d of s.diagnostics)
      out.push(`- \`${d.code}\`${d.line === undefined ? '' : ` (line ${d.line})`}: ${text(d.message)}`);
  }
  const group = (title: string, items: string[], open: boolean) => {
    if (items.length === 0) return;
    if (open) out.push('', `**${title}**`, '', ...items);
    else out.push('', `<details><summary>${title}</summary>`, '', ...items, '', '</details>');
  };
  const changes = (level: string) => s.changes.filter((c) => c.level === level).map(changeItem);
  const findings = (level: string) => s.findings.filter((f) => f.level === level).map(findingItem);
  group(`Breaking changes (${changes('breaking').length})`, changes('breaking'), true);
  group(`Lint errors (${findings('error').length})`, findings('error'), true);
  group(`Warnings (${changes('warning').length})`, changes('warning'), true);
  group(plural(findings('warning').length, 'lint warning'), findings('warning'), false);
  group(plural(changes('info').length, 'other change'), changes('info'), false);
  return out;
}

function changeItem(c: Located<Change>): string {
  return `- \`${c.rule}\` ${text(c.message)}${where(c.path, c.line)}`;
}

function findingItem(f: Located<Finding>): string {
  return `- \`${f.rule}\` ${text(f.message)}${where(f.path, f.line)}`;
}

function where(path: string, line: number | undefined): string {
  const at = path === '' ? 'service' : path;
  return ` — <sub>\`${cell(at)}\`${line === undefined ? '' : `, line ${line}`}</sub>`;
}

/** Spec text must not turn into markup (or close our code spans and tables). */
function text(value: string): string {
  return value.replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`);
}

function cell(value: string): string {
  return value.replaceAll('`', "'").replaceAll('|', '\\|');
}
