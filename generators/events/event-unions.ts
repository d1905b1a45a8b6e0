import { type Diagnostic, pointer } from '../../core/diagnostic.js';
import { isEventUnionName } from '../../core/diff/direction.js';
import type { Model, Service, Union } from '../../core/ir.js';

/** An event union the generator emits code for, with the names it travels under. */
export interface EventUnion {
  union: Union;
  /** The service that defines the union: the main one (owned) or an import (consumed only). */
  home: Service;
  /** Whether the main service owns the union, and so gets a producer. */
  owned: boolean;
  /** JetStream stream name: `{organization}_{application}_v{major}_{union}`. */
  stream: string;
  /** CloudEvents source: `/{organization}/{application}`. */
  source: string;
  /** Discriminator value → subject `{organization}.{application}.v{major}.{union}.{type}`. */
  subjects: [string, string][];
}

/** The events metadata is unusable; `diagnostics` lists every problem. */
export class EventUnionError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(
      `The event unions have ${diagnostics.length} problem(s); fix the spec (or pick unions with the \`unions\` option) and generate again:\n${diagnostics
        .map((d) => `  ${d.path}: ${d.message}`)
        .join('\n')}`,
    );
    this.name = 'EventUnionError';
    this.diagnostics = diagnostics;
  }
}

/**
 * One name token for a stream or a subject: NATS refuses `.`, `*`, `>`, whitespace and path
 * separators there, so anything outside `[A-Za-z0-9_-]` becomes `_`.
 */
export function nameToken(text: string): string {
  const token = text.replace(/[^A-Za-z0-9_-]/g, '_');
  return token === '' ? '_' : token;
}

/** The major version of a service version (`1.4.2` → 1); 0 when it does not start with a number. */
export function majorVersion(version: string): number {
  const match = /^v?(\d+)/.exec(version);
  return match ? Number(match[1]) : 0;
}

function names(home: Service, union: Union): Pick<EventUnion, 'stream' | 'source' | 'subjects'> {
  const prefix = [
    nameToken(home.organization.key),
    nameToken(home.application.key),
    `v${majorVersion(home.version)}`,
    nameToken(union.name),
  ];
  return {
    stream: prefix.join('_'),
    source: `/${home.organization.key}/${home.application.key}`,
    subjects: union.types.map((t) => [
      t.discriminatorValue,
      [...prefix, nameToken(t.discriminatorValue)].join('.'),
    ]),
  };
}

const isField = (model: Model, name: string, type: string) =>
  model.fields.some(
    (f) => f.name === name && f.required && f.type.kind === 'primitive' && f.type.name === type,
  );

/** Every problem that keeps `union` (at `path`) from travelling as a flat event union. */
function unionProblems(union: Union, all: readonly Service[], path: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const problem = (code: string, at: string, message: string) => problems.push({ code, path: at, message });
  if (!isEventUnionName(union.name)) {
    problem(
      'events-not-event-union',
      path,
      `union '${union.name}' is not an event union: event unions are named '<service>_event' (or 'event'); rename it or leave it out of \`unions\``,
    );
    return problems;
  }
  if (union.discriminator === undefined) {
    problem(
      'events-no-discriminator',
      path,
      `union '${union.name}' has no discriminator; an event is sent as flat JSON, so add "discriminator": "discriminator"`,
    );
  }
  if (union.types.length === 0) problem('events-empty-union', path, `union '${union.name}' has no events`);
  const seen = new Set<string>();
  union.types.forEach((member, index) => {
    const at = pointer(path, 'types', index);
    const tokens = nameToken(member.discriminatorValue);
    if (seen.has(tokens))
      problem(
        'events-subject-clash',
        at,
        `event type '${member.discriminatorValue}' gives the same subject as another member; rename one`,
      );
    seen.add(tokens);
    const ref = member.type;
    const owner = ref.kind === 'model' ? all.find((s) => s.namespace === ref.namespace) : undefined;
    const model = ref.kind === 'model' ? owner?.models.find((m) => m.name === ref.name) : undefined;
    if (!model) {
      problem(
        'events-member-not-model',
        at,
        `member '${member.discriminatorValue}' of union '${union.name}' is not a model of a known service; every event is one model`,
      );
      return;
    }
    const missing = [
      isField(model, 'event_id', 'string') ? undefined : 'event_id: string',
      isField(model, 'timestamp', 'date-time-iso8601') ? undefined : 'timestamp: date-time-iso8601',
    ].filter((m) => m !== undefined);
    if (missing.length > 0) {
      problem(
        'events-missing-header',
        pointer('', 'models', model.name),
        `event '${model.name}' (in union '${union.name}') lacks required ${missing.join(' and ')}; the stream deduplicates by event_id and the headers carry timestamp`,
      );
    }
  });
  return problems;
}

/** Where an imported union is reported: its service's namespace, then the union. */
const importPath = (home: Service, name: string) => pointer('', 'imports', home.namespace, 'unions', name);

/**
 * The event unions of a service: its own `*_event` unions (owned: producer and consumer) and those
 * of the provided imports (consumer only); with `only`, exactly those unions by name (own first).
 * Throws `EventUnionError` with every problem at once.
 */
export function readEventUnions(
  service: Service,
  imports: readonly Service[],
  only?: readonly string[],
): EventUnion[] {
  const all = [service, ...imports];
  const diagnostics: Diagnostic[] = [];
  const out: EventUnion[] = [];
  const take = (union: Union, home: Service, path: string) => {
    const problems = unionProblems(union, all, path);
    diagnostics.push(...problems);
    if (problems.length === 0) out.push({ union, home, owned: home === service, ...names(home, union) });
  };
  if (only) {
    for (const name of only) {
      const own = service.unions.find((u) => u.name === name);
      const home = imports.find((s) => s.unions.some((u) => u.name === name));
      if (own) take(own, service, pointer('', 'unions', name));
      else if (home) take(home.unions.find((u) => u.name === name)!, home, importPath(home, name));
      else
        diagnostics.push({
          code: 'events-unknown-union',
          path: '/options/unions',
          message: `there is no union '${name}' in ${service.name} or its imports; check the name`,
        });
    }
  } else {
    for (const u of service.unions)
      if (isEventUnionName(u.name)) take(u, service, pointer('', 'unions', u.name));
    for (const imported of imports)
      for (const u of imported.unions)
        if (isEventUnionName(u.name)) take(u, imported, importPath(imported, u.name));
  }
  if (diagnostics.length > 0) throw new EventUnionError(diagnostics);
  return out;
}
