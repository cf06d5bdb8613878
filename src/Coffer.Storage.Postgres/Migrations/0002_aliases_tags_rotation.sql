CREATE TABLE aliases (
    account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
    name       text COLLATE "C" NOT NULL,
    key_id     text COLLATE "C" NOT NULL REFERENCES keys (id),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE INDEX aliases_by_key ON aliases (key_id, created_at, name);

CREATE TABLE tags (
    account_id    text COLLATE "C" NOT NULL REFERENCES accounts (id),
    resource_type text COLLATE "C" NOT NULL,
    resource_id   text COLLATE "C" NOT NULL,
    tag_key       text COLLATE "C" NOT NULL,
    tag_value     text NOT NULL,
    PRIMARY KEY (account_id, resource_type, resource_id, tag_key)
);

ALTER TABLE keys ADD COLUMN automatic_rotation text NOT NULL DEFAULT 'Disabled';
ALTER TABLE keys ADD COLUMN rotation_interval_s bigint NULL;
ALTER TABLE keys ADD COLUMN next_rotation_at timestamptz NULL;
ALTER TABLE keys ADD COLUMN deletion_protection_description text NOT NULL DEFAULT '';
ALTER TABLE keys ADD COLUMN policy text NULL;

CREATE INDEX keys_by_delete_at ON keys (delete_at) WHERE delete_at IS NOT NULL;
CREATE INDEX keys_by_next_rotation ON keys (next_rotation_at) WHERE next_rotation_at IS NOT NULL;
