/**
 * The hand-written side of the events benchmarks: what a team would write over the raw
 * @nats-io/jetstream client without Canon, with the same wire (CloudEvents headers,
 * `Nats-Msg-Id` = `event_id`) and the same stream settings as the generated code.
 */
import { type JetStreamClient, type JetStreamManager, StorageType } from '@nats-io/jetstream';
import { headers, nanos } from '@nats-io/transport-node';

/** An event as the benchmarks publish it: flat JSON with the union's discriminator. */
export interface WireEvent {
  discriminator: string;
  event_id: string;
  timestamp: string;
}

/** Creates a stream as the generated producer does (file storage, 2 minutes of deduplication). */
export async function addStream(jsm: JetStreamManager, name: string, subjects: string): Promise<void> {
  await jsm.streams.add({
    name,
    subjects: [subjects],
    duplicate_window: nanos(120_000),
    storage: StorageType.File,
  });
}

/**
 * Publishes events with every ack awaited at once (a relay batch is at most a few hundred), each
 * on `{prefix}.{discriminator}`; resolves once the stream acked them all.
 */
export function rawPublisher(js: JetStreamClient, prefix: string, source: string) {
  return {
    async publishBatch(events: readonly unknown[]): Promise<void> {
      await Promise.all(
        (events as readonly WireEvent[]).map((event) => {
          const h = headers();
          h.set('ce-specversion', '1.0');
          h.set('ce-id', event.event_id);
          h.set('ce-type', event.discriminator);
          h.set('ce-source', source);
          h.set('ce-time', event.timestamp);
          h.set('content-type', 'application/json');
          return js.publish(`${prefix}.${event.discriminator}`, JSON.stringify(event), {
            msgID: event.event_id,
            headers: h,
          });
        }),
      );
    },
  };
}
