import { formatGithub } from './format-github.js';
import { formatJson } from './format-json.js';
import { formatJunit } from './format-junit.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import type { FailOn, GateReport } from './report.js';

export const FORMATS = ['text', 'json', 'markdown', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** Renders a gate report in one of the output formats. */
export function render(report: GateReport, format: Format, failOn: FailOn): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'github':
      return formatGithub(report, failOn);
    case 'junit':
      return formatJunit(report, failOn);
    default:
      return formatText(report);
  }
}
