import { notFound, problem } from '../errors.js';
import { checkKey } from '../keys.js';
import { parseSemver } from '../semver.js';

/** An organization or application key from a URL; a name that cannot be a key cannot exist (404). */
export function keyParam(kind: 'organization' | 'service', value: string): string {
  try {
    return checkKey(kind === 'service' ? 'application' : 'organization', value);
  } catch {
    throw notFound(
      `The ${kind} '${value.slice(0, 100)}'`,
      'Keys are lower-case letters, digits, ".", "_" and "-"; start from the list at /ui/.',
    );
  }
}

/** A version from a URL: semver or `latest`; anything else is a malformed request (400). */
export function versionParam(value: string): string {
  if (value === 'latest' || parseSemver(value)) return value;
  throw problem(
    400,
    'invalid-version',
    `'${value.slice(0, 100)}' is not a version: use MAJOR.MINOR.PATCH (e.g. 1.4.0, 2.0.0-rc.1) or 'latest'.`,
  );
}
