import type { Service } from '../ir.js';
import { isIgnored, type LintConfig } from './config.js';
import type { Finding } from './finding.js';
import { LINT_RULES } from './rules.js';
import { isSilenced, silencedRules } from './silence.js';

export { isIgnored, type LintConfig, parseLintConfig } from './config.js';
export type { Finding, LintLevel } from './finding.js';
export type { LintRule } from './rule.js';
export { LINT_RULES } from './rules.js';
export { SILENCE_ATTRIBUTE } from './silence.js';

const sources = new WeakMap<Finding, object>();

/**
 * Checks a service against Canon's conventions (Flow's event rules, naming, paths, responses,
 * paging). Rules can be turned off or re-levelled and paths ignored through `config`; a
 * `canon-lint` attribute (`{ "name": "canon-lint", "value": { "ignore": ["rule-id"] } }`) silences
 * rules on one element and everything inside it.
 *
 * @example
 * lint(service, { rules: { 'form-naming': 'off' }, ignore: ['models/legacy_*'] });
 */
export function lint(service: Service, config: LintConfig = {}): Finding[] {
  const silenced = silencedRules(service);
  const ignore = config.ignore ?? [];
  const findings: Finding[] = [];
  for (const rule of LINT_RULES) {
    const setting = config.rules?.[rule.id];
    if (setting === 'off') continue;
    const level = setting ?? rule.level;
    rule.check(service, (path, message, element) => {
      if (isSilenced(silenced, path, rule.id) || (ignore.length > 0 && isIgnored(path, ignore))) return;
      const finding: Finding = { rule: rule.id, level, path, message };
      findings.push(finding);
      sources.set(finding, element);
    });
  }
  return findings;
}

/** The IR element a finding returned by `lint` is about (for mapping it to a line in the spec). */
export function sourceOfFinding(finding: Finding): object | undefined {
  return sources.get(finding);
}
