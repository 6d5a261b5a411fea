-- The account a write was about, on relays that keep accounts (the Copilot bridge's usernames).
ALTER TABLE audit_events ADD COLUMN account TEXT;
