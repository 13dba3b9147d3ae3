export interface CalendarConfig {
  /**
   * The address users reach the server at (e.g. behind a proxy), without a trailing slash: used for the
   * trust-page links inside events and for feed addresses. Absent: taken from the request's Host.
   */
  publicBaseUrl?: string;
  /** How long a calendar subscription token (and so a feed address) stays valid. */
  tokenTtlDays: number;
}

/** Where the calendar module's configuration is injected. */
export const CALENDAR_CONFIG = Symbol('CALENDAR_CONFIG');
