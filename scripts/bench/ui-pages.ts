/**
 * The registry's web pages: Flow's merged API (1,394 models, 666 operations) as a documentation
 * page, and a service page with 100 versions. Against each, in the same run, the registry's own
 * JSON read of the same data as the baseline (the stored original document; the version list).
 *
 *   node dist/scripts/bench/ui-pages.js [runs=15]
 *
 * Figures: the page rendered in-process without the page cache (warm process: the IR is
 * cached), the page served over 127.0.0.1 from the cache, its size (and gzip size, for a
 * proxy that compresses), and DOMContentLoaded in Chromium (with the page's script on).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ANONYMOUS } from '../../registry/access.js';
import { renderDocumentation } from '../../registry/ui/pages/version.js';
import { launchChromium } from '../../registry/ui/testing/browser.js';
import { corpusPath, repoPath } from '../../test/paths.js';
import { withRegistry } from '../../test/registry-harness.js';
import { median, ms } from './stats.js';

const runs = Number(process.argv[2] ?? 15);

async function timeFetch(url: string): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return { ms: performance.now() - start, bytes: body.length };
}

/** Alternates the page and its baseline, `runs` times each after two warm-ups, and reports medians. */
async function compare(label: string, page: string, baseline: string) {
  for (let i = 0; i < 2; i++) await Promise.all([timeFetch(page), timeFetch(baseline)]);
  const [pageTimes, baseTimes] = [[] as number[], [] as number[]];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const p = await timeFetch(page);
    bytes = p.bytes;
    pageTimes.push(p.ms);
    baseTimes.push((await timeFetch(baseline)).ms);
  }
  const [p, b] = [median(pageTimes), median(baseTimes)];
  console.log(
    `${label}: page ${ms(p)}, baseline ${ms(b)}, ratio ${(p / b).toFixed(2)}, ${(bytes / 1e6).toFixed(2)} MB`,
  );
}

await withRegistry(async ({ http, url, registry }) => {
  const flow = readFileSync(corpusPath('flow', 'flow-api-service.json'), 'utf8');
  if ((await http.publish('flow', 'api', '0.19.66', flow)).status !== 201) throw new Error('publish flow');

  const record = (await registry.store.getVersion('flow', 'api', '0.19.66'))!;
  const service = (await registry.store.getServiceIr('flow', 'api', '0.19.66'))!;
  const ctx = { registry, principal: ANONYMOUS, origin: url };
  const renders: number[] = [];
  let html = '';
  for (let i = 0; i < runs + 3; i++) {
    const start = performance.now();
    html = renderDocumentation(ctx, record, service, '');
    if (i >= 3) renders.push(performance.now() - start);
  }
  console.log(
    `Flow documentation, rendered without the cache: median ${ms(median(renders))} of ${runs} (warm)`,
  );
  console.log(
    `Flow documentation size: ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB, gzip ${(gzipSync(html).length / 1e6).toFixed(2)} MB`,
  );
  await compare(
    'Flow documentation over HTTP (cached) vs its original document',
    `${url}/ui/flow/api/0.19.66`,
    `${url}/services/flow/api/versions/0.19.66/original`,
  );

  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const loads: number[] = [];
    for (let i = 0; i < Math.min(runs, 7) + 1; i++) {
      await page.goto(`${url}/ui/flow/api/0.19.66`, { waitUntil: 'domcontentloaded' });
      const dcl = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return nav.domContentLoadedEventEnd - nav.startTime;
      });
      if (i > 0) loads.push(dcl);
    }
    console.log(
      `Flow documentation in Chromium: DOMContentLoaded median ${ms(median(loads))} of ${loads.length}`,
    );
  } finally {
    await browser.close();
  }

  const user = JSON.parse(readFileSync(repoPath('specs/examples/user.json'), 'utf8'));
  for (let minor = 0; minor < 100; minor++) {
    if (minor > 0)
      user.models.user_form.fields.push({ name: `extra_${minor}`, type: 'string', required: false });
    const published = await http.publish('acme', 'user', `1.${minor}.0`, JSON.stringify(user));
    if (published.status !== 201) throw new Error(`publish 1.${minor}.0: ${published.text.slice(0, 300)}`);
  }
  await compare(
    'Service page, 100 versions, vs GET /services/{org}/{app}/versions',
    `${url}/ui/acme/user`,
    `${url}/services/acme/user/versions`,
  );
});
