/**
 * Embeds the DAO runtimes (ordinary TypeScript under generators/<dao>/runtime/) into
 * generators/dao-shared/runtime/embedded.ts, the string constants the DAO generators emit as
 * `dao-runtime.ts` and `db.ts`.
 *
 * Run after changing a runtime: npx tsc -p tsconfig.json && node dist/scripts/embed-dao-runtimes.js
 * A test (generators/dao-shared/runtime/embedded.test.ts) fails while the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { EMBEDDED_MODULE, embeddedModuleText } from '../generators/dao-shared/runtime/embed.js';
import { repoPath } from '../test/paths.js';

const text = embeddedModuleText((source) => readFileSync(repoPath(source), 'utf8'));
writeFileSync(repoPath(EMBEDDED_MODULE), text);
console.log(`wrote ${EMBEDDED_MODULE}`);
