import { display, type ValidationContext } from './context.js';

/** `base-url-trailing-slash`: paths are appended to base_url, so it must not end with `/`. */
export function checkServiceLevel(ctx: ValidationContext): void {
  const { baseUrl } = ctx.service;
  if (baseUrl?.endsWith('/')) {
    ctx.report(
      'base-url-trailing-slash',
      '/base_url',
      `base_url[${display(baseUrl)}] must not end with a '/'. Remove the trailing slash.`,
    );
  }
}
