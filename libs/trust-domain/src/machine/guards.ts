/**
 * The lifecycle's named guards, each written as a check that returns the breaches it finds (an
 * empty list means the guard passes). The machine uses `breaches.length === 0`; the decider uses the
 * same checks to say why a command was refused, so the rule and its explanation cannot drift apart.
 */
import type { CalendarDate } from '../vocabulary';
import type { RuleBreach } from '../decider/errors';
import { activeMembers } from './record/people';
import { openKeyIssues } from './record/governance';
import type { TrustRecord } from './record/types';
import type { StatutoryRuleTable } from '../statutory/rules';
import {
  describeMissing,
  hasAllStatutoryPartners,
  missingStatutoryPartners,
} from '../statutory/requirements';

/** `onDate` is the day of the event being decided; date-dependent checks apply the law of that day. */
export type GuardCheck = (record: TrustRecord, onDate: CalendarDate | null) => RuleBreach[];

const ok: RuleBreach[] = [];
const breach = (code: RuleBreach['code'], message: string, details: Record<string, unknown> = {}) => [
  { code, message, details },
];

const dcsInPost: GuardCheck = (r) =>
  r.directorOfChildrensServices
    ? ok
    : breach(
        'TRUST.DCS_NOT_IN_POST',
        "The implementation board is led by the Director of Children's Services, who is not yet in post.",
      );

const isNewAuthority: GuardCheck = (r) =>
  r.newAuthority
    ? ok
    : breach('TRUST.NOT_A_NEW_AUTHORITY', `${r.authority} is not a new authority, so it has no vesting day.`);

const keyIssuesAgreed: GuardCheck = (r) => {
  const open = openKeyIssues(r);
  if (open.length === 0) return ok;
  const list = open.map((k) => `${k} (${r.keyIssues[k].status})`).join(', ');
  return breach('TRUST.KEY_ISSUES_OPEN', `Key issues not yet agreed: ${list}.`, {
    openKeyIssues: open.map((k) => ({ keyIssue: k, status: r.keyIssues[k].status })),
  });
};

const vestedIfNewAuthority: GuardCheck = (r) =>
  !r.newAuthority || r.vestingDayReachedOn
    ? ok
    : breach(
        'TRUST.NOT_VESTED',
        `${r.authority} is a new authority and its vesting day (${r.vestingDay}) has not been reached.`,
        {
          vestingDay: r.vestingDay,
        },
      );

const businessUnitEstablished: GuardCheck = (r) =>
  r.businessUnit
    ? ok
    : breach('TRUST.BUSINESS_UNIT_NOT_ESTABLISHED', 'The business unit has not been established.');

const AGREEMENT_KINDS: readonly string[] = ['partnership-agreement', 'section-10-agreement'];
const agreements = (r: TrustRecord) =>
  Object.values(r.governanceDocuments).filter((d) => AGREEMENT_KINDS.includes(d.kind));

const governanceDocumentsAdopted: GuardCheck = (r) => {
  if (r.governanceModel === 'partnership-agreement') {
    return agreements(r).length > 0
      ? ok
      : breach(
          'TRUST.GOVERNANCE_DOCUMENTS_NOT_ADOPTED',
          'Under the partnership-agreement model a partnership agreement must be adopted; none has been.',
        );
  }
  return Object.keys(r.governanceDocuments).length > 0
    ? ok
    : breach(
        'TRUST.GOVERNANCE_DOCUMENTS_NOT_ADOPTED',
        'No governance document (constitution, terms of reference...) has been adopted.',
      );
};

const partnershipAgreementSigned: GuardCheck = (r, onDate) => {
  if (r.governanceModel !== 'partnership-agreement') return ok;
  const organisations = [...new Set(activeMembers(r, onDate).map((m) => m.organisation))];
  const unsigned = agreements(r).flatMap((d) =>
    organisations
      .filter((o) => !d.signatures[o])
      .map((organisation) => ({ documentId: d.documentId, title: d.title, organisation })),
  );
  if (unsigned.length === 0) return ok;
  const names = [...new Set(unsigned.map((u) => u.organisation))].join(', ');
  return breach('TRUST.SIGNATURES_MISSING', `The partnership agreement is not yet signed by: ${names}.`, {
    unsigned,
  });
};

export function statutoryPartnersCheck(table: StatutoryRuleTable): GuardCheck {
  return (r, onDate) => {
    const date = onDate ?? r.lastOccurredOn;
    if (date === null) return ok;
    const missing = missingStatutoryPartners(table, r, date);
    if (hasAllStatutoryPartners(missing)) return ok;
    return breach(
      'TRUST.STATUTORY_PARTNERS_MISSING',
      `Relevant partners not represented on ${date}: ${describeMissing(missing)}.`,
      {
        missingCategories: missing.categories.map((c) => c.category),
        missingDistrictCouncils: missing.districtCouncils,
      },
    );
  };
}

const planDrafted: GuardCheck = (r) =>
  r.plan ? ok : breach('TRUST.PLAN_NOT_DRAFTED', "No Children and Young People's Plan has been drafted yet.");

const lscbConsulted: GuardCheck = (r) =>
  r.plan?.lscbConsultedOn
    ? ok
    : breach(
        'TRUST.LSCB_NOT_CONSULTED',
        'The plan cannot be approved before the Local Safeguarding Children Board has been consulted on it.',
      );

const all =
  (...checks: GuardCheck[]): GuardCheck =>
  (r, onDate) =>
    checks.flatMap((check) => check(r, onDate));

/** Every guard that can refuse something, by the name the machine uses. */
export function lifecycleGuardChecks(table: StatutoryRuleTable) {
  const statutoryPartnersRepresented = statutoryPartnersCheck(table);
  return {
    dcsInPost,
    isNewAuthority,
    keyIssuesAgreed,
    vestedIfNewAuthority,
    businessUnitEstablished,
    governanceDocumentsAdopted,
    partnershipAgreementSigned,
    statutoryPartnersRepresented,
    planDrafted,
    lscbConsulted,
    readyForInauguration: all(
      keyIssuesAgreed,
      vestedIfNewAuthority,
      businessUnitEstablished,
      governanceDocumentsAdopted,
      partnershipAgreementSigned,
      statutoryPartnersRepresented,
    ),
  } satisfies Record<string, GuardCheck>;
}

export type LifecycleGuardName = keyof ReturnType<typeof lifecycleGuardChecks>;
