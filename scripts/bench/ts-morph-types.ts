/**
 * The road not taken, measured: the same `types.ts` content for Flow's spec (interfaces for every
 * model and interface, aliases for enums and unions) built as ts-morph structures and printed
 * once — the approach the style guide suggests. Run by `generate.ts` in a child process, so the
 * figure includes loading ts-morph, as a `canon generate` using it would.
 *
 * Run: node dist/scripts/bench/ts-morph-types.js <spec>
 */
import { readFileSync } from 'node:fs';
import { loadSpec } from '../../core/load.js';
import { printType } from '../../generators/shared/index.js';
import { createTypeResolver, typeNameOf } from '../../generators/shared/type-names.js';

const specPath = process.argv[2]!;
const loaded = await loadSpec(readFileSync(specPath, 'utf8'), { file: specPath });
const service = loaded.service!;
const start = performance.now();
const { Project, StructureKind } = await import('ts-morph');
const loadedAt = performance.now();
const types = createTypeResolver({ service, imports: loaded.imports, fromModule: 'types.ts' });
const statements: import('ts-morph').StatementStructures[] = [];
for (const model of [...service.interfaces, ...service.models]) {
  const kind = service.models.includes(model as never) ? 'model' : 'interface';
  statements.push({
    kind: StructureKind.Interface,
    name: typeNameOf(service, { kind, name: model.name })!,
    isExported: true,
    ...(model.description ? { docs: [model.description] } : {}),
    properties: model.fields.map((field) => ({
      name: JSON.stringify(field.name),
      type: printType(field.type, types.resolve),
      hasQuestionToken: !field.required,
      ...(field.description ? { docs: [field.description] } : {}),
    })),
  });
}
for (const enumeration of service.enums) {
  statements.push({
    kind: StructureKind.TypeAlias,
    name: typeNameOf(service, { kind: 'enum', name: enumeration.name })!,
    isExported: true,
    type: enumeration.values.map((v) => JSON.stringify(v.value)).join(' | ') || 'never',
  });
}
const project = new Project({ useInMemoryFileSystem: true });
const text = project.createSourceFile('types.ts', { statements }).getFullText();
const end = performance.now();
console.log(
  JSON.stringify({ loadMs: loadedAt - start, buildAndPrintMs: end - loadedAt, bytes: text.length }),
);
