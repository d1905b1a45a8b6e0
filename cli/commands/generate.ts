import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { isError } from '../../core/diagnostic.js';
import type { JsonObject } from '../../core/ir.js';
import { locateDiagnostics } from '../../core/load.js';
import type { Generator } from '../../generators/contract.js';
import { type OwnedFile, PACKAGE_LABEL } from '../../generators/run.js';
import { type Command, EXIT, type Io, parseCommandArgs, UsageError } from '../command.js';
import { type CanonConfig, loadConfig } from '../config.js';
import { applyOutput, type OutputRun, readIfExists } from '../output/apply.js';
import {
  leftoverState,
  MANIFEST_FILE,
  manifestText,
  type PlannedFile,
  planManifest,
  readManifest,
} from '../output/manifest.js';
import { shownWarnings, warningSummary } from '../output/warning-summary.js';
import { readSpec } from '../read-spec.js';

const HELP = `Usage: canon generate <spec> --generator <name>[,<name>…] --out <dir> [options]

Runs generators on a spec and writes their files into <dir>. Generators a requested one depends
on run too (typescript-mock-client brings typescript-types and typescript-client).
Files marked as scaffolding (code you then own) are written only when absent. What was written
is listed in <dir>/.canon-generated.json (commit it): a listed file that these generators no
longer make (the module of a removed model, say) is deleted, unless it was edited since. Files
it never listed are never touched.

Options:
  -g, --generator <names>    generators to run, comma-separated (see 'canon generators')
  -o, --out <dir>            output directory
  --package                  write an installable npm package: package.json and dist/ with
                             JavaScript for ESM and CommonJS consumers, and .d.ts
  --package-name <name>      package name (default: canon.config.json "package": { "name" },
                             else @<organization>/<application>-client)
  --package-version <v>      package version (default: the spec's version)
  --check                    write nothing; exit 1 with a unified diff when the files on disk
                             differ from what would be generated (a CI freshness gate)
  --config <file>            canon.config.json to use (default: found from the current directory)
  --verbose                  list every warning of the spec (an OpenAPI import's lossy
                             constructs), not only the count per code and the first five

canon.config.json:
  "generators": ["./tools/my-generator.js", "some-package"]   third-party generators
  "generatorOptions": { "<generator>": { … } }                 options, checked against its schema

Exit codes: 0 written (or up to date with --check), 1 invalid spec or stale files,
            2 usage error or unreadable input.`;

const NOTE =
  'Files canon generate wrote here, so that it can delete those it no longer generates. Commit it with them.';

