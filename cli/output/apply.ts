import { readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../command.js';
import { writeFileAtomic } from './atomic-write.js';
import { staysInside } from './containment.js';
import { leftoverState, MANIFEST_FILE, type ManifestPlan, type PlannedFile } from './manifest.js';

/** One run's output for one manifest directory, as `canon generate` and `canon update` plan it. */
export interface OutputRun {
  /** The directory the manifest sits in; every path is relative to it. */
  root: string;
  files: readonly PlannedFile[];
  plan: ManifestPlan;
  /** The manifest's new text; undefined when there is nothing to list and never was. */
  manifest: string | undefined;
  /** A path as the user should read it in messages. */
  label(path: string): string;
}

/** What a run did (or, with `dryRun`, would do). Paths are relative to the root. */
export interface OutputOutcome {
  written: string[];
  unchanged: string[];
  /** Scaffolding that exists already: the user's, never overwritten. */
  keptScaffolding: string[];
  /** Leftovers deleted: listed, owned by this run, no longer produced, unedited. */
  deleted: string[];
  /** Leftovers kept, and why (edited since, a link now, outside the directory). */
  kept: { path: string; reason: string }[];
}

/**
 * Brings a directory in line with a run: deletes its unedited leftovers (and the directories
 * this empties), writes new and changed files atomically, never overwrites existing scaffolding,
 * and writes the manifest last. Refuses, before touching anything, a file whose directory is a
 * symbolic link leading outside the root. With `dryRun`, only reports.
 */
export async function applyOutput(run: OutputRun, options: { dryRun: boolean }): Promise<OutputOutcome> {
  for (const file of run.files) {
    if (!(await staysInside(run.root, file.path))) {
      throw new UsageError(
        `refusing to write ${run.label(file.path)}: its directory is a symbolic link that leads outside ${run.label('.')}; nothing was written. Replace the link with a directory, or write elsewhere.`,
      );
    }
  }
  const outcome: OutputOutcome = { written: [], unchanged: [], keptScaffolding: [], deleted: [], kept: [] };
  for (const { path, entry } of run.plan.leftovers) {
    const state = await leftoverState(run.root, path, entry);
    if (state === 'delete') {
      if (!options.dryRun) await remove(run.root, path);
      outcome.deleted.push(path);
    } else if (state !== 'gone') {
      outcome.kept.push({ path, reason: state.keep });
    }
  }
  for (const file of run.files) {
    const full = join(run.root, file.path);
    const current = await readIfExists(full);
    if (file.scaffolding && current !== undefined) {
      outcome.keptScaffolding.push(file.path);
    } else if (current === file.contents) {
      outcome.unchanged.push(file.path);
    } else {
      if (!options.dryRun) await writeFileAtomic(full, file.bytes ?? file.contents);
      outcome.written.push(file.path);
    }
  }
  const manifestPath = join(run.root, MANIFEST_FILE);
  if (!options.dryRun && run.manifest !== undefined && (await readIfExists(manifestPath)) !== run.manifest)
    await writeFileAtomic(manifestPath, run.manifest);
  return outcome;
}

/** The text of a file, or undefined when it cannot be read (absent, say). */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Deletes a file that is no longer generated, then the directories this left empty. */
async function remove(root: string, path: string): Promise<void> {
  await rm(join(root, path), { force: true });
  for (let dir = dirname(path); dir !== '.'; dir = dirname(dir)) {
    try {
      await rmdir(join(root, dir));
    } catch {
      return; // not empty: neither are its parents
    }
  }
}
