import type { Service } from './ir.js';

/**
 * A service that defines nothing: empty collections, `0.0.0`, and whatever `parts` set (identity,
 * a few models for a test…). The one place that knows every key a `Service` must have.
 *
 * @example emptyService({ name: 'user', namespace: 'io.acme.user.v0', models: [user] })
 */
export function emptyService(parts: Partial<Service> = {}): Service {
  return {
    name: '',
    organization: { key: '' },
    application: { key: '' },
    namespace: '',
    version: '0.0.0',
    info: {},
    headers: [],
    imports: [],
    enums: [],
    interfaces: [],
    models: [],
    unions: [],
    resources: [],
    annotations: [],
    attributes: [],
    ...parts,
  };
}
