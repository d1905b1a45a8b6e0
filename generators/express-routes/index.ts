import type { GeneratedFile, Generator } from '../contract.js';
import { expressRoutesRuntimeFile, fileHeader } from '../shared/index.js';
import { routesSource } from './routes-source.js';
import { scaffoldingFiles } from './scaffolding.js';

export interface ExpressRoutesOptions {
  /** Also emit a starter implementation per resource (`services/<resource>.ts`), written only if absent. */
  scaffolding: boolean;
}

/**
 * `express-routes`: per resource a service interface and one `createRouter(services, options)`
 * returning an Express 5 router (`routes.ts`, with the runtime module `canon-runtime/express-routes.ts`). Imports the types of
 * `typescript-types` (`types.ts`). See docs/routes.md.
 */
export const generator: Generator<ExpressRoutesOptions> = {
  name: 'express-routes',
  description: 'Express 5 router and typed service interfaces per resource (routes.ts)',
  dependencies: ['typescript-types'],
  options: {
    defaults: { scaffolding: false },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        scaffolding: { type: 'boolean', description: 'Emit a starter implementation per resource' },
      },
    },
  },
  generate(input): GeneratedFile[] {
    const header = fileHeader('express-routes', input.service);
    const files: GeneratedFile[] = [
      { path: 'routes.ts', contents: routesSource(input.service, input.imports, header) },
      expressRoutesRuntimeFile(),
    ];
    if (input.options.scaffolding) {
      for (const file of scaffoldingFiles(input.service)) files.push({ ...file, scaffolding: true });
    }
    return files;
  },
};
