/**
 * Generated npm packages: naming (`@acme/user-client` from the spec), assembly (ESM + CommonJS +
 * declarations, compiled in memory). Shared by `canon generate --package` and the registry's npm
 * endpoints, neither of which the other may import.
 */
export { assemblePackage } from './assemble.js';
export { PackageCompileError } from './compile.js';
export {
  checkPackageIdentity,
  isSemver,
  npmVersion,
  type PackageIdentity,
  packageIdentity,
} from './identity.js';
