import type { Service } from '../ir.js';
import { forEachElement } from './paths.js';

/** The attribute that silences lint rules on an element and everything inside it. */
export const SILENCE_ATTRIBUTE = 'canon-lint';

/**
 * Flow's own opt-out attribute (`{"name": "linter", "value": {"ignore": [...]}}`) uses its linter
 * names; these are the ones with a Canon equivalent, so Flow's specs keep their exemptions.
 */
const FLOW_LINTER_NAMES: Readonly<Record<string, readonly string[]>> = {
  response_codes: ['standard-response-codes'],
  standard_response: ['standard-response-codes'],
  get: ['list-paging-parameters'],
  limit: ['list-paging-parameters'],
  offset: ['list-paging-parameters'],
  common_parameter_types: ['list-paging-parameters'],
  event_structure: [
    'event-field-order',
    'event-deleted-has-id',
    'event-upserted-payload-has-id',
    'event-upserted-has-deleted',
  ],
  inclusive_terminology: ['inclusive-terminology'],
  lower_case_paths: ['lower-case-paths'],
  paths_do_not_have_trailing_slash: ['no-trailing-slash'],
  duplicate_method_and_path: ['duplicate-method-path'],
  union_types_have_common_discriminator: ['union-discriminator'],
};

/** Element path → rule ids silenced there, from `canon-lint` (and Flow's `linter`) attributes. */
export function silencedRules(service: Service): Map<string, Set<string>> {
  const silenced = new Map<string, Set<string>>();
  forEachElement(service, (path, element) => {
    for (const attribute of element.attributes ?? []) {
      if (attribute.name !== SILENCE_ATTRIBUTE && attribute.name !== 'linter') continue;
      const value = attribute.value as { ignore?: unknown };
      if (!Array.isArray(value.ignore)) continue;
      const ids = silenced.get(path) ?? new Set<string>();
      for (const entry of value.ignore) {
        if (typeof entry !== 'string') continue;
        if (attribute.name === SILENCE_ATTRIBUTE) ids.add(entry);
        else for (const id of FLOW_LINTER_NAMES[entry] ?? []) ids.add(id);
      }
      silenced.set(path, ids);
    }
  });
  return silenced;
}

/** True when the rule is silenced at `path` or at an element containing it. */
export function isSilenced(silenced: Map<string, Set<string>>, path: string, rule: string): boolean {
  if (silenced.size === 0) return false;
  if (silenced.get('')?.has(rule)) return true;
  for (let end = path.indexOf('/'); ; end = path.indexOf('/', end + 1)) {
    const prefix = end === -1 ? path : path.slice(0, end);
    if (silenced.get(prefix)?.has(rule)) return true;
    if (end === -1) return false;
  }
}
