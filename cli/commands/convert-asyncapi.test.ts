import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Parser } from '@asyncapi/parser';
import { loadSpec } from '../../core/load.js';
import { readEventUnions } from '../../generators/events/event-unions.js';
import { corpusPath, repoPath } from '../../test/paths.js';
import { runCanon } from '../../test/spawn.js';

/** The document `canon convert --to asyncapi` prints, parsed by @asyncapi/parser: no errors. */
async function exported(file: string) {
  const run = await runCanon(['convert', file, '--to', 'asyncapi']);
  assert.equal(run.code, 0, run.stderr);
  const { document, diagnostics } = await new Parser().parse(run.stdout);
  const errors = diagnostics.filter((d) => d.severity === 0);
  assert.deepEqual(
    errors.map((e) => `${e.code} ${e.path.join('/')}: ${e.message}`),
    [],
  );
  assert.ok(document);
  return { json: JSON.parse(run.stdout), document };
}

test('AsyncAPI 3.0 for specs/examples/user.json: a channel per stream, a message per event, the service sends', async () => {
  const { json, document } = await exported(repoPath('specs/examples/user.json'));
  assert.equal(json.asyncapi, '3.0.0');
  const loaded = await loadSpec(readFileSync(repoPath('specs/examples/user.json'), 'utf8'));
  const [stream] = readEventUnions(loaded.service!, []);
  // The stream and subject names are the events generator's.
  assert.deepEqual(Object.keys(json.channels), [stream!.stream]);
  const channel = document.channels().get(stream!.stream)!;
  assert.deepEqual(
    channel
      .messages()
      .all()
      .map((m) => m.name()),
    ['user_upserted', 'user_deleted'],
  );
  const [subject] = stream!.subjects[0]!.slice(1);
  assert.equal(channel.address()!.replace('{event_type}', 'user_upserted'), subject);
  const [operation] = document.operations().all();
  assert.equal(operation!.action(), 'send');
  assert.deepEqual(
    operation!
      .messages()
      .all()
      .map((m) => m.name()),
    ['user_upserted', 'user_deleted'],
  );
  const payload = channel.messages().all()[0]!.payload()!.allOf()![0]!;
  assert.deepEqual(payload.required(), ['event_id', 'timestamp', 'user']);
});

test("AsyncAPI 3.0 for Flow's merged API parses with no errors", async () => {
  const { json } = await exported(corpusPath('flow', 'flow-api-service.json'));
  assert.deepEqual(Object.keys(json.channels), ['flow_api_v0_event', 'flow_api_v0_ge_restriction_event']);
  assert.equal(Object.keys(json.components.messages).length, 208);
});
