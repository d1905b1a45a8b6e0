import { fileURLToPath } from 'node:url';

/** The `canon` bin as a user runs it (package.json `bin`): the bundled CLI, `dist/bundle/canon.js`. */
export const CANON_BIN = fileURLToPath(new URL('../../bundle/canon.js', import.meta.url));
