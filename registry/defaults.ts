/** The port `canon serve` and `canon up` listen on unless told otherwise. */
export const DEFAULT_PORT = 7411;

/** Where a client finds a registry started with the defaults on this machine. */
export const DEFAULT_REGISTRY_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

/** Where `canon serve` and `canon up` keep their database, relative to the working directory. */
export const DEFAULT_DB = '.canon/registry.db';
