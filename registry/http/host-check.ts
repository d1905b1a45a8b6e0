import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendErrors } from './error-handler.js';

/** Names that always mean this machine: a browser sends them only to a registry on this machine. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** True for an address or name that only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return (
    bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare.endsWith('.localhost')
  );
}

/**
 * Refuses requests whose `Host` names a server this registry does not claim to be (421). That is
 * what DNS rebinding looks like: a web page on `evil.example` has its name resolve to 127.0.0.1
 * and then calls a registry on this machine from the user's browser as "same origin".
 *
 * Loopback names are always answered. Bound to a loopback address, nothing else is, unless
 * `allowedHosts` lists it; bound to any other address (behind a load balancer, say), any host is
 * answered unless `allowedHosts` is given, which then lists every other accepted name.
 */
export function hostCheck(
  bindHost: string,
  allowedHosts: readonly string[] = [],
): RequestHandler | undefined {
  const loopback = isLoopback(bindHost);
  if (!loopback && allowedHosts.length === 0) return undefined;
  const allowed = new Set([...LOOPBACK_NAMES, ...allowedHosts].map((h) => h.toLowerCase()));
  const listed = [...allowed].join(', ');
  return (req: Request, res: Response, next: NextFunction) => {
    // Clients without a Host header (HTTP/1.0 tools) are not browsers, which rebinding needs.
    const header = req.headers.host;
    if (header === undefined) return next();
    const name = header.toLowerCase().replace(/:\d*$/, '');
    if (allowed.has(name) || (loopback && isLoopback(name))) return next();
    // The body is not read: close the connection rather than parse it as the next request.
    res.setHeader('connection', 'close');
    sendErrors(res, 421, [
      {
        code: 'host-not-allowed',
        message: `This registry does not answer for the host '${name.slice(0, 100)}' (it answers for ${listed}). If that name is meant to reach it, start it with --allowed-host ${name.slice(0, 100)}.`,
      },
    ]);
  };
}
