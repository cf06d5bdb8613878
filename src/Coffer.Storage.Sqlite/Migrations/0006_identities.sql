ALTER TABLE accounts ADD COLUMN quota_keys INTEGER NULL;
ALTER TABLE accounts ADD COLUMN quota_aliases INTEGER NULL;
ALTER TABLE accounts ADD COLUMN quota_secrets INTEGER NULL;
ALTER TABLE accounts ADD COLUMN quota_versions_per_key INTEGER NULL;
ALTER TABLE accounts ADD COLUMN quota_tags_per_resource INTEGER NULL;

CREATE TABLE users (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE TABLE user_policies (
    account_id  TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    policy_name TEXT NOT NULL,
    document    TEXT NOT NULL,
    attached_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, user_name, policy_name),
    FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name)
);

ALTER TABLE access_keys ADD COLUMN user_name TEXT NULL;
