import type { LintLevel } from './finding.js';

/**
 * The `lint` section of `canon.config.json`.
 *
 * @example
 * { "lint": { "rules": { "form-naming": "off", "snake-case-names": "error" },
 *             "ignore": ["models/legacy_*", "resources/healthcheck"] } }
 */
export interface LintConfig {
  /** Per rule id: `off`, or the level to report it at. */
  rules?: Readonly<Record<string, LintLevel | 'off'>>;
  /**
   * Element paths to skip, with `*` matching any run of characters. A pattern also covers
   * everything inside the element it names (`models/user` covers `models/user/fields/email`).
   */
  ignore?: readonly string[];
}

/** Reads and checks a `lint` config section; problems name the key and what to write instead. */
export function parseLintConfig(
  raw: unknown,
  ruleIds: readonly string[],
): { config: LintConfig; problems: string[] } {
  const problems: string[] = [];
  if (raw === undefined) return { config: {}, problems };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      config: {},
      problems: ['"lint" must be an object such as { "rules": { "form-naming": "off" } }.'],
    };
  }
  const section = raw as Record<string, unknown>;
  const config: { rules?: Record<string, LintLevel | 'off'>; ignore?: string[] } = {};
  for (const key of Object.keys(section)) {
    if (key !== 'rules' && key !== 'ignore')
      problems.push(`"lint.${key}" is not a setting; use "rules" or "ignore".`);
  }
  if (section.rules !== undefined) {
    if (typeof section.rules !== 'object' || section.rules === null || Array.isArray(section.rules)) {
      problems.push('"lint.rules" must map rule ids to "off", "warning" or "error".');
    } else {
      const rules: Record<string, LintLevel | 'off'> = {};
      for (const [id, level] of Object.entries(section.rules)) {
        if (!ruleIds.includes(id))
          problems.push(`"lint.rules.${id}": no lint rule has that id (see docs/rules/lint.md).`);
        else if (level !== 'off' && level !== 'warning' && level !== 'error') {
          problems.push(`"lint.rules.${id}" is ${JSON.stringify(level)}; use "off", "warning" or "error".`);
        } else rules[id] = level;
      }
      config.rules = rules;
    }
  }
  if (section.ignore !== undefined) {
    if (!Array.isArray(section.ignore) || section.ignore.some((p) => typeof p !== 'string')) {
      problems.push('"lint.ignore" must be a list of element paths such as ["models/legacy_*"].');
    } else config.ignore = section.ignore as string[];
  }
  return { config, problems };
}

/** True when `path` is, or is inside, an element a pattern names. */
export function isIgnored(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => patternRegExp(pattern).test(path));
}

const compiled = new Map<string, RegExp>();
function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}(/.*)?$`);
    compiled.set(pattern, re);
  }
  return re;
}
