-- The store's change counter (Core's IStoreChangeCounter): one row, moved by triggers in the transaction of every update
-- or delete of a record the read caches hold, whichever process makes it. A node's caches keep a record past their
-- bound while this value has not moved since the record was read. Inserts do not move it: absent records are not cached.
CREATE TABLE store_changes (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);

INSERT INTO store_changes (id, seq) VALUES (1, 0);

CREATE TRIGGER keys_changed_on_update AFTER UPDATE ON keys
BEGIN
    UPDATE store_changes SET seq = seq + 1;
END;

CREATE TRIGGER keys_changed_on_delete AFTER DELETE ON keys
BEGIN
    UPDATE store_changes SET seq = seq + 1;
END;

CREATE TRIGGER key_versions_changed_on_update AFTER UPDATE ON key_versions
BEGIN
    UPDATE store_changes SET seq = seq + 1;
END;

CREATE TRIGGER key_versions_changed_on_delete AFTER DELETE ON key_versions
BEGIN
    UPDATE store_changes SET seq = seq + 1;
END;

CREATE TRIGGER access_keys_changed_on_update AFTER UPDATE ON access_keys
BEGIN
    UPDATE store_changes SET seq = seq + 1;
END;

CREATE TRIGGER access_keys_changed_on_delete AFTER DELETE ON access_keys
BEGIN
    UPDATE store_changes SET seq = seq + 1;
END;

CREATE TRIGGER accounts_changed_on_update AFTER UPDATE ON accounts
BEGIN
    UPDATE store_changes SET seq = seq + 1;
END;

CREATE TRIGGER accounts_changed_on_delete AFTER DELETE ON accounts
BEGIN
    UPDATE store_changes SET seq = seq + 1;
END;
