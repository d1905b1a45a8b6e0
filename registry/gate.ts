import type { Service } from '../core/ir.js';
import { RegistryError } from './errors.js';
import { parseSemver } from './semver.js';
import { type Gate, type GateInput, gateReads, type HistoryEntry, type StoredChange } from './store/store.js';

/** The diff engine's signature (`core/diff`): changes that turn `before` into `after`. */
export type DiffFunction = (before: Service, after: Service) => StoredChange[];

export interface GateOptions {
  version: string;
  service: Service;
  contentHash: string;
  diff: DiffFunction;
  /** An admin's reason to accept breaking changes anyway; stored with the version. */
  forceReason?: string;
}

/**
 * The publish gate. The new version is diffed against its semver predecessor (and, for
 * `backward-transitive`, every earlier version); the version after it, when one was published
 * first, is diffed against the new one, so that back-filling a patch release cannot break what
 * follows it. A breaking change is refused with a 409 listing every breaking change, unless the
 * policy allows it (`none`; `major-may-break` across a major bump) or an admin forced it.
 */
export function publishGate(options: GateOptions): Gate {
  return (input: GateInput) => {
    const { earlier, later, policy } = input;
    const predecessor = earlier.at(-1);
    const successor = later[0];
    const checked = new Map<string, StoredChange[]>();
    const changesFrom = (entry: HistoryEntry) =>
      cached(checked, `${entry.contentHash}>`, () => options.diff(entry.service(), options.service));
    const changesTo = (entry: HistoryEntry) =>
      cached(checked, `>${entry.contentHash}`, () => options.diff(options.service, entry.service()));

    const changes = predecessor ? changesFrom(predecessor) : [];
    const successorChanges = successor ? changesTo(successor) : undefined;
    if (policy !== 'none') {
      const refusals: RegistryError['errors'] = [];
      const breaking: (StoredChange & { against: string })[] = [];
      const refuse = (against: string, list: StoredChange[], direction: 'from' | 'to') => {
        for (const change of list.filter((c) => c.level === 'breaking')) {
          breaking.push({ ...change, against });
          refusals.push({
            code: 'breaking-change',
            path: change.path,
            message:
              direction === 'from'
                ? `${change.rule}: ${change.message} (breaks consumers of ${against}).`
                : `${change.rule}: ${change.message} (${against}, already published, would break consumers of this version).`,
          });
        }
      };
      const { before, after } = gateReads(policy, earlier, later);
      for (const entry of before) {
        if (policy === 'major-may-break' && isMajorBump(entry.version, options.version)) continue;
        refuse(entry.version, changesFrom(entry), 'from');
      }
      for (const entry of after) {
        if (entry.forcedReason !== undefined) continue;
        if (policy === 'major-may-break' && isMajorBump(options.version, entry.version)) continue;
        refuse(entry.version, changesTo(entry), 'to');
      }
      if (refusals.length > 0 && options.forceReason !== undefined) {
        // An admin accepted these breaking changes: the reason is kept with the version.
        return successorChanges ? { changes, successorChanges, forced: true } : { changes, forced: true };
      }
      if (refusals.length > 0) {
        refusals.push({
          code: 'publish-refused',
          message: `The ${policy} policy refuses ${breaking.length} breaking change(s). Make the change compatible, publish it as a new major version under the major-may-break policy, or ask an admin to force it with a reason.`,
        });
        throw new RegistryError(409, refusals, { changes: breaking });
      }
    }
    return successorChanges ? { changes, successorChanges } : { changes };
  };
}

function isMajorBump(from: string, to: string): boolean {
  const a = parseSemver(from);
  const b = parseSemver(to);
  return a !== undefined && b !== undefined && b.major > a.major;
}

function cached<T>(map: Map<string, T>, key: string, compute: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    map.set(key, value);
  }
  return value;
}
