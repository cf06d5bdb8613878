CREATE TABLE aliases (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    name       TEXT NOT NULL,
    key_id     TEXT NOT NULL REFERENCES keys (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE INDEX aliases_by_key ON aliases (key_id, created_at, name);

CREATE TABLE tags (
    account_id    TEXT NOT NULL REFERENCES accounts (id),
    resource_type TEXT NOT NULL,
    resource_id   TEXT NOT NULL,
    tag_key       TEXT NOT NULL,
    tag_value     TEXT NOT NULL,
    PRIMARY KEY (account_id, resource_type, resource_id, tag_key)
);

ALTER TABLE keys ADD COLUMN automatic_rotation TEXT NOT NULL DEFAULT 'Disabled';
ALTER TABLE keys ADD COLUMN rotation_interval_s INTEGER NULL;
ALTER TABLE keys ADD COLUMN next_rotation_at INTEGER NULL;
ALTER TABLE keys ADD COLUMN deletion_protection_description TEXT NOT NULL DEFAULT '';
ALTER TABLE keys ADD COLUMN policy TEXT NULL;

CREATE INDEX keys_by_delete_at ON keys (delete_at) WHERE delete_at IS NOT NULL;
CREATE INDEX keys_by_next_rotation ON keys (next_rotation_at) WHERE next_rotation_at IS NOT NULL;
