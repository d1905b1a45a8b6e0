import { type Diagnostic, isError } from '../../core/diagnostic.js';
import type { Change, ChangeLevel } from '../../core/diff/change.js';
import { locatePointers } from '../../core/json-locate.js';
import type { Finding } from '../../core/lint/finding.js';
import type { LoadResult } from '../../core/load.js';

/** A change or finding with the spec line it points at (1-based), when the source is known. */
export type Located<T> = T & { line?: number };

/** What the gate found for one spec file. */
export interface SpecReport {
  /** The file as the user named it (`check`: relative to the repository top). */
  file: string;
  /** Where the spec was at the baseline, when it has been renamed since (`check --changed-since`). */
  previousFile?: string;
  /** `new`: absent at the baseline, so nothing to diff; `invalid`: the spec did not load cleanly. */
  status: 'compared' | 'new' | 'linted' | 'invalid';
  changes: Located<Change>[];
  findings: Located<Finding>[];
  /** Errors that made the spec (or its old version) unusable. */
  diagnostics: Diagnostic[];
}

export interface GateReport {
  command: 'diff' | 'lint' | 'check';
  specs: SpecReport[];
  /** `check --no-lint`: nothing was linted, so there is no lint result to show. */
  lintSkipped?: boolean;
}

/** Whether the report carries lint results (`diff` never lints, `check --no-lint` does not). */
export function linted(report: GateReport): boolean {
  return report.command !== 'diff' && report.lintSkipped !== true;
}

/** `--fail-on`: the lowest level that fails the run. Lint errors count as breaking, lint warnings as warnings. */
export type FailOn = 'breaking' | 'warning' | 'never';

/** Maps IR elements to the line they start on in the loaded text (via the loader's source pointers). */
export function lineFinder(result: LoadResult): (elements: (object | undefined)[]) => (number | undefined)[] {
  return (elements) => {
    const pointers = elements.map((e) => (e === undefined ? undefined : result.pointers.get(e)));
    const wanted = pointers.filter((p): p is string => p !== undefined);
    if (wanted.length === 0 || result.text === '') return pointers.map(() => undefined);
    const positions = locatePointers(result.text, wanted);
    return pointers.map((p) => (p === undefined ? undefined : positions.get(p)?.line));
  };
}

/** Attaches lines to items, given the IR element each one is about. */
export function locate<T extends object>(
  items: T[],
  elementOf: (item: T) => object | undefined,
  result: LoadResult,
): Located<T>[] {
  const lines = lineFinder(result)(items.map(elementOf));
  return items.map((item, i) => {
    const line = lines[i];
    return line === undefined ? item : { ...item, line };
  });
}

/** The errors among a load's diagnostics. */
export function loadErrors(result: LoadResult): Diagnostic[] {
  return result.service === undefined && result.diagnostics.length === 0
    ? [{ code: 'unreadable', path: '', message: 'The document could not be read as a spec.' }]
    : result.diagnostics.filter(isError);
}

const CHANGE_RANK: Record<ChangeLevel, number> = { breaking: 2, warning: 1, info: 0 };

/** True when a change is at or above the `--fail-on` threshold. */
export function changeFails(level: ChangeLevel, failOn: FailOn): boolean {
  return failOn !== 'never' && CHANGE_RANK[level] >= CHANGE_RANK[failOn];
}

/** True when a lint finding is at or above the threshold (an error ranks with breaking). */
export function findingFails(level: Finding['level'], failOn: FailOn): boolean {
  return changeFails(level === 'error' ? 'breaking' : 'warning', failOn);
}

/** Exit 1 when anything reaches the threshold or a spec is invalid, else 0. */
export function failed(report: GateReport, failOn: FailOn): boolean {
  return report.specs.some(
    (s) =>
      s.diagnostics.length > 0 ||
      s.changes.some((c) => changeFails(c.level, failOn)) ||
      s.findings.some((f) => findingFails(f.level, failOn)),
  );
}

/** Counts over every spec. */
export function totals(report: GateReport) {
  const sum = { breaking: 0, warning: 0, info: 0, lintErrors: 0, lintWarnings: 0 };
  for (const s of report.specs) {
    for (const c of s.changes) sum[c.level]++;
    for (const f of s.findings) f.level === 'error' ? sum.lintErrors++ : sum.lintWarnings++;
  }
  return sum;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
