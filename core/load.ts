import { type Diagnostic, isError } from './diagnostic.js';
import type { ImportResolver } from './import-resolver.js';
import type { Service } from './ir.js';
import { MAX_NESTING, nestingBeyond } from './json-depth.js';
import { locatePointers } from './json-locate.js';
import { isJsonSchemaDocument } from './json-schema-document.js';
import { type JsonParseResult, parseJsonText } from './json-text.js';
import { type ApiJsonOptions, type ParseOutput, parseApiJson } from './parse/api-json.js';
import { asArray, isObject } from './parse/read.js';
import { parseServiceJson } from './parse/service-json.js';
import type { SourcePointers } from './source-pointers.js';
import { findDuplicateKeys } from './validate/duplicate-keys.js';
import { validateService } from './validate/index.js';

/** The source formats Canon reads. */
export type SourceFormat = 'api.json' | 'service.json' | 'openapi' | 'swagger' | 'json-schema';

export interface LoadOptions {
  /** Name of the file, for messages and format detection by extension (`.yaml`). */
  file?: string;
  resolver?: ImportResolver;
  maxBytes?: number;
  /** Organization, namespace and version for api.json documents, which do not carry them. */
  apiJson?: ApiJsonOptions;
  /** Called once the text is parsed, before the document is read into the IR. */
  onParsed?: () => void;
  /**
   * Which diagnostics get a line and column: all (the default), or only errors, for a caller
   * that shows just a few warnings and locates those itself (`locateDiagnostics`). Locating
   * means scanning the text up to the last of them.
   */
  locate?: 'all' | 'errors';
}

export interface LoadResult {
  format: SourceFormat | undefined;
  /** Absent only when the document could not be read as a spec at all. */
  service: Service | undefined;
  /** The resolved imported services, in import order. */
  imports: Service[];
  /** Parse, structure, import and semantic problems, all of them. */
  diagnostics: Diagnostic[];
  pointers: SourcePointers;
  /** The source text, kept so that diagnostics can be given line and column. */
  text: string;
}

/**
 * Reads a spec document of any supported format into the IR and reports every problem:
 * unreadable text, structure, unresolved imports, then the semantic checks.
 *
 * Codes emitted here and by the parsers: `malformed-json`, `malformed-yaml`, `empty-document`,
 * `too-deep`, `too-large`, `not-an-object`, `invalid-type` (a type that is missing or not well
 * formed; the IR then holds `{ kind: 'unknown', name: '' }`), `invalid-method`, `invalid-location`,
 * `invalid-response-code`, `invalid-union-member-fields`, `unresolved-import` (an error for
 * api.json, whose imported names are then unknown; a warning for service.json, whose import
 * records still list every imported name). Everything else comes from `validate/`.
 *
 * @example
 * const { service, diagnostics } = await loadSpec(await readFile('api.json', 'utf8'), { file: 'api.json' });
 */
export async function loadSpec(text: string, options: LoadOptions = {}): Promise<LoadResult> {
  const empty: LoadResult = {
    format: undefined,
    service: undefined,
    imports: [],
    diagnostics: [],
    pointers: new Map(),
    text,
  };
  const parsed = looksLikeYaml(text, options.file)
    ? await parseYamlText(text)
    : parseJsonText(text, options.maxBytes);
  if (!parsed.ok) return { ...empty, diagnostics: [parsed.diagnostic] };
  options.onParsed?.();
  const doc = parsed.value;
  const tooDeep = nestingBeyond(doc);
  if (tooDeep !== undefined) {
    return {
      ...empty,
      diagnostics: [
        {
          code: 'too-deep',
          path: tooDeep,
          message: `The document nests more than ${MAX_NESTING} levels deep (at ${tooDeep.slice(0, 120)}${tooDeep.length > 120 ? '…' : ''}); real specs nest a few dozen at most. Flatten that value or move it into a model of its own.`,
        },
      ],
    };
  }
  if (!isObject(doc)) {
    const what = Array.isArray(doc) ? 'an array' : doc === null ? 'null' : `a ${typeof doc}`;
    return {
      ...empty,
      diagnostics: [
        {
          code: 'not-an-object',
          path: '',
          message: `The document is ${what}; a spec must be a JSON object such as {"name": "my service"}.`,
        },
      ],
    };
  }
  const format = detectFormat(doc);
  if (format === 'openapi' || format === 'swagger' || format === 'json-schema')
    return withPositions(await loadOpenApi(doc, format, options, text), options.locate);

  const resolved = await resolveImports(doc, options.resolver);
  let structure: Diagnostic[];
  let output: ParseOutput;
  if (format === 'api.json') {
    // JSON.parse keeps the last of two equal keys silently; in api.json, where models and
    // resources are keyed by name, that would drop a definition. (Real service.json exports repeat
    // keys harmlessly, so only authored documents are scanned.)
    const { validateStructure } = await import('./validate/structure-api.js');
    structure = [...validateStructure(doc), ...findDuplicateKeys(text)];
    output = parseApiJson(doc, resolved.services, options.apiJson);
  } else {
    // The service.json parser reads every value its schema constrains and counts those of the
    // wrong type, so the schema check (a tenth of a large load) runs only when it would find
    // something, and then reports exactly as before.
    const parsed = parseServiceJson(doc, resolved.services);
    structure =
      parsed.strays === 0
        ? []
        : (await import('./validate/structure-service.js')).validateServiceJsonStructure(doc);
    output = parsed;
  }
  const semantic = validateService(output.service, { pointers: output.pointers, imports: resolved.list });
  return withPositions(
    {
      format,
      service: output.service,
      imports: resolved.list,
      diagnostics: dedupe([...structure, ...output.diagnostics, ...semantic]),
      pointers: output.pointers,
      text,
    },
    options.locate,
  );
}

