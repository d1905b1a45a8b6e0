import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '../access.js';
import { retryLater } from '../errors.js';
import { LruCache } from '../lru-cache.js';

/** A token bucket: up to `burst` calls at once, refilled at `perMinute`. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

export interface RateLimits {
  /** Callers without a token, per client address. */
  anonymous: RateLimit;
  /** Callers with a token, per token. */
  token: RateLimit;
}

/** Enough for CI publishing a few hundred specs in a row; a loop of anonymous validations is not. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  anonymous: { burst: 60, perMinute: 60 },
  token: { burst: 600, perMinute: 600 },
};

/**
 * Rations the registry's expensive calls (validations, checks, publishes, code generation) per
 * client: each token, or each client address for anonymous calls. Kept in this process's memory:
 * with several replicas a client gets the limit once per replica, which still bounds it. At most
 * 10,000 clients are tracked (least recently seen forgotten first), so that rotating addresses
 * cannot grow the table.
 */
export class RateLimiter {
  readonly #buckets = new LruCache<{ tokens: number; at: number }>(10_000);

  constructor(
    readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
    readonly now: () => number = Date.now,
  ) {}

  /** Takes one call from the client's bucket: 0 when allowed, else the seconds until one is. */
  take(client: string, limit: RateLimit): number {
    const now = this.now();
    const perMs = limit.perMinute / 60_000;
    const bucket = this.#buckets.get(client) ?? { tokens: limit.burst, at: now };
    const tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    if (tokens >= 1) {
      this.#buckets.set(client, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.#buckets.set(client, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  }

  /** Express middleware: `429 rate-limited` with `Retry-After` once the caller's bucket is empty. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const principal = res.locals.principal as Principal;
      const [client, limit] = principal.token
        ? [`token:${principal.token.id}`, this.limits.token]
        : [`address:${req.socket.remoteAddress ?? 'unknown'}`, this.limits.anonymous];
      const wait = this.take(client, limit);
      if (wait === 0) return next();
      next(
        retryLater(
          429,
          'rate-limited',
          `Too many validations, checks, publishes or code generations from this ${principal.token ? 'token' : 'address'} (${limit.perMinute} a minute, ${limit.burst} at once). Retry after ${wait} s${principal.token ? '' : ', or send a token for a higher limit'}.`,
          wait,
        ),
      );
    };
  }
}
