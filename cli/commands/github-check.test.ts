import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCanon } from '../../test/spawn.js';
import { COMMENT_MARKER } from '../ci/pull-request-comment.js';

const SPEC = {
  name: 'people',
  models: {
    user: {
      fields: [
        { name: 'id', type: 'string' },
        { name: 'email', type: 'string' },
      ],
    },
  },
  resources: {
    user: {
      operations: [
        { method: 'GET', path: '/:id', responses: { 200: { type: 'user' }, 401: { type: 'unit' } } },
      ],
    },
  },
};

interface Recorded {
  method: string;
  url: string;
  body: string;
}

/**
 * A stand-in for GitHub's REST API over a real socket: it records every request and keeps the
 * pull request's comments, so a second run can find and edit Canon's comment.
 */
function fakeGithub() {
  const requests: Recorded[] = [];
  const comments: { id: number; body: string }[] = [{ id: 1, body: 'LGTM' }];
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push({ method: req.method ?? '', url: req.url ?? '', body });
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== 'Bearer secret') return reply(401, { message: 'Bad credentials' });
    if (req.method === 'GET' && req.url?.startsWith('/repos/acme/specs/issues/7/comments'))
      return reply(200, comments);
    if (req.method === 'POST' && req.url === '/repos/acme/specs/issues/7/comments') {
      const id = comments.length + 1;
      comments.push({ id, body: (JSON.parse(body) as { body: string }).body });
      return reply(201, { id, html_url: `https://example.test/comment/${id}` });
    }
    const edit = /^\/repos\/acme\/specs\/issues\/comments\/(\d+)$/.exec(req.url ?? '');
    if (req.method === 'PATCH' && edit) {
      const comment = comments.find((c) => c.id === Number(edit[1]));
      if (!comment) return reply(404, {});
      comment.body = (JSON.parse(body) as { body: string }).body;
      return reply(200, { id: comment.id, html_url: `https://example.test/comment/${comment.id}` });
    }
    reply(404, { message: 'Not Found' });
  });
  return { server, requests, comments };
}

describe('canon github-check: the action script with a stubbed GITHUB_* environment', () => {
  let repo = '';
  let summary = '';
  let eventPath = '';
  let api = '';
  const github = fakeGithub();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  const event = (head: string) =>
    writeFileSync(
      eventPath,
      JSON.stringify({ pull_request: { number: 7, head: { repo: { full_name: head } } } }),
    );
  const run = (env: Record<string, string> = {}) =>
    runCanon(['github-check'], {
      cwd: repo,
      env: {
        GITHUB_BASE_REF: 'main',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REPOSITORY: 'acme/specs',
        GITHUB_API_URL: api,
        GITHUB_TOKEN: 'secret',
        ...env,
      },
    });

  before(async () => {
    github.server.listen(0, '127.0.0.1');
    await once(github.server, 'listening');
    api = `http://127.0.0.1:${(github.server.address() as AddressInfo).port}`;
    repo = mkdtempSync(join(tmpdir(), 'canon-action-'));
    summary = join(repo, '..', `${repo.split('/').pop()}-summary.md`);
    eventPath = join(repo, '..', `${repo.split('/').pop()}-event.json`);
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Canon test');
    mkdirSync(join(repo, 'specs'));
    writeFileSync(join(repo, 'specs', 'user.json'), JSON.stringify(SPEC, null, 2));
    git('add', '.');
    git('commit', '-qm', 'v1');
    // What actions/checkout and the action's fetch leave: the target branch as origin/main.
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    git('checkout', '-q', '-b', 'pr');
    git('mv', 'specs/user.json', 'specs/users.json');
    const broken = structuredClone(SPEC);
    broken.models.user.fields = broken.models.user.fields.filter((f) => f.name !== 'email');
    writeFileSync(join(repo, 'specs', 'users.json'), JSON.stringify(broken, null, 2));
    git('commit', '-qam', 'rename and remove email');
  });
  beforeEach(() => {
    writeFileSync(summary, '');
    github.requests.length = 0;
  });
  after(() => {
    github.server.close();
    for (const path of [repo, summary, eventPath]) rmSync(path, { recursive: true, force: true });
  });

  it("fails with canon check's status, annotates, summarizes and comments once, then edits that comment", async () => {
    event('acme/specs');
    const first = await run();
    assert.equal(first.code, 1, first.stdout + first.stderr);
    assert.match(first.stdout, /^::error file=specs\/users\.json,line=\d+,title=response-field-removed::/m);
    assert.match(readFileSync(summary, 'utf8'), /## Canon check: ❌[\s\S]*renamed from `specs\/user\.json`/);
    assert.deepEqual(
      github.requests.map((r) => r.method),
      ['GET', 'POST'],
    );
    const ours = github.comments.filter((c) => c.body.includes(COMMENT_MARKER));
    assert.equal(ours.length, 1);
    assert.match(ours[0]!.body, /response-field-removed/);

    github.requests.length = 0;
    const second = await run();
    assert.equal(second.code, 1);
    assert.deepEqual(
      github.requests.map((r) => r.method),
      ['GET', 'PATCH'],
    );
    assert.equal(github.comments.filter((c) => c.body.includes(COMMENT_MARKER)).length, 1);
    assert.match(second.stdout, /updated the pull-request comment/);
  });

  it('does not comment on a pull request from a fork: the summary has the report', async () => {
    event('someone/specs');
    const result = await run();
    assert.equal(result.code, 1);
    assert.deepEqual(github.requests, []);
    assert.match(result.stdout, /from a fork/);
    assert.match(readFileSync(summary, 'utf8'), /response-field-removed/);
  });

  it('warns, and still fails with the gate, when the token may not comment', async () => {
    event('acme/specs');
    const result = await run({ GITHUB_TOKEN: 'read-only' });
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /::warning title=canon::no pull-request comment \(listing the comments answered 401\)/,
    );
  });

  it('exits 2, with the reason in the summary, when the gate cannot run', async () => {
    event('acme/specs');
    const result = await run({ GITHUB_BASE_REF: 'no-such-branch' });
    assert.equal(result.code, 2);
    assert.match(readFileSync(summary, 'utf8'), /could not run[\s\S]*no-such-branch/);
  });
});
