import type { Field, Header, Operation, Resource, Service } from '../ir.js';
import { formatTypeRef } from '../type-ref.js';
import type { Change, ChangeLevel } from './change.js';
import { type Usage, type UsageIndex, usageIndex } from './direction.js';
import { deepEqual } from './equality.js';
import { changedPairs, matchBy, type Pairs, pairLeftovers } from './match.js';
import type { AnyDiffRule, ElementKind, ElementTypes, Pair, Verdict } from './rule.js';
import { pathShape } from './rules/resource-rules.js';

/** The IR elements a change is about, on each side (the nearest existing ancestor when absent). */
export interface ChangeSource {
  before: object;
  after: object;
}

type Kind = Exclude<ElementKind, 'any'>;
const BOTH: Usage = { input: true, output: true };
const INPUT: Usage = { input: true, output: false };
const OUTPUT: Usage = { input: false, output: true };

interface Namespaces {
  before: string;
  after: string;
}

interface Scope {
  path: string;
  /** The label of the deprecated element (this scope's or an ancestor's), when there is one. */
  deprecatedBy: string | undefined;
  anchor: ChangeSource;
  /** The namespaces local type names resolve in: the service's, or an imported service's. */
  namespaces: Namespaces;
}

type TypeKind = 'model' | 'enum' | 'union' | 'interface';
/** The parts of a service that define types (the service itself or one it imports). */
type TypeHolder = Pick<Service, 'enums' | 'unions' | 'interfaces' | 'models'>;
/** The usage of a type, or undefined to leave the type out of the diff. */
type UsageFor = (kind: TypeKind, name: string) => (() => Usage) | undefined;

/** Imported services on each side, for diffing the imported types a service uses. */
export interface ImportedServices {
  before: readonly Service[];
  after: readonly Service[];
}

/** One diff run: the rules by element kind, both usage maps, and the changes found so far. */
export class DiffWalker {
  readonly changes: Change[] = [];
  readonly sources = new WeakMap<Change, ChangeSource>();
  private readonly byKind = new Map<ElementKind, AnyDiffRule[]>();
  private usageMaps: [UsageIndex, UsageIndex] | undefined;
  private readonly namespaces: Namespaces;

  constructor(
    private readonly before: Service,
    private readonly after: Service,
    rules: readonly AnyDiffRule[],
    private readonly levels: Readonly<Record<string, ChangeLevel | 'off'>> = {},
    private readonly imported: ImportedServices = { before: [], after: [] },
  ) {
    for (const r of rules) {
      if (levels[r.id] === 'off') continue;
      for (const kind of r.elements) {
        const list = this.byKind.get(kind) ?? [];
        list.push(r);
        this.byKind.set(kind, list);
      }
    }
    this.namespaces = { before: before.namespace, after: after.namespace };
  }

  run(): Change[] {
    const { before: b, after: a } = this;
    const root: Scope = {
      path: '',
      deprecatedBy: undefined,
      anchor: { before: b, after: a },
      namespaces: this.namespaces,
    };
    if (this.bothEqual(b, a, root)) {
      // The service itself is unchanged, but imported types that it uses may have changed.
      this.importedTypes(root);
      return this.changes;
    }
    this.visit('service', b, a, root, '', `service '${a.name}'`, BOTH);
    for (const [hb, ha] of this.changed(matchBy(b.imports, a.imports, importKey), root)) {
      const key = importKey((ha ?? hb)!);
      this.visit('import', hb, ha, root, `imports/${key}`, `import of ${key}`, BOTH);
    }
    for (const [xb, xa] of this.changed(matchBy(b.annotations, a.annotations, byName), root)) {
      const name = (xa ?? xb)!.name;
      this.visit('annotation', xb, xa, root, `annotations/${name}`, `annotation '${name}'`, BOTH);
    }
    for (const [hb, ha] of this.changed(matchBy(b.headers, a.headers, byName), root)) {
      const name = (ha ?? hb)!.name;
      this.visit('header', hb, ha, root, `headers/${name}`, `header '${name}'`, INPUT);
    }
    this.types(b, a, root, '', '', (kind, name) => once(() => this.usage(kind, name)));
    const resources = matchBy(
      b.resources,
      a.resources,
      (r) => this.typeKey(r.type, true),
      (r) => this.typeKey(r.type, false),
    );
    for (const [rb, ra] of this.changed(resources, root)) this.resource(rb, ra, root);
    this.importedTypes(root);
    return this.changes;
  }

