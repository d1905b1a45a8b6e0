import type { DiffFunction } from './gate.js';
import type { GeneratorCatalog } from './registry.js';

/**
 * The diff engine (`core/diff`), loaded when a registry starts rather than when the module is
 * imported, so that commands which never gate anything stay lean.
 */
export async function loadDiff(): Promise<DiffFunction> {
  const path: string = '../core/diff/index.js';
  const mod = (await import(path)) as { diff: DiffFunction };
  return mod.diff;
}

/** The generators (`generators/registry.ts`), or undefined when they are not built in. */
export async function loadGenerators(): Promise<GeneratorCatalog | undefined> {
  const path: string = '../generators/registry.js';
  let mod: Record<string, unknown>;
  try {
    mod = (await import(path)) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  const { catalogFromModule } = await import('./generator-catalog.js');
  return catalogFromModule(mod);
}
