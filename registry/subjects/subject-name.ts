import { invalidSubject } from './subject-error.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks a subject name: 1 to 255 characters, no control characters, no path separators and no
 * `.`/`..` (a name must not read as a path anywhere it is used: URLs, files, logs).
 *
 * @example checkSubjectName('orders-value') // → 'orders-value'
 */
export function checkSubjectName(name: string): string {
  if (name.length === 0) throw invalidSubject('the name is empty; name the subject, e.g. orders-value.');
  if (name.length > 255) throw invalidSubject(`the name has ${name.length} characters; use at most 255.`);
  if (CONTROL.test(name))
    throw invalidSubject('the name contains a control character; use printable characters only.');
  if (/[/\\]/.test(name) || name === '.' || name === '..') {
    throw invalidSubject(
      `${JSON.stringify(name.slice(0, 120))} reads as a path; leave out '/', '\\' and '.'/'..' names.`,
    );
  }
  return name;
}
