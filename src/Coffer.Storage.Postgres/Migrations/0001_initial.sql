-- Mirrors the SQLite migration of the same number. Identifiers and names use the "C" collation, so ordering and
-- equality are byte-wise as in SQLite, whatever the database's default collation.
CREATE TABLE meta (
    name  text COLLATE "C" PRIMARY KEY,
    value bytea NOT NULL
);

CREATE TABLE accounts (
    id         text COLLATE "C" PRIMARY KEY,
    status     text NOT NULL,
    created_at timestamptz NOT NULL,
    revision   bigint NOT NULL
);

CREATE TABLE access_keys (
    id             text COLLATE "C" PRIMARY KEY,
    account_id     text COLLATE "C" NOT NULL REFERENCES accounts (id),
    wrapped_secret bytea NOT NULL,
    enabled        boolean NOT NULL,
    created_at     timestamptz NOT NULL,
    revision       bigint NOT NULL
);

CREATE TABLE keys (
    id                  text COLLATE "C" PRIMARY KEY,
    account_id          text COLLATE "C" NOT NULL REFERENCES accounts (id),
    spec                text NOT NULL,
    usage               text NOT NULL,
    origin              text NOT NULL,
    protection_level    text NOT NULL,
    state               text NOT NULL,
    description         text NOT NULL,
    created_at          timestamptz NOT NULL,
    primary_version_id  text COLLATE "C" NOT NULL,
    last_rotation_at    timestamptz NOT NULL,
    delete_at           timestamptz NULL,
    deletion_protection boolean NOT NULL,
    revision            bigint NOT NULL
);

CREATE INDEX keys_by_account ON keys (account_id, created_at, id);

-- seq keeps insertion order among versions created in the same millisecond (SQLite orders by rowid).
CREATE TABLE key_versions (
    id               text COLLATE "C" PRIMARY KEY,
    key_id           text COLLATE "C" NOT NULL REFERENCES keys (id),
    created_at       timestamptz NOT NULL,
    wrapped_material bytea NOT NULL,
    seq              bigint GENERATED ALWAYS AS IDENTITY
);

CREATE INDEX key_versions_by_key ON key_versions (key_id, created_at, seq);

-- The primary key is what refuses a replayed nonce, on every node at once.
CREATE TABLE nonces (
    access_key_id text COLLATE "C" NOT NULL,
    nonce         text COLLATE "C" NOT NULL,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (access_key_id, nonce)
);

CREATE INDEX nonces_by_expiry ON nonces (expires_at);
