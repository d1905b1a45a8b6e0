import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relayDrill } from './testing/relay-drill.js';

for (const dialect of ['sqlite', 'postgres'] as const) {
  test(`${dialect} relay crash drill: SIGKILL mid-batch 12 times, then every journal row's event arrived, in order, re-sends identical`, async () => {
    const report = await relayDrill({ dialect, rounds: 12, seed: 13 });
    assert.equal(report.rounds, 12);
    assert.deepEqual(report.lost, [], 'no journal row without its event');
    assert.deepEqual(report.altered, [], 'a re-sent event is the same event');
    assert.deepEqual(report.outOfOrder, [], 'first arrivals in journal order');
    assert.deepEqual(report.keysOutOfOrder, [], 'every key in journal order');
    assert.deepEqual(report.mismatched, [], 'each event says what its journal row says');
    // Each kill froze a batch after part of it was published, before its position was recorded:
    // the restarted relay sent that part again, so there is at least one re-send per round.
    assert.ok(report.resent >= report.rounds, `only ${report.resent} re-sends in ${report.rounds} rounds`);
    assert.equal(report.published - report.resent, report.journalRows, 'nothing but journal rows');
  });
}
