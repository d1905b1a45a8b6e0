import type { Service } from '../ir.js';
import type { LintLevel } from './finding.js';

/** Hands a finding to the linter: the element's path, the message, and the IR element itself. */
export type Report = (path: string, message: string, element: object) => void;

/** A lint rule: stable id, default level, what it asks for, and the check. */
export interface LintRule {
  id: string;
  level: LintLevel;
  description: string;
  check(service: Service, report: Report): void;
}
