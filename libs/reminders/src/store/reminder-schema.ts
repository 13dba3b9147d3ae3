/**
 * The reminders projection: what is scheduled (from the trusts' events and settings), what was
 * issued and how each delivery stands (from the reminders' own events). It is a cache of the
 * events, rebuilt from them at will; `next_at` is the one column the dispatcher reads to find the
 * due set, so it carries the index.
 */
/** Bump when the tables change: a projection at another version is dropped and rebuilt from the events. */
export const REMINDER_TABLES_VERSION = 2;

export const REMINDER_TABLES = ['checkpoints', 'settings', 'schedule', 'issued', 'deliveries'];

export const REMINDER_SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS settings (
  trust_id TEXT PRIMARY KEY,
  authority TEXT NOT NULL,
  json TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS schedule (
  schedule_id TEXT PRIMARY KEY,
  trust_id TEXT NOT NULL,
  authority TEXT NOT NULL,
  trust_name TEXT NOT NULL,
  rule TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  subject_title TEXT NOT NULL,
  subject_date TEXT NOT NULL,
  lead_days INTEGER NOT NULL,
  remind_on TEXT NOT NULL,
  due_at TEXT NOT NULL,
  expires_at TEXT,
  every_days INTEGER,
  send_hour INTEGER NOT NULL,
  recipients TEXT NOT NULL,
  /** The next occurrence's London day and instant; NULL when nothing more is to be issued. */
  next_on TEXT,
  next_at TEXT,
  /** Set for a snooze: the reminder it brings back. */
  snoozed_key TEXT
);
CREATE INDEX IF NOT EXISTS schedule_next_at ON schedule (next_at, schedule_id) WHERE next_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS schedule_expiry ON schedule (expires_at) WHERE next_at IS NOT NULL AND expires_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS schedule_trust ON schedule (trust_id);

CREATE TABLE IF NOT EXISTS issued (
  key TEXT PRIMARY KEY,
  schedule_id TEXT NOT NULL,
  trust_id TEXT NOT NULL,
  authority TEXT NOT NULL,
  trust_name TEXT NOT NULL,
  rule TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  subject_title TEXT NOT NULL,
  subject_date TEXT NOT NULL,
  occurrence TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  recipients TEXT NOT NULL,
  unaddressed TEXT NOT NULL,
  escalated INTEGER NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  acknowledged_by_name TEXT,
  acknowledged_note TEXT,
  snoozed_until TEXT,
  snooze_note TEXT,
  stream_revision INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS issued_schedule ON issued (schedule_id, occurrence);
CREATE INDEX IF NOT EXISTS issued_subject ON issued (trust_id, subject_id);
CREATE INDEX IF NOT EXISTS issued_authority ON issued (authority, issued_at);

CREATE TABLE IF NOT EXISTS deliveries (
  key TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  target TEXT NOT NULL,
  /** pending (attempt under way or due), delivered, failed (a retry is due at next_attempt_at), abandoned. */
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT,
  response TEXT,
  next_attempt_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (key, delivery_id)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
`;
