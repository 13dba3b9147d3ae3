import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { CalendarEntry } from '../domain/calendar-entry';

export interface FeedHeader {
  name: string;
  description: string;
}

const DAY_MS = 86_400_000;

/**
 * The entries as an iCalendar document (RFC 5545) for a subscription: all-day events (VALUE=DATE, a
 * calendar day in England with no time zone to convert), transparent so milestones never block
 * free/busy time, and a refresh hint of an hour for clients that honour one.
 */
export function icalFeed(header: FeedHeader, entries: CalendarEntry[], stamp: Date): string {
  const calendar = ical({
    name: header.name,
    description: header.description,
    prodId: { company: 'Trustworks', product: 'milestones', language: 'EN' },
    ttl: 3600,
  });
  for (const entry of entries) {
    const start = new Date(`${entry.date}T00:00:00Z`);
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      stamp,
      start,
      end: new Date(start.getTime() + DAY_MS),
      allDay: true,
      summary: entry.summary,
      description: entry.description,
      url: entry.url,
      status: ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
      categories: entry.categories.map((name) => ({ name })),
    });
  }
  return calendar.toString();
}
