import express, { type NextFunction, type Request, type Response } from 'express';
import type { Principal } from '../access.js';
import { problem } from '../errors.js';

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
    if ((res.locals.principal as Principal).token) return full(req, res, next);
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
      next(error);
    });
  };
}
