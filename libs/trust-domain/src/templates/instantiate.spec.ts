import { DomainError } from '../decider/errors';
import { CHESHIRE_EAST_DAY_1_YEAR_1 as cheshire } from './cheshire-east';
import { TemplateError } from './errors';
import { instantiateTemplate, milestoneIdFor } from './instantiate';
import type { ProgrammeTemplate } from './types';

const ANCHORS = { approval: '2008-10-01', 'vesting-day': '2009-04-01' };

function errorOf(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('instantiateTemplate', () => {
  it('derives milestone ids from the template id and key, the same every time', () => {
    const specs = instantiateTemplate(cheshire, ANCHORS);
    expect(specs[0].milestoneId).toBe('cheshire-east-day-1-year-1:approval-to-proceed');
    expect(instantiateTemplate(cheshire, ANCHORS)).toEqual(specs);
    expect(new Set(specs.map((s) => s.milestoneId)).size).toBe(specs.length);
  });

  it('maps dependencies to milestone ids within the same instantiation and sets the template id', () => {
    const specs = instantiateTemplate(cheshire, ANCHORS);
    const ids = new Set(specs.map((s) => s.milestoneId));
    for (const spec of specs) {
      expect(spec.templateId).toBe(cheshire.id);
      spec.dependsOn.forEach((dep) => expect(ids.has(dep)).toBe(true));
    }
  });

  it('puts the instance into every id so one trust can run a template twice', () => {
    const specs = instantiateTemplate(cheshire, ANCHORS, { instance: 'second-run' });
    expect(specs[1]).toMatchObject({
      milestoneId: milestoneIdFor(cheshire.id, 'facilitator-identified', 'second-run'),
      dependsOn: ['cheshire-east-day-1-year-1:second-run:approval-to-proceed'],
    });
  });

  it('rejects a missing anchor, naming it, as a DomainError with a stable code', () => {
    const error = errorOf(() => instantiateTemplate(cheshire, { approval: '2008-10-01' }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('TemplateError');
    expect(error.toJSON()).toMatchObject({
      code: 'TEMPLATE.MISSING_ANCHOR',
      details: { problems: [{ path: 'anchors.vesting-day' }] },
    });
    expect(error.message).toMatch(/vesting-day/);
    expect(error.details.problems).toEqual([expect.objectContaining({ subject: 'vesting-day' })]);
  });

  it.each(['2009-02-29', '2009-4-1', '01/04/2009', '2009-13-01', '0000-01-01'])(
    'rejects the anchor date %s',
    (date) => {
      const error = errorOf(() => instantiateTemplate(cheshire, { ...ANCHORS, 'vesting-day': date }));
      expect(error.code).toBe('TEMPLATE.BAD_DATE');
    },
  );

  it('rejects an anchor the template does not have, so a typo is not silently ignored', () => {
    const error = errorOf(() => instantiateTemplate(cheshire, { ...ANCHORS, vesting_day: '2009-04-01' }));
    expect(error.details.problems).toEqual([
      expect.objectContaining({ code: 'TEMPLATE.UNKNOWN_ANCHOR', subject: 'vesting_day' }),
    ]);
  });

  it('rejects a due date beyond year 9999', () => {
    const error = errorOf(() => instantiateTemplate(cheshire, { ...ANCHORS, 'vesting-day': '9999-06-01' }));
    expect(error.code).toBe('TEMPLATE.BAD_DATE');
    expect(error.details.problems.map((p) => p.subject)).toContain('children-plan-approved');
  });

  it('rejects a bad instance name', () => {
    expect(errorOf(() => instantiateTemplate(cheshire, ANCHORS, { instance: 'Run 2' })).code).toBe(
      'TEMPLATE.BAD_INSTANCE',
    );
  });

  it('validates the template before scheduling it', () => {
    const broken = {
      ...cheshire,
      milestones: [{ ...cheshire.milestones[1], dependsOn: ['ghost'] }],
    } as ProgrammeTemplate;
    expect(errorOf(() => instantiateTemplate(broken, ANCHORS)).code).toBe('TEMPLATE.INVALID');
  });

  it('applies months, then end of month, then days', () => {
    const template: ProgrammeTemplate = {
      ...cheshire,
      anchors: [{ key: 'start', label: 'Start' }],
      phases: undefined,
      milestones: [
        { key: 'clamped', title: 'T', owner: 'O', dependsOn: [], due: { anchor: 'start', months: 1 } },
        {
          key: 'eom-plus-day',
          title: 'T',
          owner: 'O',
          dependsOn: [],
          due: { anchor: 'start', months: 1, endOfMonth: true, days: 1 },
        },
        {
          key: 'back',
          title: 'T',
          owner: 'O',
          dependsOn: [],
          due: { anchor: 'start', months: -1, days: -31 },
        },
      ],
    };
    expect(instantiateTemplate(template, { start: '2008-01-31' }).map((s) => s.baselineDue)).toEqual([
      '2008-02-29',
      '2008-03-01',
      '2007-11-30',
    ]);
  });
});
