import { TRUST_EVENT_TYPES } from '../vocabulary';
import { CURRENT_SCHEMA_VERSIONS, upcastTrustEvent } from './schema';
import { UnreadableEventError } from '../decider/errors';

describe('any lifecycle state: reading stored events', () => {
  it('reads a v1 MeetingHeld as v2: heldOn becomes occurredAt, quorate becomes quorumMet, no apologies known', () => {
    const v1 = {
      meetingId: 'ib-1',
      body: 'implementation-board',
      heldOn: '2009-01-19',
      attendees: ['m-dcs'],
      quorate: true,
    };
    expect(upcastTrustEvent({ type: 'MeetingHeld', schemaVersion: 1, data: v1 })).toEqual({
      type: 'MeetingHeld',
      data: {
        meetingId: 'ib-1',
        body: 'implementation-board',
        attendees: ['m-dcs'],
        apologies: [],
        quorumMet: true,
        occurredAt: '2009-01-19',
      },
    });
  });

  it('passes a current-version event through unchanged', () => {
    const data = { person: 'Director', occurredAt: '2008-12-01' };
    expect(upcastTrustEvent({ type: 'DirectorOfChildrensServicesInPost', schemaVersion: 1, data })).toEqual({
      type: 'DirectorOfChildrensServicesInPost',
      data,
    });
  });

  it('has a schema version for every event type', () => {
    expect(Object.keys(CURRENT_SCHEMA_VERSIONS).sort()).toEqual([...TRUST_EVENT_TYPES].sort());
    expect(CURRENT_SCHEMA_VERSIONS.MeetingHeld).toBe(2);
  });

  it('refuses an unknown event type with a typed error', () => {
    const read = () => upcastTrustEvent({ type: 'TrustTeleported', schemaVersion: 1, data: {} });
    expect(read).toThrow(UnreadableEventError);
    expect(read).toThrow(expect.objectContaining({ code: 'EVENT.UNKNOWN_TYPE' }));
  });

  it('refuses a schema version from the future', () => {
    expect(() => upcastTrustEvent({ type: 'MeetingHeld', schemaVersion: 3, data: {} })).toThrow(
      expect.objectContaining({ code: 'EVENT.UNKNOWN_SCHEMA_VERSION' }),
    );
  });

  it('refuses data that is not an object', () => {
    expect(() => upcastTrustEvent({ type: 'MeetingHeld', schemaVersion: 2, data: 'x' })).toThrow(
      expect.objectContaining({ code: 'EVENT.MALFORMED' }),
    );
  });
});
