import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { repoPath } from '../../test/paths.js';

const require = createRequire(import.meta.url);

/**
 * How to start Biome: its platform executable when installed (what `node_modules/.bin/biome`, a
 * Node script, starts after probing `ldd`), else that script under this Node.
 */
function biomeCommand(): [string, string[]] {
  const suffix = process.platform === 'win32' ? '.exe' : '';
  for (const name of [
    `cli-${process.platform}-${process.arch}`,
    `cli-${process.platform}-${process.arch}-musl`,
  ]) {
    try {
      const exe = join(dirname(require.resolve(`@biomejs/${name}/package.json`)), `biome${suffix}`);
      if (existsSync(exe) && spawnSync(exe, ['--version']).status === 0) return [exe, []];
    } catch {
      // Not this platform's package.
    }
  }
  return [process.execPath, [repoPath('node_modules', '@biomejs', 'biome', 'bin', 'biome')]];
}

let command: [string, string[]] | undefined;

/** A file to check: a path under `generators/` and its text. */
export interface FormatCheckFile {
  path: string;
  contents: string;
}

/**
 * Runs Biome's formatter in check mode once over all `files`, with the project's formatter
 * settings (biome.json's `formatter` and `javascript`), in a scratch directory: the files the
 * project's own run ignores (goldens) are checked too. Returns the paths Biome would change
 * (relative, as given), its report and its exit status; throws when Biome did not check them all.
 *
 * @example assert.deepEqual(unformatted([{ path: 'generators/x/a.ts', contents }]).paths, [])
 */
export function unformatted(files: readonly FormatCheckFile[]): {
  paths: string[];
  report: string;
  status: number | null;
} {
  const config = JSON.parse(readFileSync(repoPath('biome.json'), 'utf8')) as Record<string, unknown>;
  const root = mkdtempSync(join(tmpdir(), 'canon-format-check-'));
  try {
    writeFileSync(
      join(root, 'biome.json'),
      JSON.stringify({ formatter: config.formatter, javascript: config.javascript }),
    );
    const seen = new Map<string, string>();
    for (const file of files) {
      if (!file.path.startsWith('generators/')) throw new Error(`${file.path}: not under generators/`);
      // Generators that share a runtime file each emit it; one copy is checked, so they must agree.
      if (seen.has(file.path) && seen.get(file.path) !== file.contents) {
        throw new Error(`${file.path} is given twice with different contents`);
      }
      seen.set(file.path, file.contents);
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.contents);
    }
    command ??= biomeCommand();
    const [exe, prefix] = command;
    const result = spawnSync(exe, [...prefix, 'format', '--max-diagnostics=none', 'generators'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    const report = result.stdout + result.stderr;
    const paths = [...report.matchAll(/^(generators\/\S+) format/gm)].map((match) =>
      relative('.', match[1]!),
    );
    // A file Biome skipped (too large, ignored) would pass unseen: every file must be checked.
    const checked = Number(/Checked (\d+) files?/.exec(report)?.[1] ?? Number.NaN);
    if (checked !== seen.size) {
      throw new Error(`Biome checked ${checked} of ${seen.size} files:\n${report.slice(0, 4000)}`);
    }
    return { paths, report, status: result.status };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
