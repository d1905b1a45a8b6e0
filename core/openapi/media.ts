import { entries, isObject, type Json } from './json.js';

/** `application/json`, `application/problem+json`, `application/vnd.github.v3+json`, `text/json`. */
export function isJsonMedia(mediaType: string): boolean {
  const t = mediaType.trim();
  return t === '*/*' || /^[a-z]+\/(?:[^;]*\+)?json(?:\s*;.*)?$/i.test(t);
}

export const FORM = 'application/x-www-form-urlencoded';
export const MULTIPART = 'multipart/form-data';

/** The media type Canon uses from a `content` map: JSON first, then forms, then the first. */
export function chooseMedia(
  content: unknown,
): { mediaType: string; media: Json; others: string[] } | undefined {
  const list = entries(content).filter((e): e is [string, Json] => isObject(e[1]));
  const chosen =
    list.find(([t]) => isJsonMedia(t)) ??
    list.find(([t]) => t.toLowerCase().startsWith(FORM)) ??
    list.find(([t]) => t.toLowerCase().startsWith(MULTIPART)) ??
    list[0];
  if (!chosen) return undefined;
  return {
    mediaType: chosen[0],
    media: chosen[1],
    others: list.map(([t]) => t).filter((t) => t !== chosen[0]),
  };
}