export const command: Command = {
  name: 'generate',
  summary: 'Generate code from a spec',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        generator: { type: 'string', short: 'g', multiple: true },
        out: { type: 'string', short: 'o' },
        package: { type: 'boolean' },
        'package-name': { type: 'string' },
        'package-version': { type: 'string' },
        check: { type: 'boolean' },
        config: { type: 'string' },
        verbose: { type: 'boolean' },
      },
      'generate',
    );
    const [specFile, ...extra] = positionals;
    if (specFile === undefined)
      throw new UsageError(
        "name a spec file, e.g. 'canon generate specs/api.json -g typescript-client -o src/generated'.",
      );
    if (extra.length > 0) throw new UsageError(`give one spec at a time (got also: ${extra.join(', ')}).`);
    const names = (values.generator ?? [])
      .flatMap((g) => g.split(','))
      .map((g) => g.trim())
      .filter((g) => g !== '');
    if (names.length === 0)
      throw new UsageError(
        "name at least one generator with --generator (list them with 'canon generators').",
      );
    if (values.out === undefined) throw new UsageError('name the output directory with --out <dir>.');
    if (
      !values.package &&
      (values['package-name'] !== undefined || values['package-version'] !== undefined)
    ) {
      throw new UsageError('--package-name and --package-version only apply with --package.');
    }

    await requireDirectory(resolve(io.cwd, values.out), values.out);
    const config = await loadConfig(io.cwd, values.config);
    io.progress?.(`reading ${specFile}`);
    // Errors are all printed with their line; of the warnings, only those the summary shows.
    const loaded = await readSpec(specFile, io.cwd, config, { locate: 'errors' });
    const errors = loaded.diagnostics.filter(isError);
    if (!loaded.service || errors.length > 0) {
      for (const d of errors) {
        const where = d.line === undefined ? specFile : `${specFile}:${d.line}:${d.column}`;
        io.err(`${where}: error ${d.code}: ${d.message}${d.path ? ` (at ${d.path})` : ''}\n`);
      }
      io.err(
        `canon generate: ${specFile} is not a valid spec (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing generated. Run 'canon validate ${specFile}' for details.\n`,
      );
      return EXIT.problems;
    }

    // Locating every warning would scan the whole text (Stripe's 4 MB for its last warning).
    locateDiagnostics(loaded.text, shownWarnings(loaded.diagnostics, values.verbose === true));
    const summary = warningSummary(specFile, loaded.diagnostics, values.verbose === true);
    if (summary !== '') io.err(summary);

    const { GeneratorError, resolveGenerators } = await import('../../generators/registry.js');
    const { GeneratorRunError, runGenerators } = await import('../../generators/run.js');
    let generators: Generator<JsonObject>[];
    try {
      generators = await resolveGenerators(names, { modules: configModules(config), baseDir: config.dir });
    } catch (error) {
      if (error instanceof GeneratorError) throw new UsageError(error.message);
      throw error;
    }
    const options = await generatorOptions(config, generators);
    let files: OwnedFile[];
    io.progress?.(`running ${generators.map((g) => g.name).join(', ')}`);
    try {
      files = runGenerators(generators, loaded.service, loaded.imports, options);
    } catch (error) {
      if (error instanceof GeneratorRunError) throw new UsageError(`${error.message}.`.replace(/\.\.$/, '.'));
      throw error;
    }

    if (values.package) {
      io.progress?.('compiling the package: JavaScript for ESM and CommonJS, and .d.ts (TypeScript)');
      const { packageFiles } = await import('../output/package.js');
      const overrides: { name?: string; version?: string } = {};
      const configured = configuredPackageName(config);
      if (configured !== undefined) overrides.name = configured;
      if (values['package-name'] !== undefined) overrides.name = values['package-name'];
      if (values['package-version'] !== undefined) overrides.version = values['package-version'];
      files = packageFiles(files, loaded.service, overrides).map((f) => ({
        ...f,
        generator: PACKAGE_LABEL,
      }));
    }

    const outDir = resolve(io.cwd, values.out);
    // A package's files all carry PACKAGE_LABEL (above), so a --package run owns only those.
    const ran = new Set(values.package ? [PACKAGE_LABEL] : generators.map((g) => g.name));
    const { manifest: previous, problem } = await readManifest(outDir);
    if (problem !== undefined) {
      const name = relative(io.cwd, join(outDir, MANIFEST_FILE));
      io.err(
        `canon generate: cannot read ${name} (${problem}), so no file that is no longer generated is deleted; resolve it (a merge conflict?) or delete it and run again.\n`,
      );
    }
    const planned: PlannedFile[] = files.map((f) => ({
      path: f.path,
      contents: f.contents,
      bytes: Buffer.from(f.contents),
      ...(f.scaffolding ? { scaffolding: true } : {}),
      entry: { generator: f.generator },
    }));
    // Entries with a service are canon update's, should it share the directory.
    const plan = planManifest(previous, planned, (e) => ran.has(e.generator) && e.service === undefined);
    const manifest = plan.next.size > 0 || previous.size > 0 ? manifestText(plan.next, NOTE) : undefined;
    const output: OutputRun = {
      root: outDir,
      files: planned,
      plan,
      manifest,
      label: (path) => relative(io.cwd, join(outDir, path)) || '.',
    };
    io.progress?.(values.check ? 'comparing with the files on disk' : `writing ${planned.length} files`);
    return values.check ? check(output, io) : write(output, io);
  },
};

/** canon.config.json `"package": { "name": "@acme/users" }`: the package name, unless --package-name says otherwise. */
function configuredPackageName(config: CanonConfig): string | undefined {
  const section = config.raw.package;
  if (section === undefined) return undefined;
  const name = (section as { name?: unknown } | null)?.name;
  if (typeof section !== 'object' || section === null || Array.isArray(section) || typeof name !== 'string')
    throw new UsageError(
      `"package" in ${config.file} must be an object with a "name" string, e.g. { "name": "@acme/users" }.`,
    );
  return name;
}

/** `--out` must be a directory, or not exist yet (it is created); a file there is a usage error. */
async function requireDirectory(path: string, given: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info !== undefined && !info.isDirectory())
    throw new UsageError(
      `--out ${given} is a file, not a directory; name a directory for the generated files (it is created when missing).`,
    );
}

