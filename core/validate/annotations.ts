import { pointer } from '../diagnostic.js';
import { display, type ValidationContext } from './context.js';
import { fieldOwners, fieldPath } from './walk.js';

/**
 * `undefined-annotation`: a field may only carry annotations the service or one of its imports
 * declares (skipped while an import's annotations are unknown). `duplicate-annotation`: the same
 * annotation twice on one field.
 */
export function checkAnnotations(ctx: ValidationContext): void {
  const known = ctx.knownAnnotations();
  for (const owner of fieldOwners(ctx)) {
    owner.element.fields.forEach((field, f) => {
      if (field.annotations.length === 0) return;
      const label = () => `${owner.label} Field[${display(field.name)}]`;
      const seen = new Set<string>();
      field.annotations.forEach((annotation, a) => {
        const path = () => pointer(fieldPath(ctx, owner, field, f), 'annotations', a);
        if (known !== undefined && !known.has(annotation)) {
          ctx.report(
            'undefined-annotation',
            path(),
            `${label()} annotation[${display(annotation)}] is invalid. Annotations must be defined: declare it under "annotations" or import a service that does.`,
          );
        }
        if (seen.has(annotation)) {
          ctx.report(
            'duplicate-annotation',
            path(),
            `${label()} Annotation[${display(annotation)}] appears more than once. Remove one.`,
          );
        }
        seen.add(annotation);
      });
    });
  }
}
