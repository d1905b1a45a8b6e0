import { existsSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import type { ImportResolver } from '../../core/import-resolver.js';
import type { Service } from '../../core/ir.js';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { type CanonConfig, loadConfig, parseConfig } from '../config.js';
import { changedSpecs, mergeBase } from '../gate/changed-specs.js';
import { render } from '../gate/format.js';
import { fileAt, gitTop, repoPath, verifyRef } from '../gate/git.js';
import { gateConfig, lintReport } from '../gate/lint-run.js';
import { failed, type SpecReport } from '../gate/report.js';
import { compare, failOnOf, formatOf } from '../gate/run.js';
import { LocalImportResolver } from '../local-resolver.js';
import { loadSpecText, readSpec } from '../read-spec.js';
import { readText } from '../read-text.js';

const HELP = `Usage: canon check --changed-since <git-ref> [<path>…] [--format F] [--fail-on L] [--no-lint]
       canon check <spec…> --against <git-ref> [--format F] [--fail-on L] [--no-lint]
       canon check <spec…> --against-registry [--org O] [--app A] [--registry URL] [options]

The CI gate. Compares each spec with its version at a git ref (for example origin/main) and lints
it. A spec that does not exist at that ref is new: it is linted, and nothing is breaking. A spec
that exists at the ref but has been deleted is compared with an empty service of the same name:
every operation and type it defined is reported as removed. The version at the ref resolves its
imports as they were there too (canon.config.json and the imported files at the ref), so a change
in an imported spec that this spec uses is reported as well.

With --changed-since, git says which specs to check: every spec file (.json, .yaml, .yml,
except canon.config.json, package.json and the like) under the given paths (default specs/)
that differs from the commit where this branch left <git-ref> (their merge base), untracked
files included. A renamed spec is compared with its old path's version; a deleted one is gated
as the removal of everything it defined; when canon.config.json or a file it maps imports to
changed, every spec under the paths is checked again. Nothing to name, nothing to forget.

Options:
  --changed-since <git-ref>
                       find the changed specs with git and compare each with its version at
                       the merge base of <git-ref> and HEAD (in a pull request: origin/<base>)
  --against <git-ref>  the baseline: a branch, tag or commit (fetch it first in CI)
  --format text|json|markdown|github|junit
                       text (default); json {"specs", "changes", "summary", "findings"};
                       markdown a pull-request comment; github annotations at the spec line;
                       junit for CI test reports
  --fail-on breaking|warning|never
                       exit 1 when a change at or above this level, or a lint finding of the
                       matching level (error ~ breaking), is found (default breaking)
  --no-lint            only compare
  --against-registry   the baseline is the latest version in the registry (a service it does
                       not hold yet is new); --org and --registry default to canon.config.json
                       "registry", --app to the spec's name; the token comes from CANON_TOKEN

Configuration (canon.config.json): "diff" and "lint" sections, see 'canon diff --help' and
'canon lint --help'.

Exit codes: 0 passes, 1 breaking changes, lint errors or an invalid spec,
            2 usage error, unknown ref or a file that cannot be read.`;

export const command: Command = {
  name: 'check',
  summary: 'CI gate: diff specs against a git ref or the registry, and lint them',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        against: { type: 'string' },
        'changed-since': { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        'no-lint': { type: 'boolean' },
        'against-registry': { type: 'boolean' },
        org: { type: 'string' },
        app: { type: 'string' },
        registry: { type: 'string' },
      },
      'check',
    );
    const format = formatOf(values.format, 'check');
    const failOn = failOnOf(values['fail-on'], 'check');
    const since = values['changed-since'];
    if (since !== undefined && (values.against !== undefined || values['against-registry']))
      throw new UsageError(
        '--changed-since finds its own baseline; leave out --against and --against-registry.',
      );
    if (positionals.length === 0 && since === undefined)
      throw new UsageError(
        "name at least one spec file, e.g. 'canon check specs/api.json --against origin/main'.",
      );
    /** Prints the report of every spec; exit 1 when it fails at `--fail-on`. */
    const finish = (specs: SpecReport[]): number => {
      const report = { command: 'check' as const, specs, lintSkipped: values['no-lint'] === true };
      io.out(render(report, format, failOn));
      return failed(report, failOn) ? EXIT.problems : EXIT.ok;
    };
    if (values['against-registry']) {
      const config = await loadConfig(io.cwd);
      const { checkAgainstRegistry, registryCheckTarget } = await import('../registry/check-against.js');
      const target = registryCheckTarget(config, values, io.env);
      const settings = gateConfig(config);
      const specs: SpecReport[] = [];
      for (const file of positionals) {
        const ctx = { cwd: io.cwd, config, settings, lint: !values['no-lint'], target };
        const app = values.app === undefined ? {} : { application: values.app };
        specs.push(await checkAgainstRegistry(file, { ...ctx, ...app }));
      }
      return finish(specs);
    }
    const given = since ?? values.against;
    if (given === undefined || given === '')
      throw new UsageError(
        "say what to compare against: '--changed-since origin/main' or '--against origin/main' (a git ref).",
      );
    const config = await loadConfig(io.cwd);
    const settings = gateConfig(config);
    const top = await gitTop(io.cwd);
    await verifyRef(top, given);
    const ref = since === undefined ? given : await mergeBase(top, given);
    const baseline = await baselineAt(top, ref, config);
    const targets =
      since === undefined
        ? positionals.map((file) => ({ file }))
        : await changedTargets(top, io.cwd, ref, positionals, config);
    const specs: SpecReport[] = [];
    for (const target of targets) {
      const ctx = { top, ref, cwd: io.cwd, config, settings, lint: !values['no-lint'], baseline };
      specs.push(await checkOne(target, ctx));
    }
    return finish(specs);
  },
};

