CREATE TABLE secrets (
    account_id        text COLLATE "C" NOT NULL REFERENCES accounts (id),
    name              text COLLATE "C" NOT NULL,
    secret_type       text NOT NULL,
    description       text NOT NULL,
    encryption_key_id text COLLATE "C" NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    planned_delete_at timestamptz NULL,
    policy            text NULL,
    revision          bigint NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE INDEX secrets_by_created ON secrets (account_id, created_at, name);
CREATE INDEX secrets_by_planned_delete ON secrets (planned_delete_at) WHERE planned_delete_at IS NOT NULL;

-- The value is only ever stored sealed: ciphertext under a per-version data key, and that data key sealed under
-- the secret's EncryptionKeyId key (a ciphertext blob) or the internal service key.
CREATE TABLE secret_versions (
    account_id  text COLLATE "C" NOT NULL,
    secret_name text COLLATE "C" NOT NULL,
    version_id  text COLLATE "C" NOT NULL,
    seq         bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    data_type   text NOT NULL,
    stages      text NOT NULL,
    sealed_key  bytea NOT NULL,
    ciphertext  bytea NOT NULL,
    PRIMARY KEY (account_id, secret_name, version_id),
    FOREIGN KEY (account_id, secret_name) REFERENCES secrets (account_id, name)
);