function configModules(config: CanonConfig): string[] {
  const entries = config.raw.generators;
  if (entries === undefined) return [];
  if (!Array.isArray(entries) || entries.some((e) => typeof e !== 'string')) {
    throw new UsageError(`"generators" in ${config.file} must be an array of module paths or package names.`);
  }
  return entries as string[];
}

/** Options per generator from canon.config.json, checked against each generator's JSON Schema. */
async function generatorOptions(
  config: CanonConfig,
  generators: readonly Generator<JsonObject>[],
): Promise<Map<string, JsonObject>> {
  const raw = config.raw.generatorOptions;
  const out = new Map<string, JsonObject>();
  if (raw === undefined) return out;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`"generatorOptions" in ${config.file} must be an object keyed by generator name.`);
  }
  const { Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  const problems: string[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const generator = generators.find((g) => g.name === name);
    if (!generator) continue;
    const merged = { ...generator.options.defaults, ...(value as JsonObject) };
    const validate = ajv.compile(generator.options.schema);
    if (!validate(merged)) {
      for (const e of validate.errors ?? [])
        problems.push(`generatorOptions.${name}${e.instancePath.replaceAll('/', '.')}: ${e.message}`);
    } else out.set(name, value as JsonObject);
  }
  if (problems.length > 0)
    throw new UsageError(`invalid generator options in ${config.file}: ${problems.join('; ')}.`);
  return out;
}

async function write(output: OutputRun, io: Io): Promise<number> {
  const outcome = await applyOutput(output, { dryRun: false });
  for (const { path, reason } of outcome.kept) {
    io.err(
      `canon generate: kept ${output.label(path)}, which is no longer generated: ${reason}. Delete it if nothing needs it.\n`,
    );
  }
  const written = outcome.written.length;
  const notes = [
    outcome.unchanged.length > 0 ? `${outcome.unchanged.length} unchanged` : '',
    outcome.keptScaffolding.length > 0 ? `${outcome.keptScaffolding.length} scaffolding kept` : '',
    outcome.deleted.length > 0
      ? `${outcome.deleted.length} no longer generated, deleted: ${outcome.deleted.join(', ')}`
      : '',
  ].filter(Boolean);
  io.out(
    `wrote ${written} file${written === 1 ? '' : 's'} to ${output.label('.')}${notes.length ? ` (${notes.join(', ')})` : ''}\n`,
  );
  return EXIT.ok;
}

async function check({ files, plan, manifest, root: outDir }: OutputRun, io: Io): Promise<number> {
  const { createTwoFilesPatch } = await import('diff');
  const stale: string[] = [];
  const expected: readonly { path: string; contents: string; scaffolding?: boolean }[] =
    manifest === undefined ? files : [...files, { path: MANIFEST_FILE, contents: manifest }];
  for (const file of expected) {
    const current = await readIfExists(join(outDir, file.path));
    if (file.scaffolding) {
      if (current === undefined) stale.push(file.path);
      continue;
    }
    if (current === file.contents) continue;
    stale.push(file.path);
    const name = relative(io.cwd, join(outDir, file.path)) || file.path;
    io.out(
      createTwoFilesPatch(
        `a/${name}`,
        `b/${name}`,
        current ?? '',
        file.contents,
        current === undefined ? 'missing' : 'on disk',
        'generated',
      ),
    );
  }
  // A file that its generator no longer makes (a removed model, a dropped import) is as stale as
  // a changed one: CI should ask for its deletion.
  for (const { path, entry } of plan.leftovers) {
    if ((await leftoverState(outDir, path, entry)) !== 'delete') continue;
    stale.push(path);
    const name = relative(io.cwd, join(outDir, path)) || path;
    const current = (await readIfExists(join(outDir, path))) ?? '';
    io.out(createTwoFilesPatch(`a/${name}`, `b/${name}`, current, '', 'on disk', 'no longer generated'));
  }
  if (stale.length === 0) {
    io.out(`generated files in ${relative(io.cwd, outDir) || '.'} are up to date (${files.length} files)\n`);
    return EXIT.ok;
  }
  io.err(
    `canon generate --check: ${stale.length} generated file${stale.length === 1 ? ' is' : 's are'} stale, missing or no longer generated: ${stale.join(', ')}. Run the same command without --check and commit the result.\n`,
  );
  return EXIT.problems;
}
