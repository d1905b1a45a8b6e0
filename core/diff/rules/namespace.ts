/** What a namespace is made of when it is derived rather than chosen. */
interface NamespaceOwner {
  readonly namespace: string;
  readonly application: { readonly key: string };
  readonly version: string;
}

/**
 * True when both namespaces have the form API Builder and the OpenAPI importer derive
 * (`[<organization namespace>.]<application key words>.v<major>`) from their own side's application
 * key and version, under the same prefix: then the namespace moved only because the major version or
 * the title did. A namespace never crosses the wire, so such a change is no change for clients.
 */
export function derivedNamespaceChange(before: NamespaceOwner, after: NamespaceOwner): boolean {
  const b = derivedPrefix(before);
  const a = derivedPrefix(after);
  return b !== undefined && b === a;
}

/** The prefix before `<application words>.v<major>`, or undefined when the namespace is not of that form. */
function derivedPrefix(owner: NamespaceOwner): string | undefined {
  const major = Number(/^v?(\d+)/.exec(owner.version)?.[1] ?? '0');
  const words = owner.application.key.split('-').filter(Boolean).join('.');
  const tail = `${words}.v${major}`;
  if (owner.namespace === tail) return '';
  return owner.namespace.endsWith(`.${tail}`) ? owner.namespace.slice(0, -tail.length - 1) : undefined;
}
