import type { Request, Response } from 'express';
import { hashToken, type Principal } from '../access.js';
import type { Registry } from '../registry.js';

/** The sign-in cookie: the token itself, readable only by the registry (httpOnly), only on /ui. */
export const SESSION_COOKIE = 'canon_ui_token';
const MAX_AGE_SECONDS = 8 * 60 * 60;
const TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

/** The value of one cookie in the request, if present. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The principal behind the sign-in cookie: the token it holds, when the registry knows it.
 * An unknown or revoked token signs the browser out again rather than failing every page.
 */
export async function cookiePrincipal(
  registry: Registry,
  req: Request,
  res: Response,
): Promise<Principal | undefined> {
  const secret = readCookie(req, SESSION_COOKIE);
  if (secret === undefined) return undefined;
  const token = TOKEN.test(secret) ? await registry.store.findToken(hashToken(secret)) : undefined;
  if (!token) {
    clearSession(res);
    return undefined;
  }
  return { actor: `token:${token.id}`, token };
}

/**
 * Signs in: the cookie is httpOnly (no script reads it), SameSite=Strict (no other site sends
 * it) and limited to /ui; `Secure` when the request came over HTTPS.
 */
export function startSession(req: Request, res: Response, secret: string): void {
  const secure = req.secure ? '; Secure' : '';
  res.append(
    'set-cookie',
    `${SESSION_COOKIE}=${secret}; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=${MAX_AGE_SECONDS}${secure}`,
  );
}

export function clearSession(res: Response): void {
  res.append('set-cookie', `${SESSION_COOKIE}=; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=0`);
}

/** Finds the token for a secret typed into the sign-in form. */
export async function tokenFor(registry: Registry, secret: string) {
  return TOKEN.test(secret) ? registry.store.findToken(hashToken(secret)) : undefined;
}

/** Where to go after signing in: a page of the UI, never another site. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/ui\/(?!\/)[^\\\s]*$/.test(value) && !value.startsWith('/ui//')
    ? value
    : '/ui/';
}
