import type { Service } from '../../core/ir.js';
import { importTarget } from '../intake.js';

/** One import of one service version: who imports whom, at which version (wire names: snake_case). */
export interface ImportEdge {
  /** The importing service, `org/app`, and the version of it that imports. */
  from: string;
  from_version: string;
  /** The imported service, `org/app`, and the version (or `latest`) the import names. */
  to: string;
  to_version: string;
}

const label = (service: Service) => `${service.organization.key}/${service.application.key}`;

/**
 * The imports of `services`, one edge per import, sorted. The target comes from the import's URI
 * when it names a registry path (`…/services/{org}/{app}/versions/{v}/service` or
 * `…/{org}/{app}/{v}/service.json`), else from the organization and application the import record names.
 */
export function importEdges(services: readonly Service[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const service of services) {
    for (const i of service.imports) {
      const target = importTarget(i.uri) ?? {
        organization: i.organization.key,
        application: i.application.key,
        version: i.version,
      };
      edges.push({
        from: label(service),
        from_version: service.version,
        to: `${target.organization}/${target.application}`,
        to_version: target.version,
      });
    }
  }
  return edges.sort(
    (a, b) =>
      a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.to_version.localeCompare(b.to_version),
  );
}

/** The services (and their versions) that import `organization/application`. */
export function referencedBy(
  services: readonly Service[],
  organization: string,
  application: string,
): ImportEdge[] {
  const target = `${organization}/${application}`;
  return importEdges(services).filter((e) => e.to === target && e.from !== target);
}

/** An organization's dependency graph: its services as nodes, every import from or to one of them as an edge. */
export interface DependencyGraph {
  organization: string;
  services: string[];
  edges: ImportEdge[];
}

/** The dependency graph of `organization` over `services` (edges leaving it are kept: they are its dependencies). */
export function dependencyGraph(services: readonly Service[], organization: string): DependencyGraph {
  const own = services.filter((s) => s.organization.key === organization);
  const names = new Set(own.map(label));
  const edges = importEdges(services).filter((e) => names.has(e.from) || names.has(e.to));
  return { organization, services: [...names].sort(), edges };
}
