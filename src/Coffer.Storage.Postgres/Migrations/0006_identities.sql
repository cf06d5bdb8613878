-- Mirrors SQLite 0006: users of an account, their attached identity policies, the user an AccessKey belongs to (NULL:
-- the account's administrator) and per-account quota overrides (NULL: the server's quota).
ALTER TABLE accounts ADD COLUMN quota_keys integer NULL;
ALTER TABLE accounts ADD COLUMN quota_aliases integer NULL;
ALTER TABLE accounts ADD COLUMN quota_secrets integer NULL;
ALTER TABLE accounts ADD COLUMN quota_versions_per_key integer NULL;
ALTER TABLE accounts ADD COLUMN quota_tags_per_resource integer NULL;

CREATE TABLE users (
    account_id text COLLATE "C" NOT NULL REFERENCES accounts (id),
    name       text COLLATE "C" NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, name)
);

CREATE TABLE user_policies (
    account_id  text COLLATE "C" NOT NULL,
    user_name   text COLLATE "C" NOT NULL,
    policy_name text COLLATE "C" NOT NULL,
    document    text NOT NULL,
    attached_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, user_name, policy_name),
    FOREIGN KEY (account_id, user_name) REFERENCES users (account_id, name)
);

ALTER TABLE access_keys ADD COLUMN user_name text COLLATE "C" NULL;
