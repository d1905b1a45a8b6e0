import type { Field, Header, Operation, Resource, Service } from '../ir.js';
import { formatTypeRef } from '../type-ref.js';
import type { Change, ChangeLevel } from './change.js';
import { analyzeUsage, type Usage, type UsageMap } from './direction.js';
import { deepEqual } from './equality.js';
import { matchBy, pairLeftovers } from './match.js';
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
  deprecated: boolean;
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
  private usageMaps: [UsageMap, UsageMap] | undefined;
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
      deprecated: false,
      anchor: { before: b, after: a },
      namespaces: this.namespaces,
    };
    if (!this.visit('service', b, a, root, '', `service '${a.name}'`, BOTH)) return this.changes;
    for (const [hb, ha] of matchBy(
      b.imports,
      a.imports,
      (i) => `${i.organization.key}/${i.application.key}`,
    )) {
      const i = (ha ?? hb)!;
      const key = `${i.organization.key}/${i.application.key}`;
      this.visit('import', hb, ha, root, `imports/${key}`, `import of ${key}`, BOTH);
    }
    for (const [xb, xa] of matchBy(b.annotations, a.annotations, (x) => x.name)) {
      const name = (xa ?? xb)!.name;
      this.visit('annotation', xb, xa, root, `annotations/${name}`, `annotation '${name}'`, BOTH);
    }
    for (const [hb, ha] of matchBy(b.headers, a.headers, (h) => h.name)) {
      const name = (ha ?? hb)!.name;
      this.visit('header', hb, ha, root, `headers/${name}`, `header '${name}'`, INPUT);
    }
    this.types(b, a, root, '', '', (kind, name) => once(() => this.usage(kind, name)));
    for (const [rb, ra] of matchBy(
      b.resources,
      a.resources,
      (r) => this.typeKey(r.type, true),
      (r) => this.typeKey(r.type, false),
    )) {
      this.resource(rb, ra, root);
    }
    this.importedTypes(root);
    return this.changes;
  }

  /**
   * The types of each import this service keeps using, when the imported services were given:
   * only types the service actually reaches count (the imported service's own gate covers the rest).
   */
  private importedTypes(root: Scope): void {
    if (this.imported.before.length === 0 && this.imported.after.length === 0) return;
    const key = (i: Service['imports'][number]) => `${i.organization.key}/${i.application.key}`;
    for (const [ib, ia] of matchBy(this.before.imports, this.after.imports, key)) {
      if (!ib || !ia) continue;
      const sb = this.imported.before.find((s) => s.namespace === ib.namespace);
      const sa = this.imported.after.find((s) => s.namespace === ia.namespace);
      if (!sb || !sa) continue;
      const scope: Scope = { ...root, namespaces: { before: sb.namespace, after: sa.namespace } };
      this.types(sb, sa, scope, `imports/${key(ia)}/`, ` of import ${key(ia)}`, (kind, name) => {
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
    for (const [eb, ea] of matchBy(b.enums, a.enums, (e) => e.name)) {
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
      for (const [vb, va] of matchBy(eb.values, ea.values, (v) => v.name)) {
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
    for (const [ub, ua] of matchBy(b.unions, a.unions, (u) => u.name)) {
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
      for (const [mb, ma] of members) {
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
    for (const [ib, ia] of matchBy(b.interfaces, a.interfaces, (i) => i.name)) {
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
    for (const [mb, ma] of matchBy(b.models, a.models, (m) => m.name)) {
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
    for (const [fb, fa] of matchBy(before, after, (f) => f.name)) {
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
    for (const [ob, oa] of operations) {
      const op = (oa ?? ob)!;
      const name = `${op.method} ${op.path}`;
      const opScope = this.visit('operation', ob, oa, scope, `operations/${name}`, `operation ${name}`, BOTH);
      if (!opScope || !ob || !oa) continue;
      this.visit('body', ob.body, oa.body, opScope, 'body', `body of ${name}`, INPUT);
      const renames = pathParameterRenames(ob.path, oa.path);
      const parameters = pairLeftovers(
        matchBy(ob.parameters, oa.parameters, (p) => p.name),
        (x, y) => x.location === 'path' && y.location === 'path' && renames.get(x.name) === y.name,
      );
      for (const [pb, pa] of parameters) {
        const p = (pa ?? pb)!.name;
        this.visit('parameter', pb, pa, opScope, `parameters/${p}`, `parameter '${p}' of ${name}`, INPUT);
      }
      for (const [xb, xa] of matchBy(ob.responses, oa.responses, (x) => String(x.code))) {
        const code = String((xa ?? xb)!.code);
        const label = `response ${code} of ${name}`;
        const resScope = this.visit('response', xb, xa, opScope, `responses/${code}`, label, OUTPUT);
        if (!resScope || !xb || !xa) continue;
        for (const [hb, ha] of matchBy<Header>(xb.headers, xa.headers, (h) => h.name)) {
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

  /** Runs the rules for one pair; returns the scope for its children. */
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
    // Most of a large spec is unchanged between versions: an equal subtree has nothing to report.
    if (
      before !== undefined &&
      after !== undefined &&
      parent.namespaces.before === parent.namespaces.after &&
      deepEqual(before, after)
    ) {
      return undefined;
    }
    const usage = typeof usageOf === 'function' ? usageOf() : usageOf;
    const path = parent.path === '' ? segment : segment === '' ? parent.path : `${parent.path}/${segment}`;
    const deprecated =
      parent.deprecated || (before as { deprecation?: unknown } | undefined)?.deprecation !== undefined;
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
      deprecated,
      namespaces: parent.namespaces,
      sides,
    };
    this.apply(this.byKind.get(kind), pair, anchor);
    if (before !== undefined && after !== undefined) this.apply(this.byKind.get('any'), pair, anchor);
    return { path, deprecated, anchor, namespaces: parent.namespaces };
  }

  private apply<T>(rules: AnyDiffRule[] | undefined, pair: Pair<T>, anchor: ChangeSource): void {
    if (!rules) return;
    for (const r of rules) {
      const result = (r.check as (p: Pair<T>) => Verdict | readonly Verdict[] | undefined)(pair);
      if (!result) continue;
      for (const verdict of Array.isArray(result) ? (result as readonly Verdict[]) : [result as Verdict]) {
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
    }
  }

  /** Usage of a local type across both versions; unused anywhere counts as both directions. */
  private usage(kind: TypeKind, name: string): Usage {
    return this.importedUsage(kind, name, this.namespaces.before, this.namespaces.after) ?? BOTH;
  }

  /** Usage of a type in the given namespaces across both versions, undefined when unused. */
  private importedUsage(kind: TypeKind, name: string, before: string, after: string): Usage | undefined {
    // Built on first use: when nothing typed changed, the analysis is never needed.
    this.usageMaps ??= [
      analyzeUsage(this.before, this.imported.before),
      analyzeUsage(this.after, this.imported.after),
    ];
    const b = this.usageMaps[0].get(`${before}.${kind}s.${name}`);
    const a = this.usageMaps[1].get(`${after}.${kind}s.${name}`);
    const input = !!(b?.input || a?.input);
    const output = !!(b?.output || a?.output);
    return input || output ? { input, output } : undefined;
  }

  private typeKey(type: Parameters<typeof formatTypeRef>[0], isBefore: boolean): string {
    return formatTypeRef(type, isBefore ? this.namespaces.before : this.namespaces.after);
  }
}

/** `/users/:id` → `/users/:guid` gives `id → guid`, when both paths have the same shape. */
function pathParameterRenames(before: string, after: string): Map<string, string> {
  const renames = new Map<string, string>();
  const b = before.split('/');
  const a = after.split('/');
  if (b.length !== a.length) return renames;
  b.forEach((segment, i) => {
    const other = a[i]!;
    if (segment.startsWith(':') && other.startsWith(':')) renames.set(segment.slice(1), other.slice(1));
  });
  return renames;
}

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
