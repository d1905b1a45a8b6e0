import { pointer } from '../diagnostic.js';
import { display, type ValidationContext } from './context.js';
import { ShortListSet } from './short-list-set.js';
import { eachFieldOwner, fieldPath, ownerLabel } from './walk.js';

/**
 * `undefined-annotation`: a field may only carry annotations the service or one of its imports
 * declares (skipped while an import's annotations are unknown). `duplicate-annotation`: the same
 * annotation twice on one field.
 */
export function checkAnnotations(ctx: ValidationContext): void {
  const known = ctx.knownAnnotations();
  const seen = new ShortListSet();
  eachFieldOwner(ctx.service, (owner, kind) => {
    const { fields } = owner;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!;
      const { annotations } = field;
      if (annotations.length === 0) continue;
      seen.clear();
      for (let a = 0; a < annotations.length; a++) {
        const annotation = annotations[a]!;
        const undefinedAnnotation = known !== undefined && !known.has(annotation);
        const duplicate = seen.has(annotation);
        seen.add(annotation);
        if (!undefinedAnnotation && !duplicate) continue;
        const label = `${ownerLabel(owner, kind)} Field[${display(field.name)}]`;
        const path = pointer(fieldPath(ctx, owner, kind, f), 'annotations', a);
        if (undefinedAnnotation) {
          ctx.report(
            'undefined-annotation',
            path,
            `${label} annotation[${display(annotation)}] is invalid. Annotations must be defined: declare it under "annotations" or import a service that does.`,
          );
        }
        if (duplicate) {
          ctx.report(
            'duplicate-annotation',
            path,
            `${label} Annotation[${display(annotation)}] appears more than once. Remove one.`,
          );
        }
      }
    }
  });
}
