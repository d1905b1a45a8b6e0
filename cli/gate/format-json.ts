import { type GateReport, linted, totals } from './report.js';

/**
 * Machine-readable output. `diff`: `{ changes, summary }`; `lint`: `{ findings }`; `check`: both
 * plus `specs` (each file's status), without `findings` under `--no-lint`. Every change and
 * finding names its `file` and, when known, its `line`.
 */
export function formatJson(report: GateReport): string {
  const changes = report.specs.flatMap((s) => s.changes.map((c) => ({ file: s.file, ...c })));
  const findings = report.specs.flatMap((s) => s.findings.map((f) => ({ file: s.file, ...f })));
  const diagnostics = report.specs.flatMap((s) => s.diagnostics.map((d) => ({ file: s.file, ...d })));
  const t = totals(report);
  const summary = { breaking: t.breaking, warning: t.warning, info: t.info };
  const body =
    report.command === 'diff'
      ? { changes, summary }
      : report.command === 'lint'
        ? { findings }
        : {
            specs: report.specs.map((s) => ({
              file: s.file,
              status: s.status,
              ...(s.previousFile === undefined ? {} : { previousFile: s.previousFile }),
            })),
            changes,
            summary,
            // With --no-lint there are no findings to report, not zero of them.
            ...(linted(report) ? { findings } : {}),
          };
  return `${JSON.stringify(diagnostics.length > 0 ? { ...body, diagnostics } : body, null, 2)}\n`;
}
