import type { Service } from '../../core/ir.js';
import type { GeneratedFile } from '../../generators/contract.js';
import {
  assemblePackage,
  checkPackageIdentity,
  PackageCompileError,
  type PackageIdentity,
  packageIdentity,
} from '../../generators/package/index.js';
import { UsageError } from '../command.js';

/**
 * `canon generate --package`: the package files for the generated sources, named from the spec
 * unless `overrides` say otherwise. A bad name or version, or code that does not compile, is a
 * UsageError; `generators/package/` does the assembly, this only checks what the user asked for.
 */
export function packageFiles(
  files: readonly GeneratedFile[],
  service: Service,
  overrides: Partial<PackageIdentity>,
): GeneratedFile[] {
  const identity = packageIdentity(service, overrides);
  const problems = checkPackageIdentity(identity);
  if (problems.length > 0) throw new UsageError(problems.join(' '));
  try {
    return assemblePackage(files, service, identity);
  } catch (error) {
    if (error instanceof PackageCompileError) throw new UsageError(error.message);
    throw error;
  }
}
