import { problem } from './errors.js';

const KEY = /^[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?$/;

/**
 * Checks an organization or application key: lower-case letters, digits, `.`, `_`, `-`,
 * starting and ending with a letter or digit, at most 100 characters.
 */
export function checkKey(kind: 'organization' | 'application', key: string): string {
  if (!KEY.test(key)) {
    throw problem(
      422,
      `invalid-${kind}-key`,
      `The ${kind} key '${key.slice(0, 100)}' is not valid: use lower-case letters, digits, '.', '_' and '-', starting and ending with a letter or digit (e.g. 'acme' or 'user-service').`,
    );
  }
  return key;
}
