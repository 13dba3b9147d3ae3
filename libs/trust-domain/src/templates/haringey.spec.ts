import { HARINGEY_CHILDRENS_TRUST as template } from './haringey';
import { instantiateTemplate } from './instantiate';
import { validateTemplate } from './validate';

const PAPER_ANCHORS = { 'first-trust-meeting': '2009-07-13' };
const instantiate = (anchors: Record<string, string> = PAPER_ANCHORS) =>
  instantiateTemplate(template, anchors);

describe('Haringey three phases (seed 002)', () => {
  it('validates as a template', () => {
    expect(validateTemplate(template)).toEqual(template);
  });

  it('passes each phase through CYPSB, HSP PMG, Cabinet and HSP on the paper dates, in order', () => {
    const gates = instantiate()
      .filter((s) => s.gate !== undefined && s.completedBy === undefined)
      .map((s) => [s.phase?.slice(0, 7), s.gate, s.baselineDue]);
    expect(gates).toEqual([
      ['Phase 1', 'CYPSB', '2009-04-07'],
      ['Phase 1', 'HSP PMG', '2009-04-09'],
      ['Phase 1', 'Cabinet', '2009-04-21'],
      ['Phase 1', 'HSP', '2009-04-27'],
      ['Phase 2', 'CYPSB', '2009-05-19'],
      ['Phase 2', 'HSP PMG', '2009-06-01'],
      ['Phase 2', 'Cabinet', '2009-06-16'],
      ['Phase 2', 'HSP', '2009-06-23'],
    ]);
  });

  it('makes each gate wait for the previous committee', () => {
    const specs = instantiate();
    const gated = specs.filter((s) => s.gate !== undefined && s.completedBy === undefined);
    gated.slice(1).forEach((spec, i) => expect(spec.dependsOn).toEqual([gated[i].milestoneId]));
  });

  it('agrees governance, membership and sub-group framework at the HSP on 23 June 2009', () => {
    const agreed = instantiate().filter((s) => s.completedBy?.eventType === 'KeyIssueAgreed');
    expect(agreed.map((s) => [s.completedBy?.keyIssue, s.gate, s.baselineDue])).toEqual([
      ['governance', 'HSP', '2009-06-23'],
      ['membership', 'HSP', '2009-06-23'],
      ['delivery-structure', 'HSP', '2009-06-23'],
    ]);
  });

  it("holds the first Children's Trust meeting on 13 July 2009, completed by BoardInaugurated", () => {
    const meeting = instantiate().find(
      (s) => s.milestoneId === 'haringey-childrens-trust:first-trust-meeting',
    );
    expect(meeting).toMatchObject({
      baselineDue: '2009-07-13',
      completedBy: { eventType: 'BoardInaugurated' },
    });
  });

  it('places the TBA executive group and sub-groups at the first meeting until their dates are given', () => {
    const due = (anchors?: Record<string, string>) =>
      instantiate(anchors)
        .filter((s) => /executive-group|sub-groups/.test(s.milestoneId))
        .map((s) => s.baselineDue);
    expect(due()).toEqual(['2009-07-13', '2009-07-13']);
    expect(
      due({ ...PAPER_ANCHORS, 'executive-group-meeting': '2009-09-14', 'sub-groups-meeting': '2009-10-05' }),
    ).toEqual(['2009-09-14', '2009-10-05']);
  });
});
