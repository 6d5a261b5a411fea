-- The audit trail of writes: who did what to which target, and how it ended. Never a secret,
-- a comment body or a payload (src/platform/audit/). Times are Unix milliseconds.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  request_id TEXT NOT NULL,
  relay TEXT NOT NULL,
  operation TEXT NOT NULL,
  repository TEXT,
  pull_number INTEGER,
  event_type TEXT,
  workflow TEXT,
  ref TEXT,
  caller TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('done', 'dry_run', 'refused', 'failed')),
  status INTEGER NOT NULL,
  error TEXT,
  upstream_status INTEGER,
  replayed INTEGER NOT NULL DEFAULT 0 CHECK (replayed IN (0, 1))
);

-- GET /audit filters by time, repository, operation and outcome, newest first; retention
-- deletes by time.
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_repository ON audit_events (repository COLLATE NOCASE, id);
CREATE INDEX audit_events_operation ON audit_events (operation, id);
CREATE INDEX audit_events_outcome ON audit_events (outcome, id);
