import type { DiffFunction } from './gate.js';
import type { GeneratorCatalog } from './registry.js';

/**
 * The diff engine (`core/diff`), loaded when a registry starts rather than when the module is
 * imported, so that commands which never gate anything stay lean.
 */
export async function loadDiff(): Promise<DiffFunction> {
  const { diff } = await import('../core/diff/index.js');
  return diff;
}

/** The generators the registry serves (`generators/registry.ts`). */
export async function loadGenerators(): Promise<GeneratorCatalog> {
  const { builtInCatalog } = await import('./generator-catalog.js');
  return builtInCatalog();
}