/** api.json vs service.json vs OpenAPI vs JSON Schema, from the document's own keys. */
export function detectFormat(doc: Record<string, unknown>): SourceFormat {
  if (typeof doc.openapi === 'string') return 'openapi';
  if (typeof doc.swagger === 'string') return 'swagger';
  if (isJsonSchemaDocument(doc)) return 'json-schema';
  const arrays = ['models', 'enums', 'unions', 'resources', 'interfaces'].some((key) =>
    Array.isArray(doc[key]),
  );
  if (
    arrays ||
    (isObject(doc.organization) && isObject(doc.application) && typeof doc.namespace === 'string')
  ) {
    return 'service.json';
  }
  return 'api.json';
}

async function resolveImports(doc: Record<string, unknown>, resolver: ImportResolver | undefined) {
  const services = new Map<string, Service>();
  const uris = asArray(doc.imports)
    .map((item) => (isObject(item) ? item.uri : undefined))
    .filter((uri): uri is string => typeof uri === 'string');
  if (resolver) {
    const found = await Promise.all(uris.map(async (uri) => [uri, await resolver.resolve(uri)] as const));
    for (const [uri, service] of found) if (service) services.set(uri, service);
  }
  return { services, list: [...services.values()] };
}

async function loadOpenApi(
  doc: Record<string, unknown>,
  format: SourceFormat,
  options: LoadOptions,
  text: string,
): Promise<LoadResult> {
  // Loaded only for OpenAPI documents: api.json users never pay for the importer.
  const { importOpenApi } = await import('./openapi/import.js');
  const result = importOpenApi(doc, options.file === undefined ? {} : { file: options.file });
  return {
    format,
    service: result.service,
    imports: [],
    diagnostics: result.diagnostics,
    pointers: result.pointers,
    text,
  };
}

function looksLikeYaml(text: string, file: string | undefined): boolean {
  if (file && /\.ya?ml$/i.test(file)) return true;
  // Look at the first significant character only: running a regex over a multi-megabyte JSON text
  // showed up in profiles of `canon validate`.
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const first = text[i];
  return (
    first !== undefined &&
    first !== '{' &&
    first !== '[' &&
    /^\s*(openapi|swagger)\s*:/m.test(text.slice(0, 4096))
  );
}

async function parseYamlText(text: string): Promise<JsonParseResult> {
  const { parseYaml } = await import('./yaml-text.js');
  return parseYaml(text);
}

/** Adds line and column to the diagnostics `which` names (`LoadOptions.locate`). */
function withPositions(result: LoadResult, which: LoadOptions['locate'] = 'all'): LoadResult {
  locateDiagnostics(result.text, which === 'all' ? result.diagnostics : result.diagnostics.filter(isError));
  return result;
}

/** Adds line and column (where `text` has them) to those of `diagnostics` that have none yet. */
export function locateDiagnostics(text: string, diagnostics: readonly Diagnostic[]): void {
  const pending = diagnostics.filter((d) => d.line === undefined);
  if (pending.length === 0 || text.length === 0) return;
  const positions = locatePointers(
    text,
    pending.map((d) => d.path),
  );
  for (const d of pending) {
    const at = positions.get(d.path);
    if (at) {
      d.line = at.line;
      d.column = at.column;
    }
  }
}

/** Structure validation and the parser can both notice one problem; report it once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}\u0000${d.path}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