  /**
   * The types of each import this service keeps using, when the imported services were given:
   * only types the service actually reaches count (the imported service's own gate covers the rest).
   */
  private importedTypes(root: Scope): void {
    if (this.imported.before.length === 0 && this.imported.after.length === 0) return;
    const imports = matchBy(this.before.imports, this.after.imports, importKey);
    for (let i = 0; i < imports.before.length; i++) {
      const ib = imports.before[i];
      const ia = imports.after[i];
      if (!ib || !ia) continue;
      const sb = this.imported.before.find((s) => s.namespace === ib.namespace);
      const sa = this.imported.after.find((s) => s.namespace === ia.namespace);
      if (!sb || !sa) continue;
      const scope: Scope = { ...root, namespaces: { before: sb.namespace, after: sa.namespace } };
      this.types(sb, sa, scope, `imports/${importKey(ia)}/`, ` of import ${importKey(ia)}`, (kind, name) => {
        const usage = this.importedUsage(kind, name, sb.namespace, sa.namespace);
        return usage && (() => usage);
      });
    }
  }

  private types(
    b: TypeHolder,
    a: TypeHolder,
    root: Scope,
    prefix: string,
    suffix: string,
    usageFor: UsageFor,
  ): void {
    for (const [eb, ea] of this.changed(matchBy(b.enums, a.enums, byName), root)) {
      const name = (ea ?? eb)!.name;
      const usage = usageFor('enum', name);
      if (!usage) continue;
      const scope = this.visit(
        'enum',
        eb,
        ea,
        root,
        `${prefix}enums/${name}`,
        `enum '${name}'${suffix}`,
        usage,
      );
      if (!scope || !eb || !ea) continue;
      for (const [vb, va] of this.changed(matchBy(eb.values, ea.values, byName), scope)) {
        const value = (va ?? vb)!.name;
        this.visit(
          'enum-value',
          vb,
          va,
          scope,
          `values/${value}`,
          `value '${value}' of enum '${name}'${suffix}`,
          usage,
        );
      }
    }
    for (const [ub, ua] of this.changed(matchBy(b.unions, a.unions, byName), root)) {
      const name = (ua ?? ub)!.name;
      const usage = usageFor('union', name);
      if (!usage) continue;
      const scope = this.visit(
        'union',
        ub,
        ua,
        root,
        `${prefix}unions/${name}`,
        `union '${name}'${suffix}`,
        usage,
      );
      if (!scope || !ub || !ua) continue;
      const members = pairLeftovers(
        matchBy(
          ub.types,
          ua.types,
          (t) => formatTypeRef(t.type, root.namespaces.before),
          (t) => formatTypeRef(t.type, root.namespaces.after),
        ),
        (x, y) => x.discriminatorValue === y.discriminatorValue,
      );
      for (const [mb, ma] of this.changed(members, scope)) {
        const type = ma
          ? formatTypeRef(ma.type, root.namespaces.after)
          : formatTypeRef(mb!.type, root.namespaces.before);
        this.visit(
          'union-member',
          mb,
          ma,
          scope,
          `types/${type}`,
          `member '${type}' of union '${name}'${suffix}`,
          usage,
        );
      }
    }
    for (const [ib, ia] of this.changed(matchBy(b.interfaces, a.interfaces, byName), root)) {
      const name = (ia ?? ib)!.name;
      const usage = usageFor('interface', name);
      if (!usage) continue;
      const scope = this.visit(
        'interface',
        ib,
        ia,
        root,
        `${prefix}interfaces/${name}`,
        `interface '${name}'${suffix}`,
        usage,
      );
      if (scope && ib && ia) this.fields(ib.fields, ia.fields, scope, `interface '${name}'${suffix}`, usage);
    }
    for (const [mb, ma] of this.changed(matchBy(b.models, a.models, byName), root)) {
      const name = (ma ?? mb)!.name;
      const usage = usageFor('model', name);
      if (!usage) continue;
      const scope = this.visit(
        'model',
        mb,
        ma,
        root,
        `${prefix}models/${name}`,
        `model '${name}'${suffix}`,
        usage,
      );
      if (scope && mb && ma) this.fields(mb.fields, ma.fields, scope, `model '${name}'${suffix}`, usage);
    }
  }

