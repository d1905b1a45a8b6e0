import { connectToBroker, type NatsConnection, userEventProducer } from './generated/events.js';
import type { Storage } from './app.js';

/** What the service does with the generated relay of either dialect. */
export interface UserRelay {
  start(): void;
  /** Resolves once the batch in hand is published and its position recorded. */
  stop(): Promise<void>;
  /** Publishes until the journal is caught up; resolves to the number of events. */
  drain(): Promise<number>;
}

/** Where the service publishes `user_event`: `NATS_URL`, and optionally `EVENTS_ENVIRONMENT`. */
export interface EventsConfig {
  servers: string;
  /** One token (`staging`, a developer's name) in front of the stream and its subjects. */
  environment?: string;
}

/** The events configuration a deployment asks for, or `undefined` (no `NATS_URL`: no events). */
export function eventsFromEnv(env: NodeJS.ProcessEnv): EventsConfig | undefined {
  const servers = env.NATS_URL;
  if (!servers) return undefined;
  const environment = env.EVENTS_ENVIRONMENT;
  return environment ? { servers, environment } : { servers };
}

/** The running relay and its connection; `stop` first finishes the batch in hand. */
export interface UserEvents {
  readonly nc: NatsConnection;
  stop(): Promise<void>;
}

/**
 * Publishes the users journal as `user_event` to NATS JetStream: every insert, update and delete
 * the DAO commits reaches the stream at least once, in journal order, even across a crash (the
 * relay resumes from its recorded position; the stream drops re-sent ids).
 */
export async function publishUserEvents(storage: Storage, config: EventsConfig): Promise<UserEvents> {
  const nc = await connectToBroker(config.servers, { name: 'user-service' });
  const options = config.environment === undefined ? {} : { environment: config.environment };
  const producer = userEventProducer(nc, options);
  try {
    await producer.start();
  } catch (error) {
    await nc.close();
    throw error;
  }
  const relay = storage.relay(producer);
  relay.start();
  return {
    nc,
    stop: async () => {
      await relay.stop();
      await nc.drain();
    },
  };
}
