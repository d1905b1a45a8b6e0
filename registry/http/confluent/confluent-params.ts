import type { Request } from 'express';
import { invalidVersion, SubjectError } from '../../subjects/subject-error.js';
import { checkSubjectName } from '../../subjects/subject-name.js';

export const subjectParam = (req: Request) => checkSubjectName(String(req.params.subject));

/** `latest` and `-1` mean the latest version; else a number from 1. */
export function versionParam(req: Request): number | 'latest' {
  const raw = String(req.params.version);
  if (raw === 'latest' || raw === '-1') return 'latest';
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw invalidVersion(raw);
  return Number(raw);
}

/** A version that must be a number (deletes). */
export function numberedVersion(req: Request): number {
  const version = versionParam(req);
  if (version === 'latest') throw invalidVersion(String(req.params.version));
  return version;
}

export function idParam(req: Request): number {
  const raw = String(req.params.id);
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) {
    throw new SubjectError(
      40403,
      `Schema ${JSON.stringify(raw.slice(0, 40))} not found: an id is a number from 1.`,
    );
  }
  return Number(raw);
}

/** A boolean query flag: `true` turns it on, anything else (or nothing) leaves it off. */
export const flag = (req: Request, name: string) => req.query[name] === 'true';

export function optionalString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}
