/** Patches for the programme's milestones, including completion by the lifecycle events themselves. */
import type { TrustEvent, TrustEventOf } from '../../events/payloads';
import type { MilestoneRecord, TrustRecord } from './types';

type Patch = Partial<TrustRecord>;

export function milestoneScheduled(record: TrustRecord, { data }: TrustEventOf<'MilestoneScheduled'>): Patch {
  const { occurredAt, ...spec } = data;
  const milestone: MilestoneRecord = {
    ...spec,
    scheduledOn: occurredAt,
    forecastDue: spec.baselineDue,
    completedOn: null,
    completedByEvent: null,
    rebaselines: [],
  };
  return { milestones: { ...record.milestones, [spec.milestoneId]: milestone } };
}

export function milestoneRebaselined(
  record: TrustRecord,
  { data }: TrustEventOf<'MilestoneRebaselined'>,
): Patch {
  const milestone = record.milestones[data.milestoneId];
  if (!milestone) return {};
  const rebaseline = {
    from: milestone.forecastDue,
    to: data.newDue,
    reason: data.reason,
    approvedBy: data.approvedBy,
    on: data.occurredAt,
  };
  return {
    milestones: {
      ...record.milestones,
      [data.milestoneId]: {
        ...milestone,
        forecastDue: data.newDue,
        rebaselines: [...milestone.rebaselines, rebaseline],
      },
    },
  };
}

export function milestoneCompleted(record: TrustRecord, { data }: TrustEventOf<'MilestoneCompleted'>): Patch {
  const milestone = record.milestones[data.milestoneId];
  if (!milestone || milestone.completedOn !== null) return {};
  const completed = { ...milestone, completedOn: data.occurredAt, completedByEvent: 'manual' };
  return { milestones: { ...record.milestones, [data.milestoneId]: completed } };
}

function completes(milestone: MilestoneRecord, event: TrustEvent): boolean {
  const by = milestone.completedBy;
  if (!by || milestone.completedOn !== null || by.eventType !== event.type) return false;
  const data = event.data as { keyIssue?: string; kind?: string };
  return (
    (by.keyIssue === undefined || by.keyIssue === data.keyIssue) &&
    (by.documentKind === undefined || by.documentKind === data.kind)
  );
}

/**
 * Milestones whose `completedBy` matches the event complete on the event's day. Returns undefined
 * when none does, so the common case allocates nothing.
 */
export function autoComplete(
  milestones: Record<string, MilestoneRecord>,
  event: TrustEvent,
): Record<string, MilestoneRecord> | undefined {
  if (!typesThatComplete(milestones).has(event.type)) return undefined;
  let next: Record<string, MilestoneRecord> | undefined;
  for (const id in milestones) {
    const milestone = milestones[id] as MilestoneRecord;
    if (!completes(milestone, event)) continue;
    next ??= { ...milestones };
    next[id] = { ...milestone, completedOn: event.data.occurredAt, completedByEvent: event.type };
  }
  return next;
}

/**
 * The event types that could complete one of these milestones. Records are never mutated, so this
 * is worked out once per milestones object: most events (meetings, decisions) leave it unchanged and
 * need not look at every milestone.
 */
const completingTypes = new WeakMap<object, ReadonlySet<string>>();

function typesThatComplete(milestones: Record<string, MilestoneRecord>): ReadonlySet<string> {
  let types = completingTypes.get(milestones);
  if (types === undefined) {
    const found = new Set<string>();
    for (const id in milestones) {
      const m = milestones[id] as MilestoneRecord;
      if (m.completedOn === null && m.completedBy) found.add(m.completedBy.eventType);
    }
    types = found;
    completingTypes.set(milestones, types);
  }
  return types;
}
