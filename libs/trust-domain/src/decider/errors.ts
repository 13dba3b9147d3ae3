/**
 * One base for every error the domain raises on purpose. `code` is stable (clients and the HTTP
 * exception filter branch on it); `message` is for people and names the reason; `details` carries
 * the same facts as data (which key issues are open, which partners are missing...).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): { code: string; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Codes a trust command can be refused with. Kept as one list so the API can document them. */
export const TRUST_RULE_CODES = [
  'TRUST.NOT_PROPOSED',
  'TRUST.ALREADY_PROPOSED',
  'TRUST.CLOSED',
  'TRUST.NOT_ALLOWED_NOW',
  'TRUST.INVALID_COMMAND',
  'TRUST.DATED_BEFORE_PREREQUISITE',
  'TRUST.DATED_IN_FUTURE',
  'TRUST.DCS_NOT_IN_POST',
  'TRUST.NOT_A_NEW_AUTHORITY',
  'TRUST.VESTING_DAY_NOT_REACHED',
  'TRUST.NOT_VESTED',
  'TRUST.KEY_ISSUES_OPEN',
  'TRUST.BUSINESS_UNIT_NOT_ESTABLISHED',
  'TRUST.GOVERNANCE_DOCUMENTS_NOT_ADOPTED',
  'TRUST.SIGNATURES_MISSING',
  'TRUST.STATUTORY_PARTNERS_MISSING',
  'TRUST.PLAN_NOT_DRAFTED',
  'TRUST.LSCB_NOT_CONSULTED',
  'TRUST.PLAN_NOT_FOUND',
  'TRUST.MEMBER_ALREADY_APPOINTED',
  'TRUST.MEMBER_NOT_FOUND',
  'TRUST.NOT_A_MEMBER_ORGANISATION',
  'TRUST.DOCUMENT_NOT_ADOPTED',
  'TRUST.ALREADY_SIGNED',
  'TRUST.MEETING_ALREADY_RECORDED',
  'TRUST.MEETING_NOT_FOUND',
  'TRUST.DECISION_ALREADY_RECORDED',
  'TRUST.MILESTONE_ALREADY_SCHEDULED',
  'TRUST.MILESTONE_NOT_FOUND',
  'TRUST.MILESTONE_UNKNOWN_DEPENDENCY',
  'TRUST.MILESTONE_ALREADY_COMPLETED',
  'TRUST.REBASELINE_NEEDS_REASON_AND_APPROVER',
] as const;
export type TrustRuleCode = (typeof TRUST_RULE_CODES)[number];

/** A single reason a rule refuses something; several may be gathered into one violation. */
export interface RuleBreach {
  readonly code: TrustRuleCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * A command refused by a trust rule. When several rules refuse the same command (inauguration with
 * key issues open *and* partners missing), `code` is the first breach's and the message names all.
 */
export class TrustRuleViolation extends DomainError {
  readonly code: TrustRuleCode;

  constructor(readonly breaches: readonly RuleBreach[]) {
    const [first] = breaches;
    if (!first) throw new RangeError('A TrustRuleViolation needs at least one breach');
    super(breaches.map((b) => b.message).join(' '), {
      ...first.details,
      breaches: breaches.map((b) => ({ code: b.code, details: b.details })),
    });
    this.code = first.code;
  }

  static of(code: TrustRuleCode, message: string, details: Record<string, unknown> = {}): TrustRuleViolation {
    return new TrustRuleViolation([{ code, message, details }]);
  }
}

/** A stored event that this version of the code cannot read (unknown type or schema version). */
export class UnreadableEventError extends DomainError {
  constructor(
    readonly code: 'EVENT.UNKNOWN_TYPE' | 'EVENT.UNKNOWN_SCHEMA_VERSION' | 'EVENT.MALFORMED',
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}
