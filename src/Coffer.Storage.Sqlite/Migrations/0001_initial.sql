CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE accounts (
    id         TEXT PRIMARY KEY,
    status     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revision   INTEGER NOT NULL
);

CREATE TABLE access_keys (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES accounts (id),
    wrapped_secret BLOB NOT NULL,
    enabled        INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    revision       INTEGER NOT NULL
);

CREATE TABLE keys (
    id                  TEXT PRIMARY KEY,
    account_id          TEXT NOT NULL REFERENCES accounts (id),
    spec                TEXT NOT NULL,
    usage               TEXT NOT NULL,
    origin              TEXT NOT NULL,
    protection_level    TEXT NOT NULL,
    state               TEXT NOT NULL,
    description         TEXT NOT NULL,
    created_at          INTEGER NOT NULL,
    primary_version_id  TEXT NOT NULL,
    last_rotation_at    INTEGER NOT NULL,
    delete_at           INTEGER NULL,
    deletion_protection INTEGER NOT NULL,
    revision            INTEGER NOT NULL
);

CREATE INDEX keys_by_account ON keys (account_id, created_at, id);

CREATE TABLE key_versions (
    id               TEXT PRIMARY KEY,
    key_id           TEXT NOT NULL REFERENCES keys (id),
    created_at       INTEGER NOT NULL,
    wrapped_material BLOB NOT NULL
);

CREATE INDEX key_versions_by_key ON key_versions (key_id, created_at);

CREATE TABLE nonces (
    access_key_id TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    expires_at    INTEGER NOT NULL,
    PRIMARY KEY (access_key_id, nonce)
) WITHOUT ROWID;

CREATE INDEX nonces_by_expiry ON nonces (expires_at);
