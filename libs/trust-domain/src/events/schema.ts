/**
 * Schema versions and upcasters. Stored events are never rewritten: an old version is lifted to
 * the current one each time it is read, one version step at a time.
 */
import { TRUST_EVENT_TYPES, type TrustEventType } from '../vocabulary';
import { UnreadableEventError } from '../decider/errors';
import type { MeetingHeldData, TrustEvent } from './payloads';

export const CURRENT_SCHEMA_VERSIONS: Readonly<Record<TrustEventType, number>> = {
  ...(Object.fromEntries(TRUST_EVENT_TYPES.map((type) => [type, 1])) as Record<TrustEventType, number>),
  // v2: `heldOn` became the common `occurredAt`, `quorate` became `quorumMet`, apologies were added.
  MeetingHeld: 2,
};

/** Lifts one event payload from version `from` to `from + 1`. */
type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** The version-1 shape of MeetingHeld, as the first release wrote it. */
export interface MeetingHeldDataV1 {
  meetingId: string;
  body: string;
  heldOn: string;
  attendees: string[];
  quorate: boolean;
}

export function upcastMeetingHeldV1(v1: MeetingHeldDataV1): MeetingHeldData {
  return {
    meetingId: v1.meetingId,
    body: v1.body,
    attendees: v1.attendees,
    // v1 never recorded apologies; an empty list is what was known, not a claim nobody sent any.
    apologies: [],
    quorumMet: v1.quorate,
    occurredAt: v1.heldOn,
  };
}

/** UPCASTERS[type][n] lifts version n to n + 1. */
const UPCASTERS: Partial<Record<TrustEventType, Readonly<Record<number, Upcaster>>>> = {
  MeetingHeld: { 1: (data) => upcastMeetingHeldV1(data as unknown as MeetingHeldDataV1) as never },
};

function isTrustEventType(type: string): type is TrustEventType {
  return (TRUST_EVENT_TYPES as readonly string[]).includes(type);
}

function liftToCurrent(type: TrustEventType, version: number, data: Record<string, unknown>) {
  let lifted = data;
  for (let from = version; from < CURRENT_SCHEMA_VERSIONS[type]; from += 1) {
    const step = UPCASTERS[type]?.[from];
    if (!step) {
      throw new UnreadableEventError('EVENT.UNKNOWN_SCHEMA_VERSION', `No upcaster for ${type} v${from}`, {
        type,
        schemaVersion: version,
      });
    }
    lifted = step(lifted);
  }
  return lifted;
}

/**
 * Reads a stored event as the current domain event. Throws `UnreadableEventError` for a type this
 * code does not know, a version from the future (written by newer code) or a version with no path.
 */
export function upcastTrustEvent(raw: { type: string; schemaVersion: number; data: unknown }): TrustEvent {
  const { type, schemaVersion, data } = raw;
  if (!isTrustEventType(type)) {
    throw new UnreadableEventError('EVENT.UNKNOWN_TYPE', `Unknown trust event type '${type}'`, { type });
  }
  const current = CURRENT_SCHEMA_VERSIONS[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
    throw new UnreadableEventError(
      'EVENT.UNKNOWN_SCHEMA_VERSION',
      `${type} has schema version ${schemaVersion}; this code reads versions 1 to ${current}`,
      { type, schemaVersion, current },
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UnreadableEventError('EVENT.MALFORMED', `${type} data is not an object`, { type });
  }
  const lifted = liftToCurrent(type, schemaVersion, data as Record<string, unknown>);
  return { type, data: lifted } as unknown as TrustEvent;
}
