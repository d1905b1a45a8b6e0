import { both, type Pair, type Verdict } from '../rule.js';

/** What headers and parameters share: required or not, and a default that fills one in. */
interface Requirable {
  required: boolean;
  default?: string;
}

/** An optional request value became required without a default: clients that omit it now fail. */
export function becameRequired(pair: Pair<Requirable>): Verdict | undefined {
  const sides = both(pair);
  return sides && !sides[0].required && sides[1].required && sides[1].default === undefined
    ? { message: `${pair.label} became required`, before: 'optional', after: 'required' }
    : undefined;
}

/**
 * The two sides when a request value became optional, or required with a default (either way
 * clients that omit it still work); undefined otherwise.
 */
export function relaxed<T extends Requirable>(pair: Pair<T>): [T, T] | undefined {
  const sides = both(pair);
  if (!sides || sides[0].required === sides[1].required) return undefined;
  if (sides[1].required && sides[1].default === undefined) return undefined;
  return sides;
}
