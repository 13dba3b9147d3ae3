import { given, rejected } from './testing';
import { replay } from './domain';
import {
  commandFor,
  event,
  inaugurated,
  keyIssueAgreed,
  keyIssueProposed,
  member,
  toOperating,
  toReady,
  toShadow,
  trustProposed,
} from './fixtures';
import { allowedCommands } from './domain';

const approval = event('ApprovalToProceedGiven', {
  approvedBy: 'Cabinet',
  reference: null,
  occurredAt: '2008-10-15',
});
const dcs = event('DirectorOfChildrensServicesInPost', { person: 'Director', occurredAt: '2008-12-01' });
const convene = (occurredAt = '2009-01-15') =>
  event('ImplementationBoardConvened', { boardName: 'Implementation Board', chair: 'Director', occurredAt });

describe('not proposed', () => {
  it('accepts a proposal', () => {
    given([]).when(commandFor(trustProposed())).then([trustProposed()]);
  });

  it('rejects every other command as not proposed', () => {
    given([]).when(commandFor(approval)).then(rejected('TRUST.NOT_PROPOSED', 'GiveApprovalToProceed'));
  });

  it('offers only ProposeTrust', () => {
    expect(allowedCommands(replay([]))).toEqual(['ProposeTrust']);
  });

  it('rejects a new authority without a vesting day', () => {
    given([])
      .when(commandFor(trustProposed({ newAuthority: true, vestingDay: null })))
      .then(rejected('TRUST.INVALID_COMMAND', 'vesting day'));
  });

  it('rejects a two-tier area that names no district councils', () => {
    given([])
      .when(commandFor(trustProposed({ twoTierArea: true, districtCouncils: [] })))
      .then(rejected('TRUST.INVALID_COMMAND', 'district councils'));
  });
});

describe('proposed', () => {
  it('accepts the approval to proceed', () => {
    given([trustProposed()]).when(commandFor(approval)).then([approval]);
  });

  it('rejects an approval dated before the proposal', () => {
    const early = event('ApprovalToProceedGiven', {
      approvedBy: 'Cabinet',
      reference: null,
      occurredAt: '2008-09-01',
    });
    given([trustProposed()])
      .when(commandFor(early))
      .then(rejected('TRUST.DATED_BEFORE_PREREQUISITE', '2008-10-01'));
  });

  it('rejects a second proposal', () => {
    given([trustProposed()]).when(commandFor(trustProposed())).then(rejected('TRUST.ALREADY_PROPOSED'));
  });

  it('rejects convening the implementation board before approval', () => {
    given([trustProposed(), dcs])
      .when(commandFor(convene()))
      .then(rejected('TRUST.NOT_ALLOWED_NOW', 'proposed'));
  });

  it('rejects a command dated after it is recorded', () => {
    const future = event('ApprovalToProceedGiven', {
      approvedBy: 'Cabinet',
      reference: null,
      occurredAt: '2030-01-01',
    });
    given([trustProposed()]).when(commandFor(future)).then(rejected('TRUST.DATED_IN_FUTURE', '2030-01-01'));
  });
});

describe('approved', () => {
  it('rejects convening the implementation board while no DCS is in post', () => {
    given([trustProposed(), approval])
      .when(commandFor(convene()))
      .then(rejected('TRUST.DCS_NOT_IN_POST', 'Director'));
  });

  it('accepts convening the implementation board once the DCS is in post', () => {
    given([trustProposed(), approval, dcs]).when(commandFor(convene())).then([convene()]);
  });

  it('rejects convening the board dated before the DCS took up post', () => {
    given([trustProposed(), approval, dcs])
      .when(commandFor(convene('2008-11-20')))
      .then(rejected('TRUST.DATED_BEFORE_PREREQUISITE', 'DCS took up post (2008-12-01)'));
  });

  it('rejects board business before the board exists', () => {
    given([trustProposed(), approval])
      .when(commandFor(member('m1', 'primary-care-trust', 'PCT')))
      .then(rejected('TRUST.NOT_ALLOWED_NOW', 'approved'));
  });
});

