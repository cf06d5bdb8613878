-- Mirrors SQLite 0008: each account's number of keys, kept by triggers, so the key quota check of a CreateKey batch
-- (under the account's advisory lock) reads one row instead of counting the account's index entries, which grew with
-- every key. The row lock an insert or delete takes on its account's row is held to commit; CreateKey batches of one
-- account are serialised by the advisory lock already.
CREATE TABLE key_counts (
    account_id text COLLATE "C" PRIMARY KEY,
    n          bigint NOT NULL
);

INSERT INTO key_counts (account_id, n) SELECT account_id, COUNT(*) FROM keys GROUP BY account_id;

CREATE FUNCTION coffer_count_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO key_counts (account_id, n) VALUES (NEW.account_id, 1)
            ON CONFLICT (account_id) DO UPDATE SET n = key_counts.n + 1;
    ELSE
        UPDATE key_counts SET n = n - 1 WHERE account_id = OLD.account_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER keys_counted AFTER INSERT OR DELETE ON keys FOR EACH ROW EXECUTE FUNCTION coffer_count_keys();
