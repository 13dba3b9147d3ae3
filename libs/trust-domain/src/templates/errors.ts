import { DomainError } from '../decider/errors';

export const TEMPLATE_ERROR_CODES = [
  'TEMPLATE.INVALID',
  'TEMPLATE.INVALID_FIELD',
  'TEMPLATE.DUPLICATE_KEY',
  'TEMPLATE.UNKNOWN_DEPENDENCY',
  'TEMPLATE.DEPENDENCY_CYCLE',
  'TEMPLATE.UNKNOWN_ANCHOR',
  'TEMPLATE.BAD_FALLBACK',
  'TEMPLATE.UNKNOWN_PHASE',
  'TEMPLATE.UNKNOWN_GATE',
  'TEMPLATE.UNKNOWN_EVENT_TYPE',
  'TEMPLATE.UNKNOWN_KEY_ISSUE',
  'TEMPLATE.UNKNOWN_DOCUMENT_KIND',
  'TEMPLATE.BAD_COMPLETION',
  'TEMPLATE.MISSING_ANCHOR',
  'TEMPLATE.BAD_DATE',
  'TEMPLATE.BAD_INSTANCE',
] as const;
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number];

/** One thing wrong with a template or with the anchors given to it. */
export interface TemplateProblem {
  readonly code: TemplateErrorCode;
  /** Where in the input, e.g. `milestones[3].dependsOn[0]` or `anchors.vesting-day`. */
  readonly path: string;
  readonly message: string;
  /** The culprit named: the unknown key, the duplicated key, or the cycle (`a → b → a`). */
  readonly subject?: string;
}

export type TemplateErrorDetails = {
  readonly problems: readonly TemplateProblem[];
};

/**
 * Every template failure: a DomainError with a stable `code`, listing in `details.problems` every
 * problem found, not just the first.
 */
export class TemplateError extends DomainError {
  declare readonly details: TemplateErrorDetails;

  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    details: TemplateErrorDetails,
  ) {
    super(message, details);
  }

  /** Throws when `problems` is not empty; the code is `code` if given, else the first problem's. */
  static throwIfAny(problems: readonly TemplateProblem[], summary: string, code?: TemplateErrorCode): void {
    if (problems.length === 0) return;
    const lines = problems.map((p) => `${p.path}: ${p.message}`);
    throw new TemplateError(code ?? problems[0].code, `${summary}:\n- ${lines.join('\n- ')}`, { problems });
  }
}
