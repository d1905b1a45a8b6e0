import { type Diagnostic, isError } from '../../core/diagnostic.js';

/** How many warnings the summary lists one by one without `--verbose`. */
export const FIRST_WARNINGS = 5;

/**
 * The lines `canon generate` prints for a spec's warnings (an OpenAPI import's lossy constructs,
 * an unresolved service.json import): the count per code, then the first few (all with
 * `verbose`) with their JSON pointer and line, so nothing lossy passes in silence.
 *
 * @example
 * // stripe.json: 67 warnings (non-string-enum ×25, alias-inlined ×37, …); generated code says
 * //   "Not represented" where it cannot follow the document
 * //   stripe.json:1043:22 non-string-enum at /components/schemas/…: Only string enums map to …
 * //   … 62 more: --verbose lists them all
 */
export function warningSummary(file: string, diagnostics: readonly Diagnostic[], verbose: boolean): string {
  const warnings = diagnostics.filter((d) => !isError(d));
  if (warnings.length === 0) return '';
  const counts = new Map<string, number>();
  for (const d of warnings) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  const list = [...counts].map(([code, n]) => `${code} ×${n}`).join(', ');
  const plural = warnings.length === 1 ? '' : 's';
  const lines = [
    `${file}: ${warnings.length} warning${plural} (${list}); generated code says "Not represented" where it cannot follow the spec`,
  ];
  const shown = shownWarnings(diagnostics, verbose);
  for (const d of shown) {
    const where = d.line === undefined ? file : `${file}:${d.line}:${d.column}`;
    lines.push(`  ${where} ${d.code}${d.path === '' ? '' : ` at ${d.path}`}: ${d.message}`);
  }
  const hidden = warnings.length - shown.length;
  if (hidden > 0) lines.push(`  … ${hidden} more: --verbose lists them all`);
  return `${lines.join('\n')}\n`;
}

/** The warnings `warningSummary` lists one by one: the first few, or all with `verbose`. */
export function shownWarnings(diagnostics: readonly Diagnostic[], verbose: boolean): Diagnostic[] {
  const warnings = diagnostics.filter((d) => !isError(d));
  return verbose ? warnings : warnings.slice(0, FIRST_WARNINGS);
}
