import { replay } from '../decider/domain';
import { member, statutoryMembers, toShadow, trustProposed } from '../decider/fixtures';
import { DEFAULT_STATUTORY_RULES, rulesInForce, withStatutoryOverrides } from './rules';
import { membershipRegister } from './register';
import { missingStatutoryPartners } from './requirements';

describe('shadow: statutory membership', () => {
  it('applies the 2004 partners only, before the 2009 Act commencement', () => {
    const categories = rulesInForce(DEFAULT_STATUTORY_RULES, '2009-07-01', false).map((r) => r.category);
    expect(categories).toContain('probation-board');
    expect(categories).not.toContain('school');
    expect(categories).not.toContain('district-council');
  });

  it('adds schools, the Schools Forum, colleges and Jobcentre Plus from the commencement date', () => {
    const categories = rulesInForce(DEFAULT_STATUTORY_RULES, '2010-04-01', false).map((r) => r.category);
    expect(categories).toEqual(
      expect.arrayContaining([
        'school',
        'schools-forum',
        'sixth-form-college',
        'fe-college',
        'jobcentre-plus',
      ]),
    );
  });

  it('says where each date comes from, and when the seed papers do not give it', () => {
    for (const rule of DEFAULT_STATUTORY_RULES) expect(rule.source).toMatch(/\S/);
    const school = DEFAULT_STATUTORY_RULES.find((r) => r.category === 'school');
    expect(school?.source).toContain('give no commencement');
  });

  it('lets a council record that a partner ceased to exist', () => {
    const table = withStatutoryOverrides({ 'learning-and-skills-council': { appliesUntil: '2010-04-01' } });
    const categories = rulesInForce(table, '2010-06-01', false).map((r) => r.category);
    expect(categories).not.toContain('learning-and-skills-council');
  });

  it('needs each district council of a two-tier area; a unitary needs none', () => {
    const twoTier = replay([
      ...toShadow(trustProposed({ twoTierArea: true, districtCouncils: ['Dover', 'Swale'] })),
      ...statutoryMembers(),
    ]);
    expect(missingStatutoryPartners(DEFAULT_STATUTORY_RULES, twoTier, '2009-07-01').districtCouncils).toEqual(
      ['Dover', 'Swale'],
    );
    const unitary = replay([...toShadow(), ...statutoryMembers()]);
    expect(missingStatutoryPartners(DEFAULT_STATUTORY_RULES, unitary, '2009-07-01')).toEqual({
      categories: [],
      districtCouncils: [],
    });
  });

  it('keeps a register of who sits for each partner and since when, with empty statutory seats', () => {
    const state = replay([
      ...toShadow(),
      ...statutoryMembers('2009-01-20', ['connexions']),
      member('m-fire', 'fire-and-rescue', 'Fire Service', '2009-02-01'),
    ]);
    const register = membershipRegister(state, '2009-03-01');
    const fire = register.find((e) => e.partnerCategory === 'fire-and-rescue');
    expect(fire).toMatchObject({
      organisation: 'Fire Service',
      statutory: false,
      represented: true,
      seats: [{ memberId: 'm-fire', since: '2009-02-01' }],
    });
    expect(register.find((e) => e.partnerCategory === 'connexions')).toMatchObject({
      statutory: true,
      represented: false,
      seats: [],
    });
    expect(membershipRegister(state, '2009-01-25').some((e) => e.partnerCategory === 'fire-and-rescue')).toBe(
      false,
    );
  });
});
