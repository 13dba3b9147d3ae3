import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..');

/**
 * A long-lived trust holds thousands of meetings and decisions in memory. V8 keeps one hidden class
 * (map and descriptors) for objects built the same way; a record built by an object rest-and-spread
 * got a hidden class of its own per decision, about 300 bytes more each. Only V8's own introspection
 * (`%HaveSameMap`, behind --allow-natives-syntax) can tell, so this runs in a child Node process
 * over the real reducer.
 */
describe('the records a trust accumulates share their hidden classes', () => {
  it('every decision and every meeting, from fresh or parsed event data alike', () => {
    const script = `
      const { applyEvent } = require('./libs/trust-domain/src/machine/record/reduce.ts');
      const { emptyRecord } = require('./libs/trust-domain/src/machine/record/empty.ts');
      const { entriesOf } = require('./libs/trust-domain/src/machine/record/append-log.ts');
      let record = emptyRecord();
      for (let i = 0; i < 500; i += 1) {
        const decision = {
          type: 'DecisionRecorded',
          data: {
            occurredAt: '2009-02-02', decisionId: 'd-' + i, title: 'Decision ' + i, tier: 'board',
            leadAgency: 'The Council', rationale: 'Agreed', meetingId: i % 2 ? null : 'm-' + i,
            effectiveFrom: '2009-03-01',
          },
        };
        const meeting = {
          type: 'MeetingHeld',
          data: {
            occurredAt: '2009-02-02', meetingId: 'm-' + i, body: 'implementation-board',
            attendees: ['m-dcs'], apologies: [], quorumMet: true,
          },
        };
        // As the command path folds them (fresh objects) and as a reader folds them (parsed JSON).
        for (const event of [decision, meeting]) {
          record = applyEvent(record, i % 3 === 0 ? JSON.parse(JSON.stringify(event)) : event);
        }
      }
      const shared = (items) => items.filter((item, i) => i === 0 || %HaveSameMap(item, items[0])).length;
      const decisions = entriesOf(record.decisions);
      const meetings = entriesOf(record.meetings);
      process.stdout.write(JSON.stringify({
        decisions: [shared(decisions), decisions.length],
        meetings: [shared(meetings), meetings.length],
      }));
    `;
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '-r', '@swc-node/register', '-e', script],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ decisions: [500, 500], meetings: [500, 500] });
  });
});
