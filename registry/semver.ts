/** A parsed semantic version (semver 2.0.0). Build metadata is kept but never compared. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
  build: string;
}

const SEMVER =
  /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-((?:0|[1-9]\d{0,8}|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d{0,8}|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * Parses `1.2.3`, `1.2.3-rc.1`, `1.2.3+build.5`; undefined when the text is not semver.
 * Numbers are limited to 9 digits so that they sort as fixed-width text (see `semverSortKey`).
 *
 * @example parseSemver('2.0.0-rc.1') // { major: 2, minor: 0, patch: 0, prerelease: ['rc', 1], build: '' }
 */
export function parseSemver(text: string): SemVer | undefined {
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  const prerelease = match[4] ? match[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease,
    build: match[5] ?? '',
  };
}

/** Semver precedence: negative when `a` comes before `b`, 0 when equal (build ignored). */
export function compareSemver(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return Math.sign(core);
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  const n = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const x = a.prerelease[i]!;
    const y = b.prerelease[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return Math.sign(x - y);
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

/**
 * A text key whose byte order is semver precedence, so a database can sort and index versions
 * (`ORDER BY sort_key`) without knowing semver. Build metadata is not part of the key.
 */
export function semverSortKey(v: SemVer): string {
  const pad = (n: number) => String(n).padStart(9, '0');
  const base = `${pad(v.major)}.${pad(v.minor)}.${pad(v.patch)}`;
  // '~' sorts after '!', so a release follows all of its prereleases. Inside the prerelease,
  // '!' separates identifiers (it sorts below every identifier character), numbers are
  // tagged '0' + fixed width and words '1' + text, so numbers precede words.
  if (v.prerelease.length === 0) return `${base}~`;
  const ids = v.prerelease.map((id) => (typeof id === 'number' ? `0${pad(id)}` : `1${id}`));
  return `${base}!${ids.join('!')}`;
}
