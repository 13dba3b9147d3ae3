import { ApiError } from '@trustworks/platform';
import type { Cut } from './as-of';
import { isDateOnly, londonDate, londonEndOfDay, londonStartOfDay } from '@trustworks/platform';

/**
 * The cut a state query asks for. A date alone means the whole of that day in England: "as recorded
 * on 31 March" includes what was typed in at 23:30 BST that evening.
 */
export function cutOf(query: { asOf?: string; revision?: number; basis?: 'recorded' | 'occurred' }): Cut {
  if ((query.asOf === undefined) === (query.revision === undefined)) {
    throw ApiError.badRequest(
      'BAD_TIME_TRAVEL',
      'Give exactly one of asOf (a date or date-time) or revision.',
      {
        fields: { asOf: query.asOf ?? null, revision: query.revision ?? null },
      },
    );
  }
  if (query.revision !== undefined) return { basis: 'revision', upTo: query.revision };
  const asOf = query.asOf as string;
  if ((query.basis ?? 'recorded') === 'occurred') {
    return { basis: 'occurred', onOrBefore: isDateOnly(asOf) ? asOf : londonDate(instant(asOf)) };
  }
  return { basis: 'recorded', before: isDateOnly(asOf) ? londonEndOfDay(asOf) : afterInstant(asOf) };
}

/** A window `[from, to]` of whole days in England (or exact instants), as [start, exclusive end). */
export function windowOf(from: string, to: string): { start: Date; end: Date } {
  const start = isDateOnly(from) ? londonStartOfDay(from) : instant(from);
  const end = isDateOnly(to) ? londonEndOfDay(to) : afterInstant(to);
  if (end.getTime() <= start.getTime()) {
    throw ApiError.badRequest('BAD_WINDOW', `"to" (${to}) must not be before "from" (${from}).`);
  }
  return { start, end };
}

function instant(value: string): Date {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw ApiError.badRequest('BAD_DATE', `"${value}" is not a date or time.`);
  return parsed;
}

/** An instant given by the caller is included: the cut is the next millisecond. */
function afterInstant(value: string): Date {
  return new Date(instant(value).getTime() + 1);
}
