-- Mirrors SQLite 0005: bring your own key. An EXTERNAL key's one version has an empty wrapped_material until its
-- material is imported, and again after DeleteKeyMaterial or expiry.
ALTER TABLE keys ADD COLUMN material_expire_at timestamptz NULL;

-- HMAC-SHA-256 of the first imported material under a root-derived key (never the material, never a plain hash):
-- only the same material may be imported again.
ALTER TABLE keys ADD COLUMN material_fingerprint bytea NULL;

CREATE INDEX keys_by_material_expiry ON keys (material_expire_at) WHERE material_expire_at IS NOT NULL;

-- The wrapping key pairs of GetParametersForImport; the private key only ever wrapped under the root key.
CREATE TABLE import_wrapping_keys (
    id                  text COLLATE "C" PRIMARY KEY,
    account_id          text COLLATE "C" NOT NULL REFERENCES accounts (id),
    key_id              text COLLATE "C" NOT NULL REFERENCES keys (id),
    wrapping_key_spec   text NOT NULL,
    wrapping_algorithm  text NOT NULL,
    wrapped_private_key bytea NOT NULL,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL
);

CREATE INDEX import_wrapping_keys_by_key ON import_wrapping_keys (key_id);
CREATE INDEX import_wrapping_keys_by_expiry ON import_wrapping_keys (expires_at);
