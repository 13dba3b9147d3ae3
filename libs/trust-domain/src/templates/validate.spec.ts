import { BUILT_IN_TEMPLATES, findTemplate } from './built-in';
import { TemplateError, type TemplateProblem } from './errors';
import { validateTemplate } from './validate';

/** A small user-defined template, as it might arrive as JSON. */
const userTemplate = () => ({
  id: 'my-trust',
  name: 'My trust',
  description: 'A user template',
  source: { document: 'Our own plan', section: 'Timetable' },
  anchors: [{ key: 'start', label: 'Start' }],
  phases: ['One'],
  gates: ['Cabinet'],
  milestones: [
    { key: 'a', title: 'A', owner: 'DCS', due: { anchor: 'start' } },
    {
      key: 'b',
      title: 'B',
      owner: 'DCS',
      due: { anchor: 'start', months: 1 },
      dependsOn: ['a'],
      phase: 'One',
    },
    {
      key: 'c',
      title: 'C',
      owner: 'DCS',
      due: { anchor: 'start', days: 10 },
      dependsOn: ['b'],
      gate: 'Cabinet',
      completedBy: { eventType: 'KeyIssueAgreed', keyIssue: 'governance' },
    },
  ],
});
type UserTemplate = ReturnType<typeof userTemplate>;

function problemsOf(input: unknown): TemplateProblem[] {
  try {
    validateTemplate(input);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).code).toBe('TEMPLATE.INVALID');
    return [...(error as TemplateError).details.problems];
  }
  throw new Error('expected the template to be rejected');
}

const withMilestones = (edit: (m: UserTemplate['milestones']) => unknown[]) => {
  const t = userTemplate();
  return { ...t, milestones: edit(t.milestones) };
};

