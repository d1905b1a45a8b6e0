import { display, fallback, type ValidationContext } from './context.js';

/** `empty-enum`: an enum needs at least one value. */
export function checkEnums(ctx: ValidationContext): void {
  for (const e of ctx.service.enums) {
    if (e.values.length === 0) {
      ctx.report(
        'empty-enum',
        ctx.at(e, fallback.enum(e)),
        `Enum[${display(e.name)}] must have at least one value. Add one or remove the enum.`,
      );
    }
  }
}
