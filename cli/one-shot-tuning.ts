import { setFlagsFromString } from 'node:v8';

/** Commands that keep running (the registry): they are better served by V8's default tuning. */
const LONG_RUNNING: ReadonlySet<string> = new Set(['serve', 'up']);

/**
 * Tunes V8 for a one-shot command, which runs each phase once over a large document and exits.
 *
 * - The young generation stays at its starting size. By default V8 doubles the nursery as a
 *   large spec's document and IR survive scavenges, up to 32 MB of fresh memory that the process
 *   touches once and exits; on a virtual machine where the first touch of a page is slow, that
 *   was ~60 ms of `canon diff` on two 3.4 MB specs (and 7,000 page faults). The smaller nursery
 *   costs more, smaller scavenges and no measurable CPU (docs/benchmarks.md).
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
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--no-turbo-inlining');
}
