/** The read-model tables. Throwaway by design: a rebuild drops every row and replays the events. */
export const PROJECTION_SCHEMA = `
  CREATE TABLE IF NOT EXISTS checkpoints (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS trusts (
    trust_id          TEXT PRIMARY KEY,
    authority         TEXT NOT NULL,
    name              TEXT NOT NULL,
    phase             TEXT NOT NULL,
    revision          INTEGER NOT NULL,
    events_applied    INTEGER NOT NULL,
    key_issues_open   TEXT NOT NULL,
    statutory_missing TEXT NOT NULL,
    register          TEXT NOT NULL,
    attendance        TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS trusts_by_authority ON trusts (authority);
  CREATE TABLE IF NOT EXISTS milestones (
    trust_id     TEXT NOT NULL,
    milestone_id TEXT NOT NULL,
    title        TEXT NOT NULL,
    owner        TEXT NOT NULL,
    phase        TEXT,
    gate         TEXT,
    baseline_due TEXT NOT NULL,
    forecast_due TEXT NOT NULL,
    completed_on TEXT,
    depends_on   TEXT NOT NULL,
    PRIMARY KEY (trust_id, milestone_id)
  );
  CREATE TABLE IF NOT EXISTS decisions (
    trust_id        TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    decision_id     TEXT NOT NULL,
    title           TEXT NOT NULL,
    tier            TEXT NOT NULL,
    lead_agency     TEXT NOT NULL,
    rationale       TEXT NOT NULL,
    meeting_id      TEXT,
    meeting_body    TEXT,
    meeting_held_on TEXT,
    decided_on      TEXT NOT NULL,
    effective_from  TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    PRIMARY KEY (trust_id, seq)
  );
`;

/** Every table, in the order a comparison or a reset walks them. */
export const PROJECTION_TABLES = ['checkpoints', 'trusts', 'milestones', 'decisions'] as const;
