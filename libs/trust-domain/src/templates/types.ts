import type { MilestoneCompletion } from '../vocabulary';

/**
 * When a milestone falls due, relative to an anchor date the user supplies at instantiation.
 * Applied in this order: add `months` (a day past the month's end is clamped to its last day),
 * then snap to the month's last day if `endOfMonth`, then add `days`.
 * `endOfMonth` is for papers that give only a month ("June 2009"): the milestone is due by its end.
 */
export interface DueOffset {
  readonly anchor: string;
  readonly months?: number;
  readonly days?: number;
  readonly endOfMonth?: boolean;
}

/** Which council paper a built-in template comes from, and where in it. */
export interface TemplateSource {
  readonly document: string;
  readonly section: string;
}

/**
 * A date the programme hangs from (approval, vesting day, first trust meeting...).
 * An anchor with a `fallback` is optional: if the user gives no date, it is computed from another
 * anchor, which must itself have no fallback. Used where a paper leaves a date "TBA".
 */
export interface TemplateAnchor {
  readonly key: string;
  readonly label: string;
  readonly fallback?: DueOffset;
}

export interface MilestoneTemplate {
  /** Kebab-case, unique within the template; the milestoneId is derived from it. */
  readonly key: string;
  readonly title: string;
  /** A role from the paper, e.g. "Strategic Director People (DCS)". */
  readonly owner: string;
  readonly due: DueOffset;
  /** Keys of milestones in the same template that must complete first. */
  readonly dependsOn: readonly string[];
  /** The lifecycle event that completes it; absent means it is completed manually. */
  readonly completedBy?: Readonly<MilestoneCompletion>;
  /** One of the template's `phases`. */
  readonly phase?: string;
  /** One of the template's `gates`: the committee that must pass it. */
  readonly gate?: string;
  /** Where in the paper this milestone and its date come from. */
  readonly source?: string;
}

export interface ProgrammeTemplate {
  /** Kebab-case; prefixes every milestoneId the template produces. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: TemplateSource;
  readonly anchors: readonly TemplateAnchor[];
  /** The programme's phases, in order. */
  readonly phases?: readonly string[];
  /** The committees a milestone may have to pass, in the order a paper goes through them. */
  readonly gates?: readonly string[];
  readonly milestones: readonly MilestoneTemplate[];
}