describe('shadow', () => {
  it('is the phase once the implementation board is convened', () => {
    expect(replay(toShadow()).phase).toBe('shadow');
  });

  it('accepts a key issue proposal', () => {
    given(toShadow())
      .when(commandFor(keyIssueProposed('governance')))
      .then([keyIssueProposed('governance')]);
  });

  it('rejects agreeing a key issue nobody has proposed', () => {
    given(toShadow())
      .when(commandFor(keyIssueAgreed('governance')))
      .then(rejected('TRUST.NOT_ALLOWED_NOW', 'key issue governance is open'));
  });

  it('accepts agreeing a proposed key issue', () => {
    given([...toShadow(), keyIssueProposed('governance')])
      .when(commandFor(keyIssueAgreed('governance')))
      .then([keyIssueAgreed('governance')]);
  });

  it('rejects agreeing a key issue dated before its proposal', () => {
    given([...toShadow(), keyIssueProposed('governance', '2009-03-01')])
      .when(commandFor(keyIssueAgreed('governance', '2009-02-01')))
      .then(rejected('TRUST.DATED_BEFORE_PREREQUISITE', 'governance was proposed'));
  });

  it('rejects a vesting day for an authority that is not new', () => {
    const vesting = event('VestingDayReached', { occurredAt: '2009-04-01' });
    given(toShadow()).when(commandFor(vesting)).then(rejected('TRUST.NOT_A_NEW_AUTHORITY'));
  });

  it('accepts the vesting day of a new authority, moving to vesting', () => {
    const events = toShadow(trustProposed({ newAuthority: true, vestingDay: '2009-04-01' }));
    const vesting = event('VestingDayReached', { occurredAt: '2009-04-01' });
    given(events).when(commandFor(vesting)).then([vesting]);
    expect(replay([...events, vesting]).phase).toBe('vesting');
  });

  it('rejects a vesting day recorded before the planned one', () => {
    const events = toShadow(trustProposed({ newAuthority: true, vestingDay: '2009-04-01' }));
    given(events)
      .when(commandFor(event('VestingDayReached', { occurredAt: '2009-03-01' })))
      .then(rejected('TRUST.DATED_BEFORE_PREREQUISITE', 'planned vesting day'));
  });

  it('does not offer inauguration while key issues are open', () => {
    expect(allowedCommands(replay(toShadow()))).not.toContain('InaugurateBoard');
    expect(allowedCommands(replay(toShadow()))).toContain('ProposeKeyIssue');
  });
});

describe('ready', () => {
  it('is the phase once all eight key issues are agreed', () => {
    expect(replay(toReady()).phase).toBe('ready');
    expect(allowedCommands(replay(toReady()))).toContain('InaugurateBoard');
  });

  it('returns to shadow when a key issue is reopened', () => {
    const reopened = event('KeyIssueReopened', {
      keyIssue: 'membership',
      reason: 'PCT merger',
      occurredAt: '2009-06-26',
    });
    given(toReady()).when(commandFor(reopened)).then([reopened]);
    expect(replay([...toReady(), reopened]).phase).toBe('shadow');
  });

  it('accepts inauguration when every condition holds', () => {
    given(toReady()).when(commandFor(inaugurated())).then([inaugurated()]);
  });

  it('rejects inauguration dated before the board was convened', () => {
    given(toReady())
      .when(commandFor(inaugurated('2009-01-01')))
      .then(rejected('TRUST.DATED_BEFORE_PREREQUISITE', 'implementation board was convened (2009-01-15)'));
  });
});

describe('operating', () => {
  it('is the phase after inauguration, with the plan at drafting', () => {
    const state = replay(toOperating());
    expect([state.phase, state.planStage]).toEqual(['operating', 'drafting']);
  });

  it('rejects key issue changes after inauguration', () => {
    given(toOperating())
      .when(commandFor(keyIssueProposed('governance', '2009-08-01')))
      .then(rejected('TRUST.NOT_ALLOWED_NOW', 'operating'));
  });
});
