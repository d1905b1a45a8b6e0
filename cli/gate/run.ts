import type { Change } from '../../core/diff/change.js';
import { parseDiffConfig } from '../../core/diff/config.js';
import { DIFF_RULES, type DiffOptions, diff, sourceOf } from '../../core/diff/index.js';
import { importKey } from '../../core/diff/walk.js';
import type { Service } from '../../core/ir.js';
import type { LoadResult } from '../../core/load.js';
import { formatOption, UsageError } from '../command.js';
import type { CanonConfig } from '../config.js';
import { FORMATS, type Format } from './format.js';
import { type FailOn, loadErrors, locate, type SpecReport } from './report.js';

/**
 * The `diff` section of `canon.config.json`, checked; a bad section is a usage error. `canon diff`
 * reads only this one, so that it does not load the lint rules (~17 ms of module loading).
 */
export function diffConfig(config: CanonConfig): DiffOptions {
  const section = diffSection(config);
  throwProblems(config, section.problems);
  return section.options;
}

/** The `diff` section parsed, with its problems still to report. */
export function diffSection(config: CanonConfig): ReturnType<typeof parseDiffConfig> {
  return parseDiffConfig(
    config.raw.diff,
    DIFF_RULES.map((r) => r.id),
  );
}

/** Throws the problems found in `config` as one usage error. */
export function throwProblems(config: CanonConfig, problems: readonly string[]): void {
  if (problems.length > 0)
    throw new UsageError(`${config.file ?? 'canon.config.json'}: ${problems.join(' ')}`);
}

export function formatOf(value: unknown, command: string): Format {
  return formatOption(value, FORMATS, command);
}

/** Reads `--fail-on`; `lint` spells the top level `error`, the others `breaking`. */
export function failOnOf(value: unknown, command: string): FailOn {
  const top = command === 'lint' ? 'error' : 'breaking';
  const given = (value ?? top) as string;
  if (given === top || (command === 'lint' && given === 'breaking')) return 'breaking';
  if (given === 'warning' || given === 'never') return given;
  throw new UsageError(
    `--fail-on ${given} is not supported by 'canon ${command}'; use ${top}, warning or never.`,
  );
}

/**
 * For a change inside an imported type (`imports/<org>/<app>/models/…`), which lies in another
 * file, the import that brings it in: the line the change is shown at in this spec.
 */
function importOf(change: Change, service: Service): object | undefined {
  return service.imports.find((i) => change.path.startsWith(`imports/${importKey(i)}/`));
}

/** Diffs two loaded versions; the changes point at lines of the new version. */
export function compare(
  file: string,
  before: LoadResult,
  after: LoadResult,
  options: DiffOptions,
): SpecReport {
  // The old version's lines are not lines of the file being reported, so they are dropped.
  const old = loadErrors(before).map(({ line: _line, column: _column, ...d }) => ({
    ...d,
    message: `old version: ${d.message}`,
  }));
  const diagnostics = [...old, ...loadErrors(after)];
  if (diagnostics.length > 0 || !before.service || !after.service)
    return { file, status: 'invalid', changes: [], findings: [], diagnostics };
  const imports = { before: before.imports, after: after.imports };
  const changes = diff(before.service, after.service, { ...options, imports });
  const service = after.service;
  return {
    file,
    status: 'compared',
    changes: locate(changes, (c) => importOf(c, service) ?? sourceOf(c)?.after, after),
    findings: [],
    diagnostics: [],
  };
}
