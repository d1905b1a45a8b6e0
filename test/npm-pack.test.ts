import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoPath, repoRoot } from './paths.js';
import { startCanon } from './spawn.js';

interface LockEntry {
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

/**
 * A lock file for a project that depends only on the packed tarball, with Canon's own runtime
 * dependencies at the versions Canon's lock pins: `npm ci --offline` then installs them from the
 * cache `npm ci` filled, without the network (a plain `npm install --offline` would need the
 * packuments, which `npm ci` never caches).
 */
function consumerLock(tarball: string): object {
  const canonLock = JSON.parse(readFileSync(repoPath('package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as Record<string, unknown>;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', version: '1.0.0', dependencies: { [String(manifest.name)]: `file:${tarball}` } },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: `file:${tarball}`,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [path, entry] of Object.entries(canonLock.packages)) {
    if (path !== '' && !entry.dev && !entry.link) packages[path] = entry;
  }
  return { name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

/** Every file under `dir` by its relative path, with its contents. */
function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) files[relative(dir, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

describe('Canon as an npm package: npm pack, install the tarball into an empty project, run it', () => {
  const work = mkdtempSync(join(tmpdir(), 'canon-pack-'));
  const project = join(work, 'consumer');
  const npm = (args: string[], cwd: string) =>
    execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const npx = (...args: string[]) =>
    spawnSync('npx', ['--offline', '--no-install', 'canon', ...args], { cwd: project, encoding: 'utf8' });
  // The link npm installed, which `npx canon` runs: the commands after the first go through it
  // directly, without npm's own start-up (0.3 s of CPU each).
  const canon = (...args: string[]) =>
    spawnSync(join(project, 'node_modules', '.bin', 'canon'), args, { cwd: project, encoding: 'utf8' });
  let tarball = '';

  before(() => {
    // The suite has just built dist/; prepack would build again.
    npm(['pack', '--ignore-scripts', '--pack-destination', work], repoRoot);
    const name = readdirSync(work).find((f) => f.endsWith('.tgz'));
    assert.ok(name, 'npm pack wrote a tarball');
    tarball = join(work, name);
    execFileSync('mkdir', [project]);
    const lock = consumerLock(tarball) as { packages: Record<string, { dependencies?: unknown }> };
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'consumer', version: '1.0.0', dependencies: lock.packages['']?.dependencies }, null, 2)}\n`,
    );
    writeFileSync(join(project, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    // --ignore-scripts: better-sqlite3's install downloads a prebuilt addon, which needs the
    // network (or compiles one for minutes). The one this checkout's install put in place is
    // that same file (same version from the same lock, same Node), so it stands in for the
    // download; every command but serve and up runs without it.
    npm(['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
    const addon = join('node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(join(project, addon), { recursive: true });
    copyFileSync(repoPath(addon, 'better_sqlite3.node'), join(project, addon, 'better_sqlite3.node'));
    copyFileSync(repoPath('specs', 'examples', 'user.json'), join(project, 'user.json'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships dist/ and nothing of tests, fixtures or sources', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    assert.ok(listing.includes('package/dist/bundle/canon.js'), 'the bundled bin');
    assert.ok(listing.includes('package/dist/cli/bin.js'));
    const stray = listing.filter(
      (f) =>
        f !== '' &&
        f !== 'package/package.json' &&
        f !== 'package/README.md' &&
        !(f.startsWith('package/dist/') && f.endsWith('.js') && !f.endsWith('.test.js')),
    );
    assert.deepEqual(stray, []);
    assert.ok(!listing.some((f) => /\/(test|testing|fixtures|golden)\//.test(f) || f.includes('/scripts/')));
  });

  it('runs canon --help, validate, generate and check from the installed package', () => {
    const help = npx('--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /spec-first API toolchain/);

    const valid = canon('validate', 'user.json');
    assert.equal(valid.status, 0, valid.stderr);
    assert.match(valid.stdout, /user\.json: valid api\.json/);

    const generated = canon('generate', 'user.json', '-g', 'typescript-client', '-o', 'generated');
    assert.equal(generated.status, 0, generated.stderr);
    assert.ok(readdirSync(join(project, 'generated')).includes('client.ts'));
    // The bundled bin writes what the modules in dist/ write, byte for byte.
    const reference = join(work, 'reference');
    const fromModules = spawnSync(
      process.execPath,
      [
        repoPath('dist', 'cli', 'bin.js'),
        'generate',
        'user.json',
        '-g',
        'typescript-client',
        '-o',
        reference,
      ],
      { cwd: project, encoding: 'utf8' },
    );
    assert.equal(fromModules.status, 0, fromModules.stderr);
    assert.deepEqual(filesUnder(join(project, 'generated')), filesUnder(reference));

    const git = (...args: string[]) => execFileSync('git', args, { cwd: project, encoding: 'utf8' });
    git('init', '-q');
    git('add', 'user.json');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'v1');
    const spec = JSON.parse(readFileSync(join(project, 'user.json'), 'utf8'));
    spec.models.user.fields = spec.models.user.fields.filter((f: { name: string }) => f.name !== 'email');
    writeFileSync(join(project, 'user.json'), JSON.stringify(spec, null, 2));
    const checked = canon('check', 'user.json', '--against', 'HEAD', '--no-lint');
    assert.equal(checked.status, 1, checked.stderr);
    assert.match(checked.stdout, /field-removed/);
  });

  it('runs canon up from the installed package (the bundled bin): published, served, pages, npm, Ctrl-C', async () => {
    mkdirSync(join(project, 'specs'), { recursive: true });
    copyFileSync(join(project, 'user.json'), join(project, 'specs', 'user.json'));
    const up = await startCanon(['up', '--port', '0', '--db', 'registry.db', '--org', 'acme'], {
      cwd: project,
      bin: join(project, 'node_modules', 'canon-api', 'dist', 'bundle', 'canon.js'),
      env: { CANON_ADMIN_TOKEN: '', CANON_PORT: '' },
    });
    try {
      const services = (await (await fetch(`${up.url}/services`)).json()) as { application: string }[];
      assert.deepEqual(
        services.map((s) => s.application),
        ['user'],
      );
      const page = await fetch(`${up.url}/ui/acme/user/latest`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<html/);
      // Read from dist/ at run time, not bundled: the enhancement script and the package builder.
      const script = html.match(/src="(\/ui\/-\/assets\/enhance\.js\?v=[0-9a-f]+)"/)?.[1];
      assert.ok(script, 'the page links its script');
      const asset = await fetch(`${up.url}${script}`);
      assert.equal(asset.status, 200);
      assert.match(await asset.text(), /addEventListener/);
      const packument = (await (await fetch(`${up.url}/npm/@acme%2fuser-client`)).json()) as {
        versions: Record<string, { dist: { tarball: string } }>;
      };
      const [version] = Object.values(packument.versions);
      assert.ok(version, 'the packument lists the published version');
      const tarball = await fetch(version.dist.tarball);
      assert.equal(tarball.status, 200);
      assert.ok((await tarball.arrayBuffer()).byteLength > 0);
      // The first command it suggests is one that works where Canon is installed.
      assert.match(up.output(), /npx canon publish specs\/user\.json --org acme/);
    } finally {
      assert.equal(await up.stop('SIGINT'), 0, up.output());
    }
  });
});
