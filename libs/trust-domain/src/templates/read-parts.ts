import {
  GOVERNANCE_DOCUMENT_KINDS,
  KEY_ISSUES,
  TRUST_EVENT_TYPES,
  type MilestoneCompletion,
  type TrustEventType,
} from '../vocabulary';
import type { TemplateErrorCode } from './errors';
import {
  problem,
  readInteger,
  readKey,
  readObject,
  readOptionalBoolean,
  readOptionalString,
  readString,
  readStringList,
  type Problems,
} from './read';
import type { DueOffset, MilestoneTemplate, TemplateAnchor } from './types';

/** Events that schedule or complete milestones themselves cannot be what completes one. */
const NOT_COMPLETIONS: readonly TrustEventType[] = [
  'MilestoneScheduled',
  'MilestoneRebaselined',
  'MilestoneCompleted',
];

export function readDueOffset(value: unknown, path: string, problems: Problems): DueOffset {
  const obj = readObject(value, path, problems);
  const due: { -readonly [K in keyof DueOffset]: DueOffset[K] } = {
    anchor: readKey(obj, 'anchor', path, problems),
  };
  const months = readInteger(obj, 'months', path, problems);
  const days = readInteger(obj, 'days', path, problems);
  const endOfMonth = readOptionalBoolean(obj, 'endOfMonth', path, problems);
  if (months !== undefined) due.months = months;
  if (days !== undefined) due.days = days;
  if (endOfMonth !== undefined) due.endOfMonth = endOfMonth;
  return due;
}

function readMember<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  code: TemplateErrorCode,
  problems: Problems,
): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problem(
    problems,
    path,
    `unknown value '${String(value)}' (expected one of: ${allowed.join(', ')})`,
    code,
    String(value),
  );
  return undefined;
}

/** The fields that narrow a completion, each valid only on events whose type starts with `events`. */
const QUALIFIERS = [
  { field: 'keyIssue', allowed: KEY_ISSUES, code: 'TEMPLATE.UNKNOWN_KEY_ISSUE', events: 'KeyIssue' },
  {
    field: 'documentKind',
    allowed: GOVERNANCE_DOCUMENT_KINDS,
    code: 'TEMPLATE.UNKNOWN_DOCUMENT_KIND',
    events: 'GovernanceDocument',
  },
] as const;

export function readCompletion(
  value: unknown,
  path: string,
  problems: Problems,
): MilestoneCompletion | undefined {
  const obj = readObject(value, path, problems);
  const at = `${path}.eventType`;
  const eventType = readMember(obj.eventType, TRUST_EVENT_TYPES, at, 'TEMPLATE.UNKNOWN_EVENT_TYPE', problems);
  if (eventType && NOT_COMPLETIONS.includes(eventType)) {
    problem(problems, at, `${eventType} cannot complete a milestone`, 'TEMPLATE.BAD_COMPLETION', eventType);
  }
  const qualifiers: Partial<Record<(typeof QUALIFIERS)[number]['field'], string>> = {};
  for (const { field, allowed, code, events } of QUALIFIERS) {
    if (obj[field] === undefined) continue;
    const qualifier = readMember<string>(obj[field], allowed, `${path}.${field}`, code, problems);
    if (qualifier) qualifiers[field] = qualifier;
    if (eventType && !eventType.startsWith(events)) {
      const message = `${field} does not apply to ${eventType}`;
      problem(problems, `${path}.${field}`, message, 'TEMPLATE.BAD_COMPLETION', eventType);
    }
  }
  return eventType && ({ eventType, ...qualifiers } as MilestoneCompletion);
}

export function readAnchor(value: unknown, path: string, problems: Problems): TemplateAnchor {
  const obj = readObject(value, path, problems);
  const anchor = {
    key: readKey(obj, 'key', path, problems),
    label: readString(obj, 'label', path, problems),
  };
  if (obj.fallback === undefined) return anchor;
  return { ...anchor, fallback: readDueOffset(obj.fallback, `${path}.fallback`, problems) };
}

export function readMilestone(value: unknown, path: string, problems: Problems): MilestoneTemplate {
  const obj = readObject(value, path, problems);
  const milestone: { -readonly [K in keyof MilestoneTemplate]: MilestoneTemplate[K] } = {
    key: readKey(obj, 'key', path, problems),
    title: readString(obj, 'title', path, problems),
    owner: readString(obj, 'owner', path, problems),
    due: readDueOffset(obj.due, `${path}.due`, problems),
    dependsOn: readStringList(obj, 'dependsOn', path, problems),
  };
  if (obj.completedBy !== undefined) {
    const completedBy = readCompletion(obj.completedBy, `${path}.completedBy`, problems);
    if (completedBy) milestone.completedBy = completedBy;
  }
  for (const field of ['phase', 'gate', 'source'] as const) {
    const text = readOptionalString(obj, field, path, problems);
    if (text !== undefined) milestone[field] = text;
  }
  return milestone;
}
