import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { GeneratedFile } from '../../generators/contract.js';

/** npm's own fixed timestamp for reproducible tarballs (1985-10-26T08:15:00Z), in seconds. */
const MTIME = 499162500;
const BLOCK = 512;

/** A packed package and what npm checks it by. */
export interface Tarball {
  bytes: Buffer;
  /** `sha512-<base64>`, npm's `dist.integrity`. */
  integrity: string;
  /** sha1 hex, npm's `dist.shasum`. */
  shasum: string;
}

/** `text` written into `header` at `offset`, NUL-padded to `length` (ASCII fields only). */
function field(header: Buffer, offset: number, length: number, text: string): void {
  header.write(text, offset, length, 'utf8');
}

const octal = (value: number, length: number): string => `${value.toString(8).padStart(length - 1, '0')}\0`;

/** Splits a path into ustar's `prefix` (155 bytes) and `name` (100 bytes) at a `/`. */
function splitPath(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { prefix, name };
  }
  throw new Error(`the path ${path.slice(0, 120)} is too long for a package tarball`);
}

function header(path: string, size: number): Buffer {
  const block = Buffer.alloc(BLOCK, 0);
  const { prefix, name } = splitPath(path);
  field(block, 0, 100, name);
  field(block, 100, 8, octal(0o644, 8));
  field(block, 108, 8, octal(0, 8));
  field(block, 116, 8, octal(0, 8));
  field(block, 124, 12, octal(size, 12));
  field(block, 136, 12, octal(MTIME, 12));
  field(block, 148, 8, '        '); // the checksum counts its own field as spaces
  field(block, 156, 1, '0');
  field(block, 257, 6, 'ustar\0');
  field(block, 263, 2, '00');
  field(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  field(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/**
 * Packs files the way `npm pack` lays them out (everything under `package/`) as a gzipped ustar
 * archive that depends on nothing but the files: sorted by path, mode 644, owner 0, npm's fixed
 * timestamp, gzip without a name or time. The same files give the same bytes, hence the same
 * `integrity`, on every machine and every run.
 *
 * @example
 * const { bytes, integrity } = packTarball([{ path: 'package.json', contents: '{…}' }]);
 */
export function packTarball(files: readonly GeneratedFile[]): Tarball {
  const parts: Buffer[] = [];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const data = Buffer.from(file.contents, 'utf8');
    parts.push(header(`package/${file.path}`, data.length), data);
    const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (padding > 0) parts.push(Buffer.alloc(padding, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return tarballOf(gzipSync(Buffer.concat(parts), { level: 9 }));
}

/** A packed tarball with the digests npm checks, computed from its bytes. */
export function tarballOf(bytes: Buffer): Tarball {
  return {
    bytes,
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    shasum: createHash('sha1').update(bytes).digest('hex'),
  };
}
