import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { builtFile } from '../built-file.js';
import { STYLESHEET } from './styles.js';

/** A static file of the pages, addressed by its content hash so that it can be cached forever. */
export interface Asset {
  /** `/ui/-/assets/<name>?v=<hash>`: the URL pages link to. */
  url: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

function asset(name: string, contentType: string, bytes: Buffer): Asset {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return { url: `/ui/-/assets/${name}?v=${hash}`, name, contentType, bytes };
}

/** The stylesheet and the enhancement script (compiled from `browser/enhance.ts`), read once. */
export const ASSETS = {
  style: asset('style.css', 'text/css; charset=utf-8', Buffer.from(STYLESHEET)),
  script: asset(
    'enhance.js',
    'text/javascript; charset=utf-8',
    readFileSync(builtFile('registry/ui/browser/enhance.js')),
  ),
};
