/**
 * The worker thread that assembles npm packages for the registry (see `off-thread.ts`): it
 * answers `{ id, files, service, identity }` with `{ id, files }` or `{ id, error }`. The compiler
 * and its parsed lib declarations stay loaded between requests.
 */
import { parentPort } from 'node:worker_threads';
import type { Service } from '../../core/ir.js';
import type { GeneratedFile } from '../../generators/contract.js';
import { assemblePackage, type PackageIdentity } from '../../generators/package/index.js';

interface Job {
  id: number;
  files: GeneratedFile[];
  service: Service;
  identity: PackageIdentity;
}

parentPort?.on('message', ({ id, files, service, identity }: Job) => {
  try {
    parentPort?.postMessage({ id, files: assemblePackage(files, service, identity) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
