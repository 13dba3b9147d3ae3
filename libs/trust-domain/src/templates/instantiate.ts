import type { CalendarDate, MilestoneSpec } from '../vocabulary';
import {
  addDays,
  addMonths,
  endOfMonth,
  formatCalendarDate,
  isInRange,
  parseCalendarDate,
  type CivilDate,
} from './calendar';
import { TemplateError } from './errors';
import { KEY_PATTERN, problem, type Problems } from './read';
import type { DueOffset, MilestoneTemplate, ProgrammeTemplate, TemplateAnchor } from './types';
import { validateTemplate } from './validate';

export interface InstantiateOptions {
  /**
   * Set when one trust runs the same template more than once (e.g. a second plan cycle):
   * it becomes part of every milestoneId so the two runs never collide. Kebab-case.
   */
  readonly instance?: string;
}

/** `<templateId>:<key>`, or `<templateId>:<instance>:<key>`: stable, so replaying a stream gives the same ids. */
export function milestoneIdFor(templateId: string, key: string, instance?: string): string {
  return instance === undefined ? `${templateId}:${key}` : `${templateId}:${instance}:${key}`;
}

/** The due date an offset gives from an anchor date: months (clamped), then end of month, then days. */
export function applyOffset(anchor: CivilDate, offset: Omit<DueOffset, 'anchor'>): CivilDate {
  const shifted = addMonths(anchor, offset.months ?? 0);
  return addDays(offset.endOfMonth ? endOfMonth(shifted) : shifted, offset.days ?? 0);
}

/**
 * The template's milestones, scheduled from the given anchor dates, in template order.
 * Validates the template first ('TEMPLATE.INVALID'); then throws 'TEMPLATE.MISSING_ANCHOR',
 * 'TEMPLATE.UNKNOWN_ANCHOR', 'TEMPLATE.BAD_DATE' or 'TEMPLATE.BAD_INSTANCE' (the first problem's
 * code; `details.problems` lists them all). Pure: the same input always gives the same output.
 */
export function instantiateTemplate(
  template: ProgrammeTemplate,
  anchors: Readonly<Record<string, CalendarDate>>,
  options: InstantiateOptions = {},
): MilestoneSpec[] {
  const checked = validateTemplate(template);
  const problems: Problems = [];
  if (options.instance !== undefined && !KEY_PATTERN.test(options.instance)) {
    problem(
      problems,
      'options.instance',
      `'${options.instance}' must be kebab-case`,
      'TEMPLATE.BAD_INSTANCE',
    );
  }
  const dates = resolveAnchors(checked, anchors, problems);
  const specs = checked.milestones.map((m) => toSpec(checked, m, dates, options.instance, problems));
  TemplateError.throwIfAny(problems, `Cannot instantiate template '${checked.id}'`);
  return specs;
}

/** The date of every anchor: as given, or from its fallback. Records unknown, missing and bad anchors. */
function resolveAnchors(
  template: ProgrammeTemplate,
  given: Readonly<Record<string, CalendarDate>>,
  problems: Problems,
): Map<string, CivilDate> {
  const known = new Set(template.anchors.map((a) => a.key));
  for (const key of Object.keys(given).filter((k) => !known.has(k))) {
    const message = `template '${template.id}' has no anchor '${key}'`;
    problem(problems, `anchors.${key}`, message, 'TEMPLATE.UNKNOWN_ANCHOR', key);
  }
  const dates = new Map<string, CivilDate>();
  for (const anchor of template.anchors) {
    const date = readAnchorDate(anchor, given, problems);
    if (date) dates.set(anchor.key, date);
  }
  for (const { key, fallback } of template.anchors) {
    const base = fallback && !dates.has(key) ? dates.get(fallback.anchor) : undefined;
    if (fallback && base) dates.set(key, applyOffset(base, fallback));
  }
  return dates;
}

function readAnchorDate(
  anchor: TemplateAnchor,
  given: Readonly<Record<string, CalendarDate>>,
  problems: Problems,
): CivilDate | undefined {
  const path = `anchors.${anchor.key}`;
  const value = Object.prototype.hasOwnProperty.call(given, anchor.key) ? given[anchor.key] : undefined;
  if (value === undefined) {
    const message = `missing anchor '${anchor.key}' (${anchor.label})`;
    if (!anchor.fallback) problem(problems, path, message, 'TEMPLATE.MISSING_ANCHOR', anchor.key);
    return undefined;
  }
  const date = parseCalendarDate(value);
  if (!date)
    problem(problems, path, `'${String(value)}' is not a YYYY-MM-DD date`, 'TEMPLATE.BAD_DATE', anchor.key);
  return date;
}

function toSpec(
  template: ProgrammeTemplate,
  m: MilestoneTemplate,
  dates: ReadonlyMap<string, CivilDate>,
  instance: string | undefined,
  problems: Problems,
): MilestoneSpec {
  const anchor = dates.get(m.due.anchor);
  const due = anchor && applyOffset(anchor, m.due);
  if (due && !isInRange(due)) {
    problem(
      problems,
      `milestones.${m.key}`,
      `due date falls outside years 0001-9999`,
      'TEMPLATE.BAD_DATE',
      m.key,
    );
  }
  const spec: MilestoneSpec = {
    milestoneId: milestoneIdFor(template.id, m.key, instance),
    title: m.title,
    owner: m.owner,
    baselineDue: due && isInRange(due) ? formatCalendarDate(due) : '',
    dependsOn: m.dependsOn.map((key) => milestoneIdFor(template.id, key, instance)),
    templateId: template.id,
  };
  if (m.completedBy) spec.completedBy = { ...m.completedBy };
  if (m.phase !== undefined) spec.phase = m.phase;
  if (m.gate !== undefined) spec.gate = m.gate;
  return spec;
}
