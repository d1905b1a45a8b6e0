import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Service } from '../../core/ir.js';
import { type LoadResult, loadSpec } from '../../core/load.js';
import { urlKey } from '../../core/parse/api-json.js';
import { UsageError } from '../command.js';
import type { CanonConfig } from '../config.js';
import type { gateConfig } from '../gate/lint-run.js';
import { lintReport } from '../gate/lint-run.js';
import type { SpecReport } from '../gate/report.js';
import { compare } from '../gate/run.js';
import { LocalImportResolver } from '../local-resolver.js';
import { RegistryApiError, RegistryClient, RegistryConnectionError } from './client.js';
import { type RegistryTarget, registryTarget } from './target.js';

export interface RegistryCheckContext {
  cwd: string;
  config: CanonConfig;
  settings: ReturnType<typeof gateConfig>;
  lint: boolean;
  target: RegistryTarget & { organization: string };
  /** The application key; by default from the spec's name. */
  application?: string;
}

/**
 * `canon check --against-registry`: compares a spec with the latest version the registry holds
 * of the same service, loading the local file as the registry would load it as that service's
 * next version (same organization, version and namespace), so that only real changes show.
 * A service the registry does not know yet is `new`.
 */
export async function checkAgainstRegistry(file: string, ctx: RegistryCheckContext): Promise<SpecReport> {
  let text: string;
  try {
    text = await readFile(resolve(ctx.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  const resolver = new LocalImportResolver(ctx.config);
  const organization = ctx.target.organization;
  const namespace = await organizationNamespace(ctx.target, organization);
  const apiJson = { organization, ...(namespace === undefined ? {} : { organizationNamespace: namespace }) };
  const probe = await loadSpec(text, { file, resolver, apiJson });
  const application = ctx.application ?? (probe.service?.name ? urlKey(probe.service.name) : '');
  if (!application)
    throw new UsageError(
      `cannot tell the application key from ${file} (it has no usable name); give it with --app.`,
    );

  const baseline = await latestFromRegistry(ctx.target, organization, application);
  const version = baseline?.version ?? '0.0.0';
  const loaded = await loadSpec(text, { file, resolver, apiJson: { ...apiJson, version } });
  const after: LoadResult = loaded.service
    ? {
        ...loaded,
        service: {
          ...loaded.service,
          organization: { key: organization },
          application: { key: application },
          version,
        },
      }
    : loaded;
  let report: SpecReport;
  if (!baseline) {
    report = { file, status: 'new', changes: [], findings: [], diagnostics: [] };
  } else {
    const before: LoadResult = {
      format: 'service.json',
      service: baseline,
      imports: [],
      diagnostics: [],
      pointers: new WeakMap(),
      text: '',
    };
    report = compare(file, before, after, ctx.settings.diff);
  }
  if (!ctx.lint || report.status === 'invalid') return report;
  const linted = lintReport(file, after, ctx.settings.lint);
  return linted.status === 'invalid' ? linted : { ...report, findings: linted.findings };
}

/** The organization's namespace prefix in the registry, which the registry applies to api.json. */
async function organizationNamespace(
  target: RegistryTarget,
  organization: string,
): Promise<string | undefined> {
  try {
    return (await new RegistryClient(target.url, target.token).getOrganization(organization)).namespace;
  } catch (error) {
    if (error instanceof RegistryApiError && error.status === 404) return undefined;
    if (error instanceof RegistryApiError || error instanceof RegistryConnectionError) {
      throw new UsageError(
        `cannot read the organization ${organization} from the registry: ${error.message}`,
      );
    }
    throw error;
  }
}

async function latestFromRegistry(
  target: RegistryTarget,
  organization: string,
  application: string,
): Promise<Service | undefined> {
  const client = new RegistryClient(target.url, target.token);
  try {
    return (await client.getService(organization, application, 'latest')) as Service;
  } catch (error) {
    if (error instanceof RegistryApiError && error.status === 404) return undefined;
    if (error instanceof RegistryApiError || error instanceof RegistryConnectionError) {
      throw new UsageError(`cannot read ${organization}/${application} from the registry: ${error.message}`);
    }
    throw error;
  }
}

/** The registry and organization for `check --against-registry`, from flags, config and env. */
export function registryCheckTarget(
  config: CanonConfig,
  flags: { registry?: string | undefined; org?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): RegistryTarget & { organization: string } {
  const target = registryTarget(config, flags, env);
  if (!target.organization)
    throw new UsageError(
      'give the organization with --org, or set registry.organization in canon.config.json.',
    );
  return { ...target, organization: target.organization };
}
