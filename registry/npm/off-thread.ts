import { Worker } from 'node:worker_threads';
import type { Service } from '../../core/ir.js';
import type { GeneratedFile } from '../../generators/contract.js';
import type { PackageIdentity } from '../../generators/package/index.js';
import { builtFile } from '../built-file.js';

type Answer = { id: number; files: GeneratedFile[] } | { id: number; error: string };

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<
  number,
  { resolve: (files: GeneratedFile[]) => void; reject: (error: Error) => void }
>();

function failAll(error: Error): void {
  for (const { reject } of waiting.values()) reject(error);
  waiting.clear();
  worker = undefined;
}

function thread(): Worker {
  if (worker) return worker;
  const started = new Worker(builtFile('registry/npm/package-worker.js'));
  started.on('message', (answer: Answer) => {
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    if (waiting.size === 0) started.unref();
    if ('error' in answer) pending.reject(new Error(answer.error));
    else pending.resolve(answer.files);
  });
  started.on('error', failAll);
  started.on('exit', (code) => failAll(new Error(`the package worker stopped (exit ${code})`)));
  // The worker holds the process open only while a build is pending, never while it idles
  // (unref after adding the listeners, which ref it again).
  started.unref();
  worker = started;
  return started;
}

/**
 * `assemblePackage` on a worker thread: compiling a large client (Stripe's takes seconds) must
 * not stall the registry's other requests. One worker serves every build in turn, so the
 * compiler's parsed lib declarations are reused; it starts on the first build.
 */
export function assembleOffThread(
  files: readonly GeneratedFile[],
  service: Service,
  identity: PackageIdentity,
): Promise<GeneratedFile[]> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    const running = thread();
    running.ref();
    running.postMessage({ id, files, service, identity });
  });
}
