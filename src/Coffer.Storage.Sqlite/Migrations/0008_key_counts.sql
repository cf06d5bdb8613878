-- Each account's number of keys, kept by triggers, so the key quota check inside a CreateKey batch reads one row
-- instead of counting the account's index entries (which grew with every key: 40% of CreateKey's time at 30,000 keys).
CREATE TABLE key_counts (
    account_id TEXT PRIMARY KEY,
    n          INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO key_counts (account_id, n) SELECT account_id, COUNT(*) FROM keys GROUP BY account_id;

CREATE TRIGGER keys_counted_on_insert AFTER INSERT ON keys
BEGIN
    INSERT INTO key_counts (account_id, n) VALUES (NEW.account_id, 1)
        ON CONFLICT (account_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER keys_counted_on_delete AFTER DELETE ON keys
BEGIN
    UPDATE key_counts SET n = n - 1 WHERE account_id = OLD.account_id;
END;
