import type { Service } from '../../ir.js';
import { formatTypeRef } from '../../type-ref.js';
import { operationPath, resourcePath } from '../paths.js';
import type { LintRule } from '../rule.js';

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Flow's replacements (the InclusiveTerminology linter), by the word to avoid. */
const INCLUSIVE: Readonly<Record<string, string>> = {
  whitelist: 'allowlist',
  blacklist: 'denylist',
  master: 'primary or leader',
  slave: 'secondary or follower',
  dummy: 'placeholder',
  sanity: 'completeness',
};

/** `allow_list`, `BlackList`, `master-data` → lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function inclusiveProblem(name: string): string | undefined {
  const all = words(name);
  // Whole words and adjacent pairs (`white_list`), never substrings: `mastercard` is fine.
  const candidates = new Set([...all, ...all.slice(1).map((w, i) => `${all[i]}${w}`)]);
  for (const [word, instead] of Object.entries(INCLUSIVE)) {
    if (candidates.has(word)) return `'${name}' uses '${word}'; say ${instead}`;
  }
  return undefined;
}

/** Names that appear on the wire or in generated code, with their element and path. */
function* namedElements(
  service: Service,
): Generator<{ name: string; path: string; element: object; what: string }> {
  for (const e of service.enums) {
    yield { name: e.name, path: `enums/${e.name}`, element: e, what: 'enum' };
    for (const v of e.values)
      yield { name: v.value, path: `enums/${e.name}/values/${v.name}`, element: v, what: 'enum value' };
  }
  for (const u of service.unions) {
    yield { name: u.name, path: `unions/${u.name}`, element: u, what: 'union' };
    if (u.discriminator)
      yield { name: u.discriminator, path: `unions/${u.name}`, element: u, what: 'discriminator' };
    for (const t of u.types) {
      yield {
        name: t.discriminatorValue,
        path: `unions/${u.name}/types/${formatTypeRef(t.type, service.namespace)}`,
        element: t,
        what: 'discriminator value',
      };
    }
  }
  for (const kind of ['interfaces', 'models'] as const) {
    for (const m of service[kind]) {
      yield {
        name: m.name,
        path: `${kind}/${m.name}`,
        element: m,
        what: kind === 'models' ? 'model' : 'interface',
      };
      for (const f of m.fields)
        yield { name: f.name, path: `${kind}/${m.name}/fields/${f.name}`, element: f, what: 'field' };
    }
  }
  for (const h of service.headers)
    yield { name: h.name, path: `headers/${h.name}`, element: h, what: 'header' };
  for (const r of service.resources) {
    for (const o of r.operations) {
      const op = operationPath(service, r, o);
      for (const segment of o.path.split('/')) {
        if (segment !== '')
          yield { name: segment.replace(/^:/, ''), path: op, element: o, what: 'path segment' };
      }
      for (const p of o.parameters)
        yield { name: p.name, path: `${op}/parameters/${p.name}`, element: p, what: 'parameter' };
    }
  }
}

/** Naming: snake_case, inclusive words, and `_form` bodies for create and update. */
export const namingRules: LintRule[] = [
  {
    id: 'snake-case-names',
    level: 'warning',
    description:
      'Model, enum, union, interface, field and (non-header) parameter names are snake_case (`order_item`, `created_at`). Enum values and headers are exempt: they often mirror outside standards (`EXW`, `X-Request-Id`).',
    check(service, report) {
      for (const n of namedElements(service)) {
        const checked = ['enum', 'union', 'model', 'interface', 'field', 'parameter'].includes(n.what);
        if (!checked || SNAKE_CASE.test(n.name)) continue;
        if (n.what === 'parameter') {
          const parameter = n.element as { location?: string };
          if (parameter.location === 'header') continue;
        }
        const suggestion = words(n.name).join('_');
        report(n.path, `${n.what} '${n.name}' is not snake_case; name it '${suggestion}'`, n.element);
      }
    },
  },
  {
    id: 'inclusive-terminology',
    level: 'warning',
    description: `Names avoid ${Object.keys(INCLUSIVE).join(', ')} (Flow's list); the message gives the replacement.`,
    check(service, report) {
      const seen = new Set<string>();
      for (const n of namedElements(service)) {
        const problem = inclusiveProblem(n.name);
        const key = `${n.path}\u0000${n.name}`;
        if (!problem || seen.has(key)) continue;
        seen.add(key);
        report(n.path, `${n.what} ${problem}`, n.element);
      }
      for (const r of service.resources) {
        const problem =
          r.path === undefined ? undefined : r.path.split('/').map(inclusiveProblem).find(Boolean);
        if (problem) report(resourcePath(service, r), `resource path ${problem}`, r);
      }
    },
  },
  {
    id: 'form-naming',
    level: 'warning',
    description:
      'The body of a create (`POST` on the resource path) or an update (`PUT`/`PATCH` on `<resource path>/:id`) is a model named `{resource}_form` or another `*_form` (`user_form`, `user_put_form`): forms and the models clients read back evolve separately.',
    check(service, report) {
      for (const r of service.resources) {
        const base = r.path ?? '';
        for (const o of r.operations) {
          if (o.body?.type.kind !== 'model') continue;
          const rest = o.path.startsWith(base) ? o.path.slice(base.length) : undefined;
          const create = o.method === 'POST' && (rest === '' || rest === '/');
          const update =
            (o.method === 'PUT' || o.method === 'PATCH') && rest !== undefined && /^\/:[^/]+$/.test(rest);
          if (!create && !update) continue;
          const name = o.body.type.name;
          if (/_form(_v\d+)?$/.test(name)) continue;
          const resource =
            r.type.kind === 'primitive' || r.type.kind === 'list' || r.type.kind === 'map'
              ? 'resource'
              : r.type.name;
          report(
            `${operationPath(service, r, o)}/body`,
            `${o.method} ${o.path} takes '${name}'; ${create ? 'create' : 'update'} bodies are forms: name it '${resource}_form'${update ? ` (or '${resource}_put_form')` : ''}`,
            o.body,
          );
        }
      }
    },
  },
];
