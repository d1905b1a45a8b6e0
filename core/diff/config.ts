import type { ChangeLevel } from './change.js';
import type { DiffOptions } from './index.js';

/**
 * Reads the `diff` section of `canon.config.json`: `{ "rules": { "<rule id>": "off" | "info" |
 * "warning" | "breaking" } }`. Problems name the key and what to write instead.
 */
export function parseDiffConfig(
  raw: unknown,
  ruleIds: readonly string[],
): { options: DiffOptions; problems: string[] } {
  const problems: string[] = [];
  if (raw === undefined) return { options: {}, problems };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      options: {},
      problems: ['"diff" must be an object such as { "rules": { "enum-value-added-to-output": "info" } }.'],
    };
  }
  const section = raw as Record<string, unknown>;
  for (const key of Object.keys(section))
    if (key !== 'rules') problems.push(`"diff.${key}" is not a setting; use "rules".`);
  if (section.rules === undefined) return { options: {}, problems };
  if (typeof section.rules !== 'object' || section.rules === null || Array.isArray(section.rules)) {
    return {
      options: {},
      problems: [...problems, '"diff.rules" must map rule ids to "off", "info", "warning" or "breaking".'],
    };
  }
  const rules: Record<string, ChangeLevel | 'off'> = {};
  for (const [id, level] of Object.entries(section.rules)) {
    if (!ruleIds.includes(id))
      problems.push(`"diff.rules.${id}": no diff rule has that id (see docs/rules/breaking.md).`);
    else if (level !== 'off' && level !== 'info' && level !== 'warning' && level !== 'breaking') {
      problems.push(
        `"diff.rules.${id}" is ${JSON.stringify(level)}; use "off", "info", "warning" or "breaking".`,
      );
    } else rules[id] = level;
  }
  return { options: { rules }, problems };
}
