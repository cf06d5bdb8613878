-- Mirrors SQLite 0004: a key pair's DER SubjectPublicKeyInfo, in the clear beside its wrapped PKCS#8 private key, so
-- GetPublicKey, AsymmetricVerify and AsymmetricEncrypt never unwrap. NULL for symmetric and HMAC versions.
ALTER TABLE key_versions ADD COLUMN public_key bytea NULL;