interface CheckContext {
  top: string;
  ref: string;
  cwd: string;
  config: CanonConfig;
  settings: ReturnType<typeof gateConfig>;
  lint: boolean;
  /** How the versions at the ref are loaded. */
  baseline: Baseline;
}

interface Baseline {
  config: CanonConfig;
  resolver: ImportResolver;
}

/**
 * The config and import resolver the versions at `ref` load with: canon.config.json as it was
 * there (the current one if it did not exist or does not parse there), and imported files as they
 * were there, so that a change in an imported spec shows up as a change. An imported file outside
 * the repository, or not in it at the ref, is read from disk: it is not versioned with the specs.
 */
async function baselineAt(top: string, ref: string, current: CanonConfig): Promise<Baseline> {
  const config = await configAt(top, ref, current);
  const read = async (path: string): Promise<string> => (await fileAt(top, ref, path)) ?? readText(path);
  return { config, resolver: new LocalImportResolver(config, read) };
}

/** canon.config.json as it was at `ref`; the current one when it was not there or did not parse. */
async function configAt(top: string, ref: string, current: CanonConfig): Promise<CanonConfig> {
  if (current.file === undefined) return current;
  const text = await fileAt(top, ref, current.file);
  if (text === undefined) return current;
  try {
    return parseConfig(text, current.file);
  } catch {
    // A config that did not parse at the ref broke every command there; the current one is the
    // best guess at what was meant.
    return current;
  }
}

/** A spec to check: its file now and, when it was renamed, where it was at the ref. */
interface Target {
  file: string;
  before?: string;
}

/**
 * `--changed-since`: the specs git reports changed under `paths` (default specs/), and all of
 * them again when canon.config.json or an imported file changed.
 */
async function changedTargets(
  top: string,
  cwd: string,
  base: string,
  paths: readonly string[],
  config: CanonConfig,
): Promise<Target[]> {
  const searched = paths.length > 0 ? paths : ['specs'];
  if (paths.length === 0 && !existsSync(resolve(cwd, 'specs')))
    throw new UsageError(
      "--changed-since looks for specs under specs/ by default, and there is none here; name the directories that hold your specs, e.g. 'canon check --changed-since origin/main apis/'.",
    );
  // Only files inside the repository can be asked about; git refuses pathspecs outside it.
  const watched = [...(config.file === undefined ? [] : [config.file]), ...importedFiles(config)].filter(
    (path) => repoPath(top, path) !== undefined,
  );
  const changed = await changedSpecs(top, cwd, base, searched, watched);
  return changed.map((c) => ({
    file: relative(cwd, c.path) || c.path,
    ...(c.before === undefined ? {} : { before: c.before }),
  }));
}

/** The files canon.config.json maps imports to, as absolute paths. */
function importedFiles(config: CanonConfig): string[] {
  const imports = config.raw.imports;
  if (typeof imports !== 'object' || imports === null || Array.isArray(imports)) return [];
  return Object.values(imports)
    .filter((p): p is string => typeof p === 'string')
    .map((p) => resolve(config.dir, p));
}

async function checkOne({ file, before }: Target, ctx: CheckContext): Promise<SpecReport> {
  const path = resolve(ctx.cwd, file);
  const inRepo = repoPath(ctx.top, path);
  if (inRepo === undefined) throw new UsageError(`${file} is outside the git repository at ${ctx.top}.`);
  const oldText = await fileAt(ctx.top, ctx.ref, before ?? path);
  const renamed = before === undefined ? {} : { previousFile: repoPath(ctx.top, before) ?? before };
  if (!existsSync(path)) return checkDeleted(file, inRepo, oldText, ctx);
  const current = await readSpec(file, ctx.cwd, ctx.config);
  let report: SpecReport;
  if (oldText === undefined) {
    report = { file: inRepo, status: 'new', changes: [], findings: [], diagnostics: [] };
  } else {
    const old = await loadText(oldText, basename(before ?? file), ctx);
    report = { ...compare(inRepo, old, current, ctx.settings.diff), ...renamed };
  }
  if (!ctx.lint || report.status === 'invalid') return report;
  const linted = lintReport(inRepo, current, ctx.settings.lint);
  return linted.status === 'invalid' ? linted : { ...report, findings: linted.findings };
}

/**
 * A spec deleted since the ref takes its whole API away from its clients: it is compared with an
 * empty service of the same identity, so the usual rules report every removal at its level.
 */
async function checkDeleted(
  file: string,
  inRepo: string,
  oldText: string | undefined,
  ctx: CheckContext,
): Promise<SpecReport> {
  if (oldText === undefined)
    throw new UsageError(`cannot read ${file}: no such file, here or at ${ctx.ref}.`);
  const old = await loadText(oldText, basename(file), ctx);
  if (!old.service) return compare(inRepo, old, old, ctx.settings.diff);
  const emptied = { ...old, diagnostics: [], service: withoutContents(old.service), text: '' };
  return compare(inRepo, old, emptied, ctx.settings.diff);
}

function withoutContents(service: Service): Service {
  return {
    ...service,
    headers: [],
    enums: [],
    interfaces: [],
    models: [],
    unions: [],
    resources: [],
    annotations: [],
  };
}

/** Loads the version at the ref as the current one is loaded, with the ref's imports. */
function loadText(text: string, name: string, ctx: CheckContext) {
  return loadSpecText(text, name, ctx.baseline.config, ctx.baseline.resolver);
}
