/**
 * What the build-against-build benchmarks (`generate-versus.ts`, timed, and
 * `generate-instructions.ts`, counted) run: one `canon generate` of types, client and mock client,
 * on Flow's merged API and on every real OpenAPI document of fixtures/corpus/openapi.
 */
import { readdirSync } from 'node:fs';
import { corpusPath } from '../../test/paths.js';

/** Flow's merged API, then the real OpenAPI documents by name. */
export function versusSpecs(): string[] {
  return [
    corpusPath('flow', 'flow-api-service.json'),
    ...readdirSync(corpusPath('openapi'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => corpusPath('openapi', f)),
  ];
}

/** The arguments after the bin: `generate <spec> -g typescript-mock-client -o <out>`. */
export function generateArgs(spec: string, out: string): string[] {
  return ['generate', spec, '-g', 'typescript-mock-client', '-o', out];
}
