import { given, rejected } from './testing';
import { commandFor, event, toShadow } from './fixtures';

const meeting = (meetingId: string) =>
  event('MeetingHeld', {
    meetingId,
    body: 'implementation-board',
    attendees: [],
    apologies: [],
    quorumMet: true,
    occurredAt: '2009-02-02',
  });
const decision = (decisionId: string, meetingId: string | null) =>
  event('DecisionRecorded', {
    decisionId,
    title: `Decision ${decisionId}`,
    tier: 'board',
    leadAgency: 'The Council',
    rationale: 'Agreed',
    meetingId,
    effectiveFrom: '2009-03-01',
    occurredAt: '2009-02-02',
  });

/** More meetings and decisions than one segment of the record's logs (64) holds. */
const LONG = 150;
const longRecord = [
  ...toShadow(),
  ...Array.from({ length: LONG }, (_, i) => meeting(`m-${i}`)),
  ...Array.from({ length: LONG }, (_, i) => decision(`d-${i}`, `m-${i}`)),
];

describe('references in a long record (meetings and decisions past the first segments)', () => {
  it.each(['m-0', 'm-63', 'm-64', 'm-127', 'm-128', `m-${LONG - 1}`])(
    'refuses to record meeting %s again',
    (id) => {
      given(longRecord)
        .when(commandFor(meeting(id)))
        .then(rejected('TRUST.MEETING_ALREADY_RECORDED', id));
    },
  );

  it.each(['d-0', 'd-64', `d-${LONG - 1}`])('refuses to record decision %s again', (id) => {
    given(longRecord)
      .when(commandFor(decision(id, null)))
      .then(rejected('TRUST.DECISION_ALREADY_RECORDED', id));
  });

  it('accepts a new decision citing a meeting in any segment, and refuses one citing no recorded meeting', () => {
    for (const cited of ['m-1', 'm-70', `m-${LONG - 1}`]) {
      const next = decision(`new-${cited}`, cited);
      given(longRecord).when(commandFor(next)).then([next]);
    }
    given(longRecord)
      .when(commandFor(decision('new', `m-${LONG}`)))
      .then(rejected('TRUST.MEETING_NOT_FOUND', `m-${LONG}`));
    const fresh = meeting(`m-${LONG}`);
    given(longRecord).when(commandFor(fresh)).then([fresh]);
  });
});