describe('validateTemplate', () => {
  it.each(BUILT_IN_TEMPLATES.map((t) => [t.id, t] as const))(
    'accepts the built-in template %s',
    (_, template) => {
      expect(validateTemplate(template)).toEqual(template);
    },
  );

  it('accepts a user-defined template and returns a copy detached from the input', () => {
    const input = userTemplate();
    const template = validateTemplate(input);
    input.milestones[0].title = 'changed';
    expect(template.milestones[0].title).toBe('A');
    expect(template.milestones[0].dependsOn).toEqual([]);
  });

  it('keeps the built-ins frozen so no caller can change them for another', () => {
    const [first] = BUILT_IN_TEMPLATES;
    expect(() => ((first.milestones[0] as { title: string }).title = 'changed')).toThrow(TypeError);
    expect(Object.isFrozen(first.milestones[0].due)).toBe(true);
  });

  it('finds the built-ins by id and nothing else', () => {
    expect(findTemplate('haringey-childrens-trust')?.name).toMatch(/Haringey/);
    expect(findTemplate('nope')).toBeUndefined();
  });

  it('names the unknown dependency', () => {
    const problems = problemsOf(withMilestones((m) => [m[0], { ...m[1], dependsOn: ['a', 'ghost'] }, m[2]]));
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'TEMPLATE.UNKNOWN_DEPENDENCY',
        subject: 'ghost',
        path: 'milestones[1].dependsOn[1]',
      }),
    ]);
  });

  it('names the dependency cycle', () => {
    const problems = problemsOf(withMilestones((m) => [{ ...m[0], dependsOn: ['c'] }, m[1], m[2]]));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'TEMPLATE.DEPENDENCY_CYCLE', subject: 'a → c → b → a' }),
    ]);
  });

  it('names a milestone that depends on itself as a cycle', () => {
    const problems = problemsOf(withMilestones((m) => [{ ...m[0], dependsOn: ['a'] }, m[1], m[2]]));
    expect(problems.map((p) => p.subject)).toEqual(['a → a']);
  });

  it('rejects duplicate milestone and anchor keys', () => {
    const t = userTemplate();
    const problems = problemsOf({
      ...t,
      anchors: [...t.anchors, t.anchors[0]],
      milestones: [...t.milestones, t.milestones[0]],
    });
    expect(problems.map((p) => [p.code, p.subject])).toEqual([
      ['TEMPLATE.DUPLICATE_KEY', 'start'],
      ['TEMPLATE.DUPLICATE_KEY', 'a'],
    ]);
  });

  it('rejects an unknown anchor, phase and gate', () => {
    const problems = problemsOf(
      withMilestones((m) => [
        { ...m[0], due: { anchor: 'vesting-day' }, phase: 'Two', gate: 'Council' },
        m[1],
        m[2],
      ]),
    );
    expect(problems.map((p) => [p.code, p.subject])).toEqual([
      ['TEMPLATE.UNKNOWN_ANCHOR', 'vesting-day'],
      ['TEMPLATE.UNKNOWN_PHASE', 'Two'],
      ['TEMPLATE.UNKNOWN_GATE', 'Council'],
    ]);
  });

  it('rejects completions outside the shared vocabulary', () => {
    const problems = problemsOf(
      withMilestones((m) => [
        { ...m[0], completedBy: { eventType: 'BoardDissolved' } },
        { ...m[1], completedBy: { eventType: 'KeyIssueAgreed', keyIssue: 'catering' } },
        { ...m[2], completedBy: { eventType: 'GovernanceDocumentAdopted', documentKind: 'memo' } },
      ]),
    );
    expect(problems.map((p) => [p.code, p.subject])).toEqual([
      ['TEMPLATE.UNKNOWN_EVENT_TYPE', 'BoardDissolved'],
      ['TEMPLATE.UNKNOWN_KEY_ISSUE', 'catering'],
      ['TEMPLATE.UNKNOWN_DOCUMENT_KIND', 'memo'],
    ]);
  });

  it('rejects a key issue on an event that is not about key issues, and milestone events as completions', () => {
    const problems = problemsOf(
      withMilestones((m) => [
        { ...m[0], completedBy: { eventType: 'BoardInaugurated', keyIssue: 'governance' } },
        { ...m[1], completedBy: { eventType: 'MilestoneCompleted' } },
        m[2],
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['TEMPLATE.BAD_COMPLETION', 'milestones[0].completedBy.keyIssue'],
      ['TEMPLATE.BAD_COMPLETION', 'milestones[1].completedBy.eventType'],
    ]);
  });

  it('rejects a fallback anchor that is unknown or itself optional', () => {
    const t = userTemplate();
    const anchors = [
      ...t.anchors,
      { key: 'later', label: 'Later', fallback: { anchor: 'start', days: 7 } },
      { key: 'even-later', label: 'Even later', fallback: { anchor: 'later' } },
      { key: 'lost', label: 'Lost', fallback: { anchor: 'nowhere' } },
    ];
    expect(problemsOf({ ...t, anchors }).map((p) => [p.code, p.subject])).toEqual([
      ['TEMPLATE.BAD_FALLBACK', 'later'],
      ['TEMPLATE.UNKNOWN_ANCHOR', 'nowhere'],
    ]);
  });

  it('lists every structural problem at once', () => {
    const problems = problemsOf({
      id: 'Not Kebab',
      name: '',
      source: 'paper',
      anchors: [],
      milestones: [{ key: 'x', title: 'X', due: { anchor: 'start', months: 1.5, endOfMonth: 'yes' } }, 'y'],
    });
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'id',
        'name',
        'description',
        'source',
        'source.document',
        'source.section',
        'milestones[0].owner',
        'milestones[0].due.months',
        'milestones[0].due.endOfMonth',
        'milestones[1]',
        'milestones[1].key',
        'milestones[1].title',
        'milestones[1].owner',
        'milestones[1].due',
        'milestones[1].due.anchor',
        'anchors',
        'milestones[0].due.anchor',
      ].sort(),
    );
  });

  it('rejects input that is not an object', () => {
    expect(problemsOf(null)[0]).toMatchObject({ path: '(template)', message: 'must be an object' });
  });
});
