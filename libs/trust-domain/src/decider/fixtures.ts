/**
 * Event builders for specs and the benchmark (not exported from the library). Defaults describe a
 * plain unitary authority; each builder takes overrides.
 */
import { KEY_ISSUES, type KeyIssue, type PartnerCategory } from '../vocabulary';
import type { TrustEvent, TrustEventDataMap, TrustEventOf } from '../events/payloads';
import type { TrustEventType } from '../vocabulary';
import { COMMAND_EVENT, type SingleEventCommandType, type TrustCommand } from './commands';

export function event<T extends TrustEventType>(type: T, data: TrustEventDataMap[T]): TrustEventOf<T> {
  return { type, data };
}

export const trustProposed = (over: Partial<TrustEventDataMap['TrustProposed']> = {}) =>
  event('TrustProposed', {
    trustId: 'trust-1',
    authority: 'Unitary Borough Council',
    name: "Unitary Children's Trust",
    governanceModel: 'collaborative',
    ageFrom: 0,
    ageTo: 19,
    ageExtendedTo: 25,
    parentPartnership: 'Local Strategic Partnership',
    newAuthority: false,
    vestingDay: null,
    twoTierArea: false,
    districtCouncils: [],
    occurredAt: '2008-10-01',
    ...over,
  });

export const member = (
  memberId: string,
  partnerCategory: PartnerCategory,
  organisation: string,
  occurredAt = '2009-01-20',
) =>
  event('MemberAppointed', {
    memberId,
    person: `Representative of ${organisation}`,
    role: 'Board member',
    organisation,
    partnerCategory,
    deputy: null,
    minimumAttendance: 4,
    occurredAt,
  });

/** One member for every relevant partner of the 2004 Act, plus the local authority itself. */
export const STATUTORY_2004_MEMBERS: readonly [PartnerCategory, string][] = [
  ['local-authority', 'The Council'],
  ['police-authority', 'Police Authority'],
  ['chief-officer-of-police', 'Constabulary'],
  ['probation-board', 'Probation Board'],
  ['youth-offending-team', 'Youth Offending Team'],
  ['strategic-health-authority', 'Strategic Health Authority'],
  ['primary-care-trust', 'Primary Care Trust'],
  ['connexions', 'Connexions'],
  ['learning-and-skills-council', 'Learning and Skills Council'],
];

export const statutoryMembers = (occurredAt = '2009-01-20', except: PartnerCategory[] = []) =>
  STATUTORY_2004_MEMBERS.filter(([c]) => !except.includes(c)).map(([category, organisation]) =>
    member(`m-${category}`, category, organisation, occurredAt),
  );

export const keyIssueProposed = (keyIssue: KeyIssue, occurredAt = '2009-02-15') =>
  event('KeyIssueProposed', { keyIssue, proposal: `Proposal on ${keyIssue}`, occurredAt });

export const keyIssueAgreed = (keyIssue: KeyIssue, occurredAt = '2009-06-15') =>
  event('KeyIssueAgreed', { keyIssue, summary: null, meetingId: null, occurredAt });

export const allKeyIssuesAgreed = (except: KeyIssue[] = []): TrustEvent[] =>
  KEY_ISSUES.flatMap((k) =>
    except.includes(k) ? [keyIssueProposed(k)] : [keyIssueProposed(k), keyIssueAgreed(k)],
  );

/** Proposal to a convened implementation board. */
export const toShadow = (proposal = trustProposed()): TrustEvent[] => [
  proposal,
  event('ApprovalToProceedGiven', { approvedBy: 'Cabinet', reference: null, occurredAt: '2008-10-15' }),
  event('DirectorOfChildrensServicesInPost', { person: 'Director', occurredAt: '2008-12-01' }),
  event('ImplementationBoardConvened', {
    boardName: 'Implementation Board',
    chair: 'Director',
    occurredAt: '2009-01-15',
  }),
];

export const businessUnit = (occurredAt = '2009-06-20') =>
  event('BusinessUnitEstablished', {
    manager: 'Business Unit Manager',
    fundingSource: 'Pooled',
    website: null,
    occurredAt,
  });

export const adopted = (
  documentId: string,
  kind: TrustEventDataMap['GovernanceDocumentAdopted']['kind'],
  occurredAt = '2009-06-25',
) =>
  event('GovernanceDocumentAdopted', { documentId, kind, title: `The ${kind}`, version: '1.0', occurredAt });

/** A collaborative trust with every inauguration condition met (ready on 2009-06-25). */
export const toReady = (): TrustEvent[] => [
  ...toShadow(),
  ...statutoryMembers(),
  ...allKeyIssuesAgreed(),
  businessUnit(),
  adopted('terms-of-reference', 'terms-of-reference'),
];

export const inaugurated = (occurredAt = '2009-07-01') =>
  event('BoardInaugurated', { boardName: "Children's Trust Board", chair: 'Lead Member', occurredAt });

export const toOperating = (): TrustEvent[] => [...toReady(), inaugurated()];

const EVENT_COMMAND = Object.fromEntries(Object.entries(COMMAND_EVENT).map(([c, e]) => [e, c])) as Record<
  TrustEventType,
  SingleEventCommandType
>;

/** The command that claims exactly this event. */
export function commandFor(e: TrustEvent): TrustCommand {
  return { type: EVENT_COMMAND[e.type], data: e.data } as TrustCommand;
}
