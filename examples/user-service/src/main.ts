import { createApp, openStorage, storageFromEnv } from './app.js';

/** Starts the user service: `PORT` (default 8080), `HOST` (default 127.0.0.1), storage from the environment. */
const storage = await openStorage(storageFromEnv(process.env));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const server = createApp(storage).listen(port, host, () => {
  console.log(`user service listening on http://${host}:${port}`);
});
const stop = (): void => {
  server.close(() => void storage.close());
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
