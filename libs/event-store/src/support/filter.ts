import type { EventFilter } from '../port/event-store.port';

/** True when the event passes the filter: every given criterion must hold (prefixes OR'd, types OR'd). */
export function matchesFilter(filter: EventFilter | undefined, stream: string, type: string): boolean {
  if (!filter) return true;
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes && streamPrefixes.length > 0 && !streamPrefixes.some((p) => stream.startsWith(p)))
    return false;
  if (eventTypes && eventTypes.length > 0 && !eventTypes.includes(type)) return false;
  return true;
}
