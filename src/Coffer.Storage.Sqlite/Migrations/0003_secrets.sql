CREATE TABLE secrets (
    account_id        TEXT NOT NULL REFERENCES accounts (id),
    name              TEXT NOT NULL,
    secret_type       TEXT NOT NULL,
    description       TEXT NOT NULL,
    encryption_key_id TEXT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    planned_delete_at INTEGER NULL,
    policy            TEXT NULL,
    revision          INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE INDEX secrets_by_created ON secrets (account_id, created_at, name);
CREATE INDEX secrets_by_planned_delete ON secrets (planned_delete_at) WHERE planned_delete_at IS NOT NULL;

-- The value is only ever stored sealed: ciphertext under a per-version data key, and that data key sealed under
-- the secret's EncryptionKeyId key (a ciphertext blob) or the internal service key.
CREATE TABLE secret_versions (
    account_id  TEXT NOT NULL,
    secret_name TEXT NOT NULL,
    version_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    data_type   TEXT NOT NULL,
    stages      TEXT NOT NULL,
    sealed_key  BLOB NOT NULL,
    ciphertext  BLOB NOT NULL,
    PRIMARY KEY (account_id, secret_name, version_id),
    FOREIGN KEY (account_id, secret_name) REFERENCES secrets (account_id, name)
);
