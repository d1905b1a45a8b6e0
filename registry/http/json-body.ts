import express, { type NextFunction, type Request, type Response } from 'express';
import { MAX_NESTING, nestingBeyond } from '../../core/json-depth.js';
import type { Principal } from '../access.js';
import { problem, type RegistryError } from '../errors.js';

const TYPES = ['application/json', 'application/*+json'];

/**
 * The JSON body parser, with a smaller limit for callers without a token: an anonymous client
 * cannot make the registry read (and then load) a document of tens of megabytes. Runs after
 * authentication, which sets `res.locals.principal`.
 */
export function jsonBody(maxBytes: number, anonymousMaxBytes: number) {
  const full = express.json({ limit: maxBytes, type: TYPES });
  const anonymous = express.json({ limit: Math.min(maxBytes, anonymousMaxBytes), type: TYPES });
  return (req: Request, res: Response, next: NextFunction) => {
    const parsed = (error?: unknown) => (error ? next(error) : next(tooDeep(req.body)));
    if ((res.locals.principal as Principal).token) return full(req, res, parsed);
    anonymous(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large') {
        // The socket still carries the rest of the body: close it rather than read it.
        res.setHeader('connection', 'close');
        next(
          problem(
            413,
            'body-too-large',
            `Without a token the request body may be at most ${Math.min(maxBytes, anonymousMaxBytes)} bytes. Send a token ('Authorization: Bearer <token>') for documents up to ${maxBytes} bytes.`,
          ),
        );
        return;
      }
      parsed(error);
    });
  };
}

/**
 * A body nested deeper than any spec may be (generator options, say) is refused here, before
 * anything walks it recursively (hashing options for the cache key would overflow the stack).
 */
function tooDeep(body: unknown): RegistryError | undefined {
  const at = nestingBeyond(body);
  if (at === undefined) return undefined;
  return problem(
    422,
    'too-deep',
    `The request body nests more than ${MAX_NESTING} levels deep (at ${at.slice(0, 120)}${at.length > 120 ? '…' : ''}). Send a flatter value.`,
    at,
  );
}
