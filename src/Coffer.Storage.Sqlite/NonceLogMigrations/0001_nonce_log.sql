-- The nonce log's own file (SqliteDatabase.NonceLog, coffer-nonces.db): the table of the main file's migration 0007,
-- which describes its rows. The main file's nonce_log and nonces tables are no longer written; their rows are honoured
-- until they expire.
CREATE TABLE nonce_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    expires_at INTEGER NOT NULL,
    entries    BLOB NOT NULL
);

CREATE INDEX nonce_log_by_expiry ON nonce_log (expires_at);