  private fields(before: Field[], after: Field[], scope: Scope, owner: string, usage: () => Usage): void {
    for (const [fb, fa] of this.changed(matchBy(before, after, byName), scope)) {
      const name = (fa ?? fb)!.name;
      this.visit('field', fb, fa, scope, `fields/${name}`, `field '${name}' of ${owner}`, usage);
    }
  }

  private resource(rb: Resource | undefined, ra: Resource | undefined, root: Scope): void {
    const r = (ra ?? rb)!;
    const key = ra
      ? formatTypeRef(ra.type, this.namespaces.after)
      : formatTypeRef(r.type, this.namespaces.before);
    const scope = this.visit('resource', rb, ra, root, `resources/${key}`, `resource '${key}'`, BOTH);
    if (!scope || !rb || !ra) return;
    const relative = (res: Resource, op: Operation) =>
      res.path && op.path.startsWith(res.path) ? op.path.slice(res.path.length) : op.path;
    const operations = pairLeftovers(
      matchBy(rb.operations, ra.operations, (o) => `${o.method} ${o.path}`),
      (x, y) =>
        x.method === y.method &&
        ((x.operationId !== undefined && x.operationId === y.operationId) ||
          pathShape(x.path) === pathShape(y.path) ||
          (rb.path !== ra.path && relative(rb, x) === relative(ra, y))),
    );
    for (const [ob, oa] of this.changed(operations, scope)) {
      const op = (oa ?? ob)!;
      const name = `${op.method} ${op.path}`;
      const opScope = this.visit('operation', ob, oa, scope, `operations/${name}`, `operation ${name}`, BOTH);
      if (!opScope || !ob || !oa) continue;
      if (!this.bothEqual(ob.body, oa.body, opScope))
        this.visit('body', ob.body, oa.body, opScope, 'body', `body of ${name}`, INPUT);
      // Path parameters are one URL segment each: matched by position, since renaming a
      // placeholder (`/:key/margins/:id` → `/:experience_key/margins/:key`) sends the same URL.
      // What is left pairs by name: a parameter that moved into or out of the path.
      const parameters = pairLeftovers(
        matchBy(ob.parameters, oa.parameters, parameterKey(ob.path), parameterKey(oa.path)),
        (x, y) => x.name === y.name,
      );
      for (const [pb, pa] of this.changed(parameters, opScope)) {
        const p = (pa ?? pb)!.name;
        this.visit('parameter', pb, pa, opScope, `parameters/${p}`, `parameter '${p}' of ${name}`, INPUT);
      }
      for (const [xb, xa] of this.changed(matchBy(ob.responses, oa.responses, byCode), opScope)) {
        const code = String((xa ?? xb)!.code);
        const label = `response ${code} of ${name}`;
        const resScope = this.visit('response', xb, xa, opScope, `responses/${code}`, label, OUTPUT);
        if (!resScope || !xb || !xa) continue;
        for (const [hb, ha] of this.changed(matchBy<Header>(xb.headers, xa.headers, byName), resScope)) {
          const h = (ha ?? hb)!.name;
          this.visit(
            'response-header',
            hb,
            ha,
            resScope,
            `headers/${h}`,
            `header '${h}' of ${label}`,
            OUTPUT,
          );
        }
      }
    }
  }

  /**
   * The pairs of a matching that differ. An element equal on both sides has nothing to report and
   * is most of a large spec, so it is dropped before any path, label or usage is built for it.
   */
  private changed<T>(pairs: Pairs<T>, scope: Scope): Array<[T | undefined, T | undefined]> {
    return changedPairs(pairs, scope.namespaces.before === scope.namespaces.after);
  }

  /** Both sides present and equal (compared only within one namespace: names resolve in it). */
  private bothEqual(before: unknown, after: unknown, scope: Scope): boolean {
    return (
      before !== undefined &&
      after !== undefined &&
      scope.namespaces.before === scope.namespaces.after &&
      deepEqual(before, after)
    );
  }

