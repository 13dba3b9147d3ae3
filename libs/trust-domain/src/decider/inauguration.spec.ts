import { given, rejected } from './testing';
import { createTrustDomain } from './domain';
import {
  adopted,
  allKeyIssuesAgreed,
  businessUnit,
  commandFor,
  event,
  inaugurated,
  member,
  statutoryMembers,
  toReady,
  toShadow,
  trustProposed,
} from './fixtures';
import { withStatutoryOverrides } from '../statutory';
import type { KeyIssue, PartnerCategory } from '../vocabulary';

describe('shadow: inauguration guards', () => {
  const withoutKeyIssues = (...open: KeyIssue[]) => [
    ...toShadow(),
    ...statutoryMembers(),
    ...allKeyIssuesAgreed(open),
    businessUnit(),
    adopted('terms-of-reference', 'terms-of-reference'),
  ];

  it('rejects inauguration while governance is open', () => {
    given(withoutKeyIssues('governance'))
      .when(commandFor(inaugurated()))
      .then(rejected('TRUST.KEY_ISSUES_OPEN', 'governance (proposed)'));
  });

  it('rejects inauguration while the business unit is not established', () => {
    const events = toReady().filter((e) => e.type !== 'BusinessUnitEstablished');
    given(events)
      .when(commandFor(inaugurated()))
      .then(rejected('TRUST.BUSINESS_UNIT_NOT_ESTABLISHED', 'business unit'));
  });

  it('rejects inauguration before any governance document is adopted', () => {
    const events = toReady().filter((e) => e.type !== 'GovernanceDocumentAdopted');
    given(events).when(commandFor(inaugurated())).then(rejected('TRUST.GOVERNANCE_DOCUMENTS_NOT_ADOPTED'));
  });

  it('rejects inauguration of a new authority before its vesting day', () => {
    const events = [
      ...toShadow(trustProposed({ newAuthority: true, vestingDay: '2009-04-01' })),
      ...toReady().slice(toShadow().length),
    ];
    given(events).when(commandFor(inaugurated())).then(rejected('TRUST.NOT_VESTED', '2009-04-01'));
  });

  it('names every failing condition at once', () => {
    const events = withoutKeyIssues('membership').filter((e) => e.type !== 'BusinessUnitEstablished');
    const decision = given(events)
      .when(commandFor(inaugurated()))
      .then(rejected('TRUST.KEY_ISSUES_OPEN', 'membership'));
    expect(decision.kind === 'rejected' && decision.error.message).toContain('business unit');
  });
});

describe('shadow: partnership agreement model', () => {
  const agreementTrust = (signers: string[]) => [
    ...toShadow(trustProposed({ governanceModel: 'partnership-agreement' })),
    member('m-la', 'local-authority', 'The Council'),
    ...statutoryMembers().slice(1),
    ...allKeyIssuesAgreed(),
    businessUnit(),
    adopted('agreement', 'partnership-agreement'),
    ...signers.map((organisation) =>
      event('GovernanceDocumentSigned', {
        documentId: 'agreement',
        organisation,
        signedBy: 'Chief Officer',
        occurredAt: '2009-06-28',
      }),
    ),
  ];
  const organisations = statutoryMembers().map((e) => e.data.organisation);

  it('rejects inauguration while a member organisation has not signed', () => {
    given(agreementTrust(organisations.filter((o) => o !== 'Probation Board')))
      .when(commandFor(inaugurated()))
      .then(rejected('TRUST.SIGNATURES_MISSING', 'Probation Board'));
  });

  it('accepts inauguration once every member organisation has signed', () => {
    given(agreementTrust(organisations)).when(commandFor(inaugurated())).then([inaugurated()]);
  });

  it('rejects inauguration with terms of reference but no partnership agreement', () => {
    const events = agreementTrust([]).filter((e) => e.type !== 'GovernanceDocumentAdopted');
    given([...events, adopted('tor', 'terms-of-reference')])
      .when(commandFor(inaugurated()))
      .then(rejected('TRUST.GOVERNANCE_DOCUMENTS_NOT_ADOPTED', 'partnership agreement'));
  });

  it('rejects a signature from an organisation with no member', () => {
    const sign = event('GovernanceDocumentSigned', {
      documentId: 'agreement',
      organisation: 'Fire Service',
      signedBy: 'Chief',
      occurredAt: '2009-06-28',
    });
    given(agreementTrust([]))
      .when(commandFor(sign))
      .then(rejected('TRUST.NOT_A_MEMBER_ORGANISATION', 'Fire Service'));
  });
});

describe('shadow: statutory partners', () => {
  const readyWithout = (...missing: PartnerCategory[]) => [
    ...toShadow(),
    ...statutoryMembers(undefined, missing),
    ...allKeyIssuesAgreed(),
    businessUnit(),
    adopted('terms-of-reference', 'terms-of-reference'),
  ];

  it('rejects inauguration while the probation board is unrepresented', () => {
    given(readyWithout('probation-board'))
      .when(commandFor(inaugurated()))
      .then(rejected('TRUST.STATUTORY_PARTNERS_MISSING', 'probation board'));
  });

  it('does not require the 2009 partners of a trust inaugurated in 2009', () => {
    given(readyWithout())
      .when(commandFor(inaugurated('2009-07-01')))
      .then([inaugurated('2009-07-01')]);
  });

  it('requires schools, colleges and Jobcentre Plus from the 2009 Act commencement', () => {
    given(readyWithout())
      .when(commandFor(inaugurated('2010-05-01')))
      .then(
        rejected(
          'TRUST.STATUTORY_PARTNERS_MISSING',
          'schools',
          'schools forum',
          'further education colleges',
          'jobcentre plus',
        ),
      );
  });

  it('applies a council-corrected commencement date', () => {
    const domain = createTrustDomain({
      statutoryRules: withStatutoryOverrides(
        Object.fromEntries(
          ['school', 'schools-forum', 'sixth-form-college', 'fe-college', 'jobcentre-plus'].map((c) => [
            c,
            { appliesFrom: '2010-09-01' },
          ]),
        ),
      ),
    });
    given(readyWithout(), domain)
      .when(commandFor(inaugurated('2010-05-01')))
      .then([inaugurated('2010-05-01')]);
  });

  it('requires every district council of a two-tier area, not one for all', () => {
    const proposal = trustProposed({ twoTierArea: true, districtCouncils: ['Ashford', 'Dover', 'Swale'] });
    const events = [
      ...toShadow(proposal),
      ...statutoryMembers(),
      member('m-ashford', 'district-council', 'Ashford'),
      ...allKeyIssuesAgreed(),
      businessUnit(),
      adopted('terms-of-reference', 'terms-of-reference'),
    ];
    given(events)
      .when(commandFor(inaugurated()))
      .then(rejected('TRUST.STATUTORY_PARTNERS_MISSING', 'Dover, Swale'));
    const all = [
      ...events,
      member('m-dover', 'district-council', 'Dover'),
      member('m-swale', 'district-council', 'Swale'),
    ];
    given(all).when(commandFor(inaugurated())).then([inaugurated()]);
  });
});
