import type { DiffOptions } from '../../core/diff/index.js';
import {
  LINT_RULES,
  type LintConfig,
  lint,
  parseLintConfig,
  sourceOfFinding,
} from '../../core/lint/index.js';
import type { LoadResult } from '../../core/load.js';
import type { CanonConfig } from '../config.js';
import { loadErrors, locate, type SpecReport } from './report.js';
import { diffSection, throwProblems } from './run.js';

// What `canon lint` and `canon check` need beyond run.ts; `canon diff` never loads the lint rules.

/** The `diff` and `lint` sections of `canon.config.json`, checked; a bad section is a usage error. */
export function gateConfig(config: CanonConfig): { diff: DiffOptions; lint: LintConfig } {
  const d = diffSection(config);
  const l = parseLintConfig(
    config.raw.lint,
    LINT_RULES.map((r) => r.id),
  );
  throwProblems(config, [...d.problems, ...l.problems]);
  return { diff: d.options, lint: l.config };
}

/** Lints one loaded spec; findings point at its lines. */
export function lintReport(file: string, result: LoadResult, config: LintConfig): SpecReport {
  const diagnostics = loadErrors(result);
  if (diagnostics.length > 0 || !result.service)
    return { file, status: 'invalid', changes: [], findings: [], diagnostics };
  const findings = lint(result.service, config);
  return {
    file,
    status: 'linted',
    changes: [],
    findings: locate(findings, sourceOfFinding, result),
    diagnostics: [],
  };
}