  /** Runs the rules for one pair that differs (see `changed`); returns the scope for its children. */
  private visit<K extends Kind>(
    kind: K,
    before: ElementTypes[K] | undefined,
    after: ElementTypes[K] | undefined,
    parent: Scope,
    segment: string,
    label: string,
    usageOf: Usage | (() => Usage),
  ): Scope | undefined {
    if (before === undefined && after === undefined) return undefined;
    const usage = typeof usageOf === 'function' ? usageOf() : usageOf;
    const path = parent.path === '' ? segment : segment === '' ? parent.path : `${parent.path}/${segment}`;
    const deprecatedBy =
      parent.deprecatedBy ??
      ((before as { deprecation?: unknown } | undefined)?.deprecation !== undefined ? label : undefined);
    const anchor: ChangeSource = {
      before: (before as object | undefined) ?? parent.anchor.before,
      after: (after as object | undefined) ?? parent.anchor.after,
    };
    const sides: [ElementTypes[K], ElementTypes[K]] | undefined =
      before !== undefined && after !== undefined ? [before, after] : undefined;
    const pair: Pair<ElementTypes[K]> = {
      kind,
      before,
      after,
      path,
      label,
      usage,
      deprecated: deprecatedBy !== undefined,
      deprecatedBy,
      namespaces: parent.namespaces,
      sides,
      parent: parent.anchor,
    };
    this.apply(this.byKind.get(kind), pair, anchor);
    if (before !== undefined && after !== undefined) this.apply(this.byKind.get('any'), pair, anchor);
    return { path, deprecatedBy, anchor, namespaces: parent.namespaces };
  }

  private apply<T>(rules: AnyDiffRule[] | undefined, pair: Pair<T>, anchor: ChangeSource): void {
    if (!rules) return;
    // Index loops: every changed pair runs dozens of rules, and this code is not optimized yet in
    // a one-shot CLI run, where `for…of` allocates an iterator result per element.
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      const result = (r.check as (p: Pair<T>) => Verdict | readonly Verdict[] | undefined)(pair);
      if (!result) continue;
      if (!Array.isArray(result)) this.record(r, pair, result as Verdict, anchor);
      else for (let v = 0; v < result.length; v++) this.record(r, pair, result[v] as Verdict, anchor);
    }
  }

  private record<T>(r: AnyDiffRule, pair: Pair<T>, verdict: Verdict, anchor: ChangeSource): void {
    const path = verdict.at ? (pair.path === '' ? verdict.at : `${pair.path}/${verdict.at}`) : pair.path;
    const level = this.levels[r.id];
    const change: Change = {
      rule: r.id,
      level: level && level !== 'off' ? level : r.level,
      path,
      message: verdict.message,
      ...(verdict.before !== undefined && { before: verdict.before }),
      ...(verdict.after !== undefined && { after: verdict.after }),
    };
    this.changes.push(change);
    this.sources.set(change, anchor);
  }

  /** Usage of a local type across both versions; unused anywhere counts as both directions. */
  private usage(kind: TypeKind, name: string): Usage {
    return this.importedUsage(kind, name, this.namespaces.before, this.namespaces.after) ?? BOTH;
  }

  /** Usage of a type in the given namespaces across both versions, undefined when unused. */
  private importedUsage(kind: TypeKind, name: string, before: string, after: string): Usage | undefined {
    // Built on first use: when nothing typed changed, the analysis is never needed.
    this.usageMaps ??= [
      usageIndex(this.before, this.imported.before),
      usageIndex(this.after, this.imported.after),
    ];
    const b = this.usageMaps[0].get(before, kind, name);
    const a = this.usageMaps[1].get(after, kind, name);
    const input = !!(b?.input || a?.input);
    const output = !!(b?.output || a?.output);
    return input || output ? { input, output } : undefined;
  }

  private typeKey(type: Parameters<typeof formatTypeRef>[0], isBefore: boolean): string {
    return formatTypeRef(type, isBefore ? this.namespaces.before : this.namespaces.after);
  }
}

/**
 * How parameters are matched: a path parameter by its position among the path's placeholders,
 * every other one by name.
 */
function parameterKey(path: string): (parameter: Operation['parameters'][number]) => string {
  const placeholders = path
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));
  return (p) => {
    const position = p.location === 'path' ? placeholders.indexOf(p.name) : -1;
    return position >= 0 ? `path #${position}` : p.name;
  };
}

const byName = (element: { name: string }): string => element.name;
const byCode = (response: { code: unknown }): string => String(response.code);
/** How imports are matched and named in change paths: `<organization>/<application>`. */
export const importKey = (i: Service['imports'][number]): string =>
  `${i.organization.key}/${i.application.key}`;

function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}
