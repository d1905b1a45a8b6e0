/**
 * Generated code as a branded string. Only the helpers in `generators/shared` mint `Code`
 * (checked identifiers, escaped literals, escaped comments, printed types), and the `code`
 * template accepts only `Code` values, so text from a spec cannot reach output unescaped.
 */
declare const codeBrand: unique symbol;
export type Code = string & { readonly [codeBrand]: true };

/**
 * Builds code from fixed template text and already-safe pieces.
 *
 * @example
 * code`${name}: ${stringLiteral(wire)}`
 */
export function code(strings: TemplateStringsArray, ...values: Code[]): Code {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += values[i]! + (strings[i + 1] ?? '');
  return out as Code;
}

/**
 * Marks fixed source text written by a generator author (a runtime helper, a keyword) as code.
 * Never pass text that came from a spec.
 */
export function fixed(text: string): Code {
  return text as Code;
}

/** Joins pieces of code with a fixed separator. */
export function joinCode(parts: readonly Code[], separator: string): Code {
  return parts.join(separator) as Code;
}

/** Indents every line after the first by `prefix`, so nested multi-line code keeps its shape. */
export function indentCode(text: Code, prefix: string): Code {
  return text.replaceAll('\n', `\n${prefix}`).replace(/\n[ ]+\n/g, '\n\n') as Code;
}

/** A number as a literal (finite numbers only; anything else is a generator bug). */
export function numberLiteral(value: number): Code {
  if (!Number.isFinite(value)) throw new Error(`cannot print ${value} as a number literal`);
  return (value < 0 ? `-${-value}` : String(value)) as Code;
}
