import { compareSemver, parseSemver, type SemVer } from './semver.js';

/** A version range as reads accept it: `^1.2`, `~1.2.3`, `1.x`, `1.2.x`, `1`, `1.2`. */
export interface SemverRange {
  text: string;
  /** Lowest version in the range (inclusive) and the first one above it (exclusive). */
  lower: SemVer;
  upper: SemVer;
}

const RANGE = /^([~^])?(0|[1-9]\d{0,8})(?:\.(0|[1-9]\d{0,8}|[xX*]))?(?:\.(0|[1-9]\d{0,8}|[xX*]))?$/;

const version = (major: number, minor: number, patch: number): SemVer => ({
  major,
  minor,
  patch,
  prerelease: [],
  build: '',
});

/**
 * Reads a range with npm's meaning: `^1.2` is `>=1.2.0 <2.0.0` (`^0.2` is `<0.3.0`), `~1.2.3`
 * is `>=1.2.3 <1.3.0`, `1.x` and `1` are `>=1.0.0 <2.0.0`. Undefined when the text is not one
 * (an exact version is not a range).
 *
 * @example parseRange('^1.2')?.upper // 2.0.0
 */
export function parseRange(text: string): SemverRange | undefined {
  const match = RANGE.exec(text);
  if (!match) return undefined;
  const [, operator, majorText, minorText, patchText] = match;
  const wild = (part: string | undefined) => part === undefined || /^[xX*]$/.test(part);
  const major = Number(majorText);
  const minor = wild(minorText) ? undefined : Number(minorText);
  const patch = minor === undefined || wild(patchText) ? undefined : Number(patchText);
  if (operator === undefined && minor !== undefined && patch !== undefined) return undefined;
  if (minor === undefined && !wild(patchText)) return undefined; // 1.x.3
  const lower = version(major, minor ?? 0, patch ?? 0);
  let upper: SemVer;
  if (operator === '^') {
    upper =
      major > 0 || minor === undefined
        ? version(major + 1, 0, 0)
        : minor > 0 || patch === undefined
          ? version(0, minor + 1, 0)
          : version(0, 0, patch + 1);
  } else if (operator === '~' || minor !== undefined) {
    upper = minor === undefined ? version(major + 1, 0, 0) : version(major, minor + 1, 0);
  } else {
    upper = version(major + 1, 0, 0);
  }
  return { text, lower, upper };
}

/** True when `v` is in the range. Prereleases never match a range (as in npm). */
export function satisfies(v: SemVer, range: SemverRange): boolean {
  return v.prerelease.length === 0 && compareSemver(v, range.lower) >= 0 && compareSemver(v, range.upper) < 0;
}

/** The highest of `versions` in the range, or undefined. */
export function maxSatisfying(versions: readonly string[], range: SemverRange): string | undefined {
  let best: { text: string; semver: SemVer } | undefined;
  for (const text of versions) {
    const semver = parseSemver(text);
    if (semver && satisfies(semver, range) && (!best || compareSemver(semver, best.semver) > 0)) {
      best = { text, semver };
    }
  }
  return best?.text;
}
