import { setFlagsFromString } from 'node:v8';

/** Commands that keep running (the registry): they are better served by V8's default tuning. */
const LONG_RUNNING: ReadonlySet<string> = new Set(['serve', 'up']);

let tuned = false;

/**
 * Tunes V8 for a one-shot command, which runs each phase once over a large document and exits.
 *
 * - The young generation grows once, from 1 MB to 8 MB, as soon as a large document survives its
 *   first scavenges, and stops growing once the spec is parsed (`settleYoungGeneration`). With
 *   V8's default it doubles step by step up to 16 MB: memory the process touches once and exits,
 *   on a virtual machine where the first touch of a page is slow. Kept at 1 MB, a large spec took
 *   ~200 scavenges, each paying a fixed cost (V8's roots) that fewer, larger ones do not: `canon
 *   generate` on Stripe's document ran 15 % fewer instructions with 8 MB, for ~3,000 more page
 *   faults (docs/benchmarks.md).
 * - The optimizing compiler does not inline. Inlining pays back in a long-running process; in
 *   one that exits after a second it was 40 % of all instructions (`canon generate` on Stripe's
 *   document: 3.4 of 8.3 billion, on the compiler's threads), and without it the command's own
 *   thread executes no more (docs/benchmarks.md, "One-shot V8 tuning").
 *
 * Both flags are read when V8 decides (at each nursery growth, at each optimization), so setting
 * them after start-up takes effect.
 */
export function tuneForOneShot(command: string | undefined): void {
  if (command !== undefined && LONG_RUNNING.has(command)) return;
  tuned = true;
  setFlagsFromString('--semi-space-growth-factor=8');
  setFlagsFromString('--no-turbo-inlining');
}

/**
 * Called once a spec is parsed: the nursery grew while the parsed document survived its
 * scavenges, and from here on it only pays for itself in fewer scavenges.
 */
export function settleYoungGeneration(): void {
  if (tuned) setFlagsFromString('--semi-space-growth-factor=1');
}
