import ts from 'typescript';

/**
 * Parses generated TypeScript and returns every call of `process.exit` (or any member of
 * `process`) found as real code. A hostile spec's `process.exit(1)` must only ever appear inside
 * string literals and comments, which the parser does not turn into calls.
 */
export function injectedCalls(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === 'process') found.push(node.parent.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
