import { createApp, openStorage, storageFromEnv } from './app.js';
import { eventsFromEnv, publishUserEvents, type UserEvents } from './user-events.js';

/**
 * Starts the user service: `PORT` (default 8080), `HOST` (default 127.0.0.1), storage from the
 * environment; with `NATS_URL`, the journal is published as `user_event` to NATS JetStream.
 */
const storage = await openStorage(storageFromEnv(process.env));
const eventsConfig = eventsFromEnv(process.env);
let events: UserEvents | undefined;
if (eventsConfig) {
  try {
    events = await publishUserEvents(storage, eventsConfig);
  } catch (error) {
    console.error(`user service: ${error instanceof Error ? error.message : String(error)}`);
    await storage.close();
    process.exit(1);
  }
  console.log(`user service publishing user_event to NATS at ${eventsConfig.servers}`);
}
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const server = createApp(storage).listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`user service listening on http://${host}:${bound}`);
});
const stop = (): void => {
  server.close(async () => {
    await events?.stop();
    await storage.close();
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
