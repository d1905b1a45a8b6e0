import { setFlagsFromString } from 'node:v8';

/** Commands that keep running (the registry): they are better served by V8's default heap sizing. */
const LONG_RUNNING: ReadonlySet<string> = new Set(['serve', 'up']);

/**
 * Keeps V8's young generation at its starting size for a one-shot command. By default V8 doubles
 * the nursery as a large spec's document and IR survive scavenges, up to 32 MB of fresh memory
 * that the process touches once and exits; on a virtual machine where the first touch of a page
 * is slow, that was ~60 ms of `canon diff` on two 3.4 MB specs (and 7,000 page faults). The
 * smaller nursery costs more, smaller scavenges and no measurable CPU (docs/benchmarks.md). The
 * flag is read at each growth decision, so setting it after start-up takes effect.
 */
export function keepYoungGenerationSmall(command: string | undefined): void {
  if (command !== undefined && LONG_RUNNING.has(command)) return;
  setFlagsFromString('--semi-space-growth-factor=1');
}
