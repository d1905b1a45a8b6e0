import { createHash } from 'node:crypto';
import type { Service } from '../../core/ir.js';
import { canonicalJson } from '../../core/json-schema-compat/canonical-json.js';
import { readEventUnions } from '../../generators/events/event-unions.js';
import { bodySchemas, typeSchema } from '../../generators/shared/json-schemas.js';
import type { RegistryStore } from '../store/store.js';

/** One event union of a service as a subject: its name and its JSON Schema (2020-12). */
export interface EventSubject {
  subject: string;
  union: string;
  schema: Record<string, unknown>;
}

/**
 * The subjects of a service's own event unions. A union's subject is its stream's name with
 * Confluent's `-value` suffix (the topic name strategy): `{organization}_{application}_v{major}_{union}-value`,
 * so each major version of the service has a subject of its own. The schema is the JSON Schema
 * the events runtime validates with (`generators/shared/json-schemas.ts`): the union by `$ref`,
 * every type it reaches in `$defs`. Unions that cannot travel as events (no discriminator, a
 * member that is not a model) have no subject.
 */
export function eventSubjects(service: Service): EventSubject[] {
  const subjects: EventSubject[] = [];
  for (const union of service.unions) {
    let stream: string;
    try {
      const [found] = readEventUnions(service, [], [union.name]);
      if (!found?.owned) continue;
      stream = found.stream;
    } catch {
      continue;
    }
    const ref = { kind: 'union' as const, namespace: service.namespace, name: union.name };
    const { $defs } = bodySchemas(service, [], [ref]) as { $defs: Record<string, unknown> };
    const schema: Record<string, unknown> = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: `${service.organization.key}/${service.application.key} ${union.name}`,
      ...(union.description === undefined ? {} : { description: union.description }),
      ...(typeSchema(ref) as Record<string, unknown>),
      $defs,
    };
    subjects.push({ subject: `${stream}-value`, union: union.name, schema });
  }
  return subjects;
}

/**
 * Registers the event subjects of a published version: a new subject version when the schema
 * changed, nothing when it did not. The service's own gate has judged the change already, so no
 * subject compatibility check runs; the subjects belong to the service's organization.
 */
export async function mirrorEventSubjects(store: RegistryStore, service: Service, by: string): Promise<void> {
  for (const event of eventSubjects(service)) {
    const text = JSON.stringify(event.schema);
    await store.subjects.register(
      {
        subject: event.subject,
        organization: service.organization.key,
        schema: text,
        parsed: event.schema,
        fingerprint: `sha256:${createHash('sha256')
          .update(canonicalJson({ schemaType: 'JSON', schema: event.schema, references: [] }))
          .digest('hex')}`,
        references: [],
        by,
        at: new Date().toISOString(),
      },
      { admit: () => {}, check: () => {} },
    );
  }
}
