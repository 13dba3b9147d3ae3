import { DUDLEY_CYPP_2008_11 as template } from './dudley';
import { instantiateTemplate } from './instantiate';
import { validateTemplate } from './validate';

const PAPER_ANCHORS = {
  'stakeholder-conference': '2007-10-09',
  'select-committee': '2007-11-15',
  publication: '2008-01-01',
};
const due = () =>
  Object.fromEntries(
    instantiateTemplate(template, PAPER_ANCHORS).map((s) => [s.milestoneId.split(':')[1], s.baselineDue]),
  );

describe('Dudley CYPP 2008-11 (seed 003)', () => {
  it('validates as a template', () => {
    expect(validateTemplate(template)).toEqual(template);
  });

  it('publishes the new plan in January 2008, completed by PlanPublished', () => {
    const published = instantiateTemplate(template, PAPER_ANCHORS).find((s) =>
      s.milestoneId.endsWith(':plan-published'),
    );
    expect(published).toMatchObject({
      baselineDue: '2008-01-31',
      completedBy: { eventType: 'PlanPublished' },
    });
  });

  it("holds the stakeholder conference on 9 October and the children's conferences on 22 and 25 October", () => {
    expect(due()).toMatchObject({
      'stakeholder-conference': '2007-10-09',
      'children-conference-1': '2007-10-22',
      'children-conference-2': '2007-10-25',
    });
  });

  it('finishes the needs assessment in November and production in January, before publication', () => {
    expect(due()).toMatchObject({
      'needs-assessment': '2007-11-30',
      'plan-production': '2008-01-31',
      'plan-summary': '2008-01-31',
    });
  });

  it('takes the draft plan to the Select Committee on 15 November 2007', () => {
    const draft = instantiateTemplate(template, PAPER_ANCHORS).find((s) =>
      s.milestoneId.endsWith(':draft-plan-to-select-committee'),
    );
    expect(draft).toMatchObject({
      baselineDue: '2007-11-15',
      gate: "Select Committee on Children's Services",
    });
  });
});
