import { isError } from '../core/diagnostic.js';
import type { ImportResolver } from '../core/import-resolver.js';
import type { Service } from '../core/ir.js';
import { loadSpec } from '../core/load.js';
import { RegistryError } from './errors.js';
import type { RegistryStore } from './store/store.js';

export interface Intake {
  service: Service;
  format: string;
  warnings: { code: string; path: string; message: string }[];
}

/**
 * Reads a submitted document with the same loader as the CLI, resolving imports from the
 * registry's own store. Any error diagnostic refuses it: 422 with every problem at once.
 */
export async function intakeSpec(
  text: string,
  options: {
    file?: string;
    store: RegistryStore;
    /** Imports resolve only from organizations the caller may read; others look unknown. */
    mayRead: (organization: string) => boolean;
    maxBytes: number;
    organization?: string;
    organizationNamespace?: string;
    version?: string;
    log?: (line: string) => void;
  },
): Promise<Intake> {
  if (Buffer.byteLength(text, 'utf8') > options.maxBytes) {
    throw new RegistryError(413, [
      {
        code: 'spec-too-large',
        message: `The spec is larger than this registry's limit of ${options.maxBytes} bytes. Split it into services that import each other.`,
      },
    ]);
  }
  const load = loadSpec(text, {
    ...(options.file === undefined ? {} : { file: options.file }),
    resolver: storeResolver(options.store, options.mayRead),
    maxBytes: options.maxBytes,
    // api.json carries neither: the namespace default (org + key + major) needs both.
    apiJson: {
      ...(options.organization === undefined ? {} : { organization: options.organization }),
      ...(options.organizationNamespace === undefined
        ? {}
        : { organizationNamespace: options.organizationNamespace }),
      ...(options.version === undefined ? {} : { version: options.version }),
    },
  });
  let result: Awaited<typeof load>;
  try {
    result = await load;
  } catch (error) {
    // A loader crash is a bug in Canon, but it is this document that triggers it: refuse the
    // document (not a 500 that suggests retrying) and keep the details for the log.
    options.log?.(
      `registry: the loader failed on a submitted spec: ${error instanceof Error ? error.stack : String(error)}`,
    );
    throw new RegistryError(422, [
      {
        code: 'spec-not-processable',
        path: '',
        message: `Canon could not process this spec (${error instanceof Error ? error.message : String(error)}). This is a bug in Canon; please report it with the spec.`,
      },
    ]);
  }
  const errors = result.diagnostics.filter(isError);
  if (!result.service || errors.length > 0) {
    throw new RegistryError(
      422,
      errors.length > 0
        ? errors.map((d) => ({
            code: d.code,
            path: d.path,
            message: d.line === undefined ? d.message : `${d.message} (line ${d.line}, column ${d.column})`,
          }))
        : [{ code: 'invalid-spec', path: '', message: 'The document could not be read as a spec.' }],
    );
  }
  const warnings = result.diagnostics
    .filter((d) => !isError(d))
    .map((d) => ({ code: d.code, path: d.path, message: d.message }));
  return { service: result.service, format: result.format ?? 'api.json', warnings };
}

/**
 * The stored version an import URI names: this registry's own URLs,
 * `.../services/{org}/{app}/versions/{version}/service`, and API Builder's
 * `.../{org}/{app}/{version}/service.json`; undefined for any other URI.
 */
export function importTarget(
  uri: string,
): { organization: string; application: string; version: string } | undefined {
  let path: string;
  try {
    path = new URL(uri).pathname;
  } catch {
    path = uri;
  }
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const ours = segments.lastIndexOf('services');
  if (ours !== -1 && segments[ours + 3] === 'versions' && segments[ours + 4] !== undefined) {
    return {
      organization: segments[ours + 1]!,
      application: segments[ours + 2]!,
      version: segments[ours + 4]!,
    };
  }
  if (segments.length >= 4 && segments.at(-1) === 'service.json') {
    const [organization, application, version] = segments.slice(-4, -1) as [string, string, string];
    return { organization, application, version };
  }
  return undefined;
}

/**
 * Resolves imports against the store (see `importTarget` for the URIs it knows). A service of an
 * organization the caller may not read resolves to nothing, exactly like one that does not exist,
 * so that an import reveals neither its content nor its existence.
 */
export function storeResolver(
  store: RegistryStore,
  mayRead: (organization: string) => boolean,
): ImportResolver {
  return {
    async resolve(uri: string) {
      const target = importTarget(uri);
      if (!target || !mayRead(target.organization)) return undefined;
      return store.getServiceIr(target.organization, target.application, target.version);
    },
  };
}
