import type Database from 'better-sqlite3';

/** Every statement the reminders projection runs, prepared once. */
export function statements(db: Database.Database) {
  return {
    checkpoint: db.prepare('SELECT position FROM checkpoints WHERE name = ?').pluck(),
    setCheckpoint: db.prepare(
      'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
    ),
    settings: db.prepare('SELECT json FROM settings WHERE trust_id = ?').pluck(),
    putSettings: db.prepare('INSERT OR REPLACE INTO settings (trust_id, authority, json) VALUES (?, ?, ?)'),
    deleteSchedule: db.prepare('DELETE FROM schedule WHERE trust_id = ? AND snoozed_key IS NULL'),
    deleteScheduleEntry: db.prepare('DELETE FROM schedule WHERE schedule_id = ? AND snoozed_key IS NULL'),
    insertSchedule: db.prepare(`INSERT OR REPLACE INTO schedule
      (schedule_id, trust_id, authority, trust_name, rule, subject_id, subject_title, subject_date, lead_days,
       remind_on, due_at, expires_at, every_days, send_hour, recipients, next_on, next_at, snoozed_key)
      VALUES (@scheduleId, @trustId, @authority, @trustName, @rule, @subjectId, @subjectTitle, @subjectDate,
       @leadDays, @remindOn, @dueAt, @expiresAt, @everyDays, @sendHour, @recipients, @nextOn, @nextAt, @snoozedKey)`),
    scheduleRow: db.prepare('SELECT * FROM schedule WHERE schedule_id = ?'),
    lastIssued: db.prepare('SELECT MAX(occurrence) FROM issued WHERE schedule_id = ?').pluck(),
    setNext: db.prepare('UPDATE schedule SET next_on = ?, next_at = ? WHERE schedule_id = ?'),
    expire: db.prepare(`UPDATE schedule SET next_on = NULL, next_at = NULL
      WHERE expires_at <= @now AND next_at IS NOT NULL AND expires_at IS NOT NULL`),
    due: db.prepare(`SELECT * FROM schedule
      WHERE next_at IS NOT NULL AND next_at <= @now AND (expires_at IS NULL OR expires_at > @now)
      ORDER BY next_at, schedule_id LIMIT @limit`),
    upcoming: db.prepare(`SELECT * FROM schedule
      WHERE trust_id = @trustId AND next_at IS NOT NULL AND (expires_at IS NULL OR expires_at > @now)
      ORDER BY next_at, schedule_id LIMIT @limit`),
    nextDue: db.prepare('SELECT MIN(next_at) FROM schedule WHERE next_at IS NOT NULL').pluck(),
    nextDelivery: db
      .prepare(
        "SELECT MIN(next_attempt_at) FROM deliveries WHERE next_attempt_at IS NOT NULL AND status IN ('pending', 'failed')",
      )
      .pluck(),
    insertIssued: db.prepare(`INSERT OR IGNORE INTO issued
      (key, schedule_id, trust_id, authority, trust_name, rule, subject_id, subject_title, subject_date, occurrence,
       issued_at, recipients, unaddressed, escalated, stream_revision)
      VALUES (@key, @scheduleId, @trustId, @authority, @trustName, @rule, @subjectId, @subjectTitle, @subjectDate,
       @occurrence, @issuedAt, @recipients, @unaddressed, @escalated, @revision)`),
    insertDelivery: db.prepare(`INSERT OR IGNORE INTO deliveries
      (key, delivery_id, channel, target, status, attempts, last_error, response, next_attempt_at, updated_at)
      VALUES (@key, @deliveryId, @channel, @target, 'pending', 1, NULL, NULL, @nextAttemptAt, @updatedAt)`),
    updateDelivery: db.prepare(`UPDATE deliveries
      SET status = ?, attempts = ?, last_error = ?, response = ?, next_attempt_at = ?, updated_at = ?
      WHERE key = ? AND delivery_id = ?`),
    setRevision: db.prepare('UPDATE issued SET stream_revision = ? WHERE key = ?'),
    acknowledge: db.prepare(`UPDATE issued SET acknowledged_at = @at, acknowledged_by = @by,
      acknowledged_by_name = @byName, acknowledged_note = @note, stream_revision = @revision WHERE key = @key`),
    snooze: db.prepare(
      'UPDATE issued SET snoozed_until = @until, snooze_note = @note, stream_revision = @revision WHERE key = @key',
    ),
    issued: db.prepare('SELECT * FROM issued WHERE key = ?'),
    issuedForTrust: db.prepare(
      'SELECT * FROM issued WHERE trust_id = ? ORDER BY issued_at DESC, key LIMIT ?',
    ),
    issuedAll: db.prepare(`SELECT * FROM issued WHERE (@open = 0 OR acknowledged_at IS NULL)
      ORDER BY issued_at DESC, key LIMIT @limit`),
    issuedByAuthorities: db.prepare(`SELECT * FROM issued
      WHERE authority IN (SELECT value FROM json_each(@authorities)) AND (@open = 0 OR acknowledged_at IS NULL)
      ORDER BY issued_at DESC, key LIMIT @limit`),
    unanswered: db
      .prepare(
        'SELECT COUNT(*) FROM issued WHERE trust_id = ? AND subject_id = ? AND acknowledged_at IS NULL',
      )
      .pluck(),
    deliveriesOf: db.prepare('SELECT * FROM deliveries WHERE key = ? ORDER BY delivery_id'),
    dueDeliveries: db.prepare(`SELECT d.*, i.stream_revision FROM deliveries d JOIN issued i ON i.key = d.key
      WHERE d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= ? AND d.status IN ('pending', 'failed')
      ORDER BY d.next_attempt_at LIMIT ?`),
    counts: db.prepare(
      'SELECT (SELECT COUNT(*) FROM schedule) AS scheduled, (SELECT COUNT(*) FROM issued) AS issued',
    ),
  };
}

export type Statements = ReturnType<typeof statements>;
