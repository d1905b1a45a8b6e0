import { problem } from './errors.js';
import { parseSemver, type SemVer } from './semver.js';

/** Longest prerelease part (`rc.1` in `2.0.0-rc.1`) a registry version may have. */
export const MAX_PRERELEASE_LENGTH = 64;

/**
 * Checks the version of a publish: semver, without build metadata (a build names an artifact, not
 * a contract: `1.2.0+b7` and `1.2.0` would be one version under two names), with a prerelease of
 * at most 64 characters. Returns the parsed version.
 *
 * @example checkVersion('2.0.0-rc.1') // → { major: 2, minor: 0, patch: 0, prerelease: ['rc', 1], build: '' }
 */
export function checkVersion(text: string): SemVer {
  const semver = parseSemver(text);
  const shown = text.length > 100 ? `${text.slice(0, 100)}…` : text;
  if (!semver) {
    throw problem(
      422,
      'invalid-version',
      `'${shown}' is not a semantic version. Use MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1.`,
    );
  }
  if (semver.build !== '') {
    const plain = text.slice(0, text.indexOf('+'));
    throw problem(
      422,
      'invalid-version',
      `'${shown}' carries build metadata (+${semver.build.slice(0, 40)}), which semver ignores when comparing versions, so the registry would hold one version under two names. Publish it as ${plain.slice(0, 100)}.`,
    );
  }
  const prerelease = text.indexOf('-') === -1 ? '' : text.slice(text.indexOf('-') + 1);
  if (prerelease.length > MAX_PRERELEASE_LENGTH) {
    throw problem(
      422,
      'invalid-version',
      `The prerelease part of '${shown}' is ${prerelease.length} characters; the limit is ${MAX_PRERELEASE_LENGTH}. Use a short label such as rc.1 or beta.2.`,
    );
  }
  return semver;
}
