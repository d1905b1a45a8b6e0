import { display, type ValidationContext } from './context.js';
import { definitionPath } from './walk.js';

/** `empty-enum`: an enum needs at least one value. */
export function checkEnums(ctx: ValidationContext): void {
  const { enums } = ctx.service;
  for (let i = 0; i < enums.length; i++) {
    const e = enums[i]!;
    if (e.values.length === 0) {
      ctx.report(
        'empty-enum',
        definitionPath(ctx, 'enum', e),
        `Enum[${display(e.name)}] must have at least one value. Add one or remove the enum.`,
      );
    }
  }
}
