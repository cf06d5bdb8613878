-- Used signature nonces, appended one row per committed batch (SqliteNonceStore). A row's entries are 24 bytes
-- each: the first 16 bytes of SHA-256(length of the AccessKeyId's UTF-8 as 4 bytes little-endian || that UTF-8 ||
-- the nonce's UTF-8), then the entry's expiry in Unix milliseconds (8 bytes little-endian). expires_at is the
-- latest expiry in the row, so a row is deleted once every entry in it has expired. AUTOINCREMENT keeps ids
-- increasing even after the newest rows are purged: a process reads the rows other processes appended by id.
-- The nonces table of 0001 is no longer written; its rows are still honoured until they expire.
CREATE TABLE nonce_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    expires_at INTEGER NOT NULL,
    entries    BLOB NOT NULL
);

CREATE INDEX nonce_log_by_expiry ON nonce_log (expires_at);
