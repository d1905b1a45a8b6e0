import { DEFAULT_REGISTRY_URL } from '../../registry/defaults.js';
import { UsageError } from '../command.js';
import type { CanonConfig } from '../config.js';

/** Which registry the CLI talks to, as which organization, with which token. */
export interface RegistryTarget {
  url: string;
  organization: string | undefined;
  token: string | undefined;
}

/**
 * Where to reach the registry: `--registry`, else canon.config.json `registry.url`, else
 * `CANON_REGISTRY`, else the local default; the organization from `--org`,
 * `registry.organization` or the config's `organization`; the token from `CANON_TOKEN`.
 *
 * @example canon.config.json: { "registry": { "url": "http://127.0.0.1:7411", "organization": "acme" } }
 */
export function registryTarget(
  config: CanonConfig,
  flags: { registry?: string | undefined; org?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): RegistryTarget {
  const section = config.raw.registry;
  if (section !== undefined && (typeof section !== 'object' || section === null || Array.isArray(section))) {
    throw new UsageError(
      `${config.file}: "registry" must be an object such as {"url": "${DEFAULT_REGISTRY_URL}", "organization": "acme"}.`,
    );
  }
  const fromConfig = (section ?? {}) as Record<string, unknown>;
  for (const key of ['url', 'organization'] as const) {
    if (fromConfig[key] !== undefined && typeof fromConfig[key] !== 'string') {
      throw new UsageError(`${config.file}: registry.${key} must be a string.`);
    }
  }
  const url =
    flags.registry ?? (fromConfig.url as string | undefined) ?? env.CANON_REGISTRY ?? DEFAULT_REGISTRY_URL;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(`the registry URL '${url}' is not an http(s) URL, e.g. ${DEFAULT_REGISTRY_URL}.`);
  }
  const topLevel = config.raw.organization;
  const configured =
    typeof topLevel === 'string'
      ? topLevel
      : typeof topLevel === 'object' &&
          topLevel !== null &&
          typeof (topLevel as { key?: unknown }).key === 'string'
        ? (topLevel as { key: string }).key
        : undefined;
  return {
    url,
    organization: flags.org ?? (fromConfig.organization as string | undefined) ?? configured,
    token: env.CANON_TOKEN || undefined,
  };
}
