import { changeFails, type FailOn, findingFails, type GateReport } from './report.js';

/**
 * JUnit XML for CI systems that read test reports: one suite per spec, one test case per change or
 * finding (failed when it reaches `--fail-on`), and a passing case when a spec has nothing to say.
 */
export function formatJunit(report: GateReport, failOn: FailOn): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const spec of report.specs) {
    const cases: string[] = [];
    let failed = 0;
    for (const d of spec.diagnostics) {
      failed++;
      cases.push(testCase(spec.file, `${d.code} ${d.path}`, { type: 'invalid', message: d.message }));
    }
    for (const c of spec.changes) {
      const fails = changeFails(c.level, failOn);
      if (fails) failed++;
      cases.push(
        testCase(
          spec.file,
          `${c.rule} ${c.path}`,
          fails ? { type: c.level, message: c.message } : undefined,
          c.message,
        ),
      );
    }
    for (const f of spec.findings) {
      const fails = findingFails(f.level, failOn);
      if (fails) failed++;
      cases.push(
        testCase(
          spec.file,
          `${f.rule} ${f.path}`,
          fails ? { type: `lint-${f.level}`, message: f.message } : undefined,
          f.message,
        ),
      );
    }
    if (cases.length === 0)
      cases.push(testCase(spec.file, `${report.command}: nothing to report`, undefined));
    tests += cases.length;
    failures += failed;
    suites.push(
      `  <testsuite name="${xml(spec.file)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="canon ${report.command}" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function testCase(
  file: string,
  name: string,
  failure: { type: string; message: string } | undefined,
  output?: string,
): string {
  const open = `    <testcase classname="${xml(file)}" name="${xml(name)}"`;
  if (failure)
    return `${open}>\n      <failure type="${xml(failure.type)}" message="${xml(failure.message)}">${xml(failure.message)}</failure>\n    </testcase>`;
  if (output) return `${open}>\n      <system-out>${xml(output)}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

/** Escapes text for XML and drops characters XML 1.0 cannot carry. */
function xml(value: string): string {
  return value
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
