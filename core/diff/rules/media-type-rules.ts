import type { Body, Response } from '../../ir.js';
import { type AnyDiffRule, both, type Pair, rule, type Verdict } from '../rule.js';

/** The media types an element declares; none declared means `application/json` alone. */
const declared = (element: Body | Response): readonly string[] => element.mediaTypes ?? ['application/json'];

/** One verdict per media type on one side only (`gone`: in the old list, not in the new one). */
function mediaTypeChanges(pair: Pair<Body | Response>, gone: boolean): Verdict[] | undefined {
  const sides = both(pair);
  if (!sides) return undefined;
  // A response without content has no media type to lose.
  const empty = (r: Body | Response) => 'code' in r && r.type.kind === 'primitive' && r.type.name === 'unit';
  if (empty(sides[0]) || empty(sides[1])) return undefined;
  const [from, to] = gone
    ? [declared(sides[0]), declared(sides[1])]
    : [declared(sides[1]), declared(sides[0])];
  const changed = from.filter((type) => !to.includes(type));
  if (changed.length === 0) return undefined;
  return changed.map((type) => ({
    message: `${pair.label} ${gone ? 'no longer declares' : 'now also declares'} media type ${type}`,
    ...(gone ? { before: type } : { after: type }),
  }));
}

/**
 * The media types of request bodies and responses (`content` keys in OpenAPI). As oasdiff
 * (`request-body-media-type-removed`, `response-media-type-removed`): removing one is breaking
 * for whoever used it, adding one breaks no one.
 */
export const mediaTypeRules: AnyDiffRule[] = [
  rule({
    id: 'request-media-type-removed',
    level: 'breaking',
    description:
      'A request body no longer accepts one of its media types: clients that send the body in that type are refused.',
    elements: ['body'],
    check: (pair) => mediaTypeChanges(pair, true),
  }),
  rule({
    id: 'request-media-type-added',
    level: 'info',
    description: 'A request body accepts another media type; what clients send today still fits.',
    elements: ['body'],
    check: (pair) => mediaTypeChanges(pair, false),
  }),
  rule({
    id: 'response-media-type-removed',
    level: 'breaking',
    description:
      'A response is no longer sent in one of its media types: clients that ask for it (Accept) or read it lose it.',
    elements: ['response'],
    check: (pair) => mediaTypeChanges(pair, true),
  }),
  rule({
    id: 'response-media-type-added',
    level: 'info',
    description:
      'A response may also be sent in another media type; clients still ask for the one they read.',
    elements: ['response'],
    check: (pair) => mediaTypeChanges(pair, false),
  }),
];
