/**
 * True for a document that declares itself JSON Schema: a `$schema` of json-schema.org (any draft).
 * `canon validate`, `generate` and `diff` read such a document as JSON Schema rather than as a spec.
 */
export function isJsonSchemaDocument(doc: unknown): boolean {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    !Array.isArray(doc) &&
    typeof (doc as { $schema?: unknown }).$schema === 'string' &&
    /^https?:\/\/json-schema\.org\//.test((doc as { $schema: string }).$schema)
  );
}
