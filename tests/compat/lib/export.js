'use strict';
// Exportable data keys, run once per client mode (ALIYUN_KMS_API.md §3.6, DECISIONS.md "Keys and ciphertexts"):
//   GenerateDataKey → ExportDataKey and GenerateAndExportDataKey with a node:crypto RSA 2048 key pair (the public key
//   exported as SPKI DER, base64, is the PublicKeyBlob) and an SM2 key pair made by `openssl genpkey`; the
//   ExportedDataKey is decrypted outside Coffer and compared with Decrypt of the blob:
//     RSAES_OAEP_SHA_256 / RSAES_OAEP_SHA_1  node:crypto privateDecrypt (oaepHash sha256 / sha1)
//     RSAES_PKCS1_V1_5                        node:crypto privateDecrypt where node allows RSA_PKCS1_PADDING; node 20
//                                             refuses it (CVE-2023-46809), then `openssl pkeyutl -decrypt`
//     SM2PKE                                  `openssl pkeyutl -decrypt` (node:crypto has no SM2 decryption); a skip
//                                             with the reason when openssl is not on the PATH
//   then the error replies (bad PublicKeyBlob, algorithm/spec, lengths, blobs, missing parameters, 404, 409, DryRun).
// @alicloud/kms20160120 1.2.0 has neither action: its adapter answers "unsupported", so those steps are skips.
//
// h: the helpers of run.js; t: { name, mode, call, st, CTX, need } for this mode.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

// ---------------------------------------------------------------------------------------------------
// Recipient key pairs, made once per run.
let recipients = null;

function openssl(args) {
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function hasOpenssl() {
  try {
    openssl(['version']);
    return true;
  } catch {
    return false;
  }
}

function makeRecipients() {
  if (recipients) return recipients;
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsa3072 = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
  const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = (k) => k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-compat-export-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const rsaPem = path.join(dir, 'rsa2048.pem');
  fs.writeFileSync(rsaPem, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  let sm2 = null;
  if (hasOpenssl()) {
    const sm2Pem = path.join(dir, 'sm2.pem');
    openssl(['genpkey', '-algorithm', 'SM2', '-out', sm2Pem]);
    sm2 = { pem: sm2Pem, blob: openssl(['pkey', '-in', sm2Pem, '-pubout', '-outform', 'DER']).toString('base64') };
  }
  recipients = { dir, rsa, rsaPem, rsaBlob: spki(rsa), rsa3072Blob: spki(rsa3072), p256Blob: spki(p256), sm2 };
  return recipients;
}

// The PublicKeyBlob and WrappingKeySpec for an algorithm; SM2 without openssl is a skip.
function recipientFor(h, r, algorithm) {
  if (algorithm !== 'SM2PKE') return { PublicKeyBlob: r.rsaBlob, WrappingKeySpec: 'RSA_2048' };
  if (!r.sm2) h.skip('the openssl command is not on the PATH (SM2 keys and SM2PKE decryption need it)');
  return { PublicKeyBlob: r.sm2.blob, WrappingKeySpec: 'EC_SM2' };
}

function opensslDecrypt(r, keyPem, ciphertext, options) {
  const file = path.join(r.dir, crypto.randomBytes(8).toString('hex') + '.ct');
  fs.writeFileSync(file, ciphertext);
  try {
    return openssl(['pkeyutl', '-decrypt', '-inkey', keyPem, '-in', file, ...options]);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

// Opens an ExportedDataKey outside Coffer; returns { key, by } (by names the tool that decrypted it).
function unwrap(h, r, algorithm, exportedBase64) {
  assert.equal(typeof exportedBase64, 'string', 'ExportedDataKey is a string');
  assert.match(exportedBase64, h.BASE64, 'ExportedDataKey is base64');
  const ct = Buffer.from(exportedBase64, 'base64');
  if (algorithm === 'RSAES_OAEP_SHA_256' || algorithm === 'RSAES_OAEP_SHA_1') {
    assert.equal(ct.length, 256, 'an RSA-2048 ciphertext is 256 bytes');
    const oaepHash = algorithm === 'RSAES_OAEP_SHA_256' ? 'sha256' : 'sha1';
    return { key: crypto.privateDecrypt({ key: r.rsa.privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, ct), by: 'node:crypto' };
  }
  if (algorithm === 'RSAES_PKCS1_V1_5') {
    assert.equal(ct.length, 256, 'an RSA-2048 ciphertext is 256 bytes');
    try {
      return { key: crypto.privateDecrypt({ key: r.rsa.privateKey, padding: crypto.constants.RSA_PKCS1_PADDING }, ct), by: 'node:crypto' };
    } catch (e) {
      if (!e || e.code !== 'ERR_INVALID_ARG_VALUE') throw e;
      if (!hasOpenssl()) h.skip('node refuses RSA_PKCS1_PADDING for privateDecrypt (CVE-2023-46809) and openssl is not on the PATH');
      return { key: opensslDecrypt(r, r.rsaPem, ct, ['-pkeyopt', 'rsa_padding_mode:pkcs1']), by: 'openssl' };
    }
  }
  return { key: opensslDecrypt(r, r.sm2.pem, ct, []), by: 'openssl' };
}

const ALGORITHMS = ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1', 'RSAES_PKCS1_V1_5', 'SM2PKE'];

// ---------------------------------------------------------------------------------------------------
async function runExport(h, t) {
  const { check, ok, expectError, skip } = h;
  const { name, mode, call, st, need } = t;
  const unsupported = ['ExportDataKey', 'GenerateAndExportDataKey'].find((a) => !mode.supports(a));
  const CTX = { purpose: 'export', run: h.runId, mode: name };
  const x = {};
  const r = () => need(x.r, 'recipient key pairs');
  const K = () => need(x.key, 'export CreateKey').KeyId;
  const decryptText = async (blob, ctx) => ok(await call('Decrypt', { CiphertextBlob: blob, EncryptionContext: ctx })).Plaintext;

  await check(name, 'export: recipient key pairs + CreateKey', async () => {
    x.r = makeRecipients();
    const md = ok(await call('CreateKey', { Description: `compat export ${name}` })).KeyMetadata;
    st.keys.push(md.KeyId);
    x.key = md;
  });

  for (const algorithm of ALGORITHMS) {
    await check(name, `ExportDataKey ${algorithm} of a GenerateDataKey blob decrypts outside Coffer`, async () => {
      const g = ok(await call('GenerateDataKey', { KeyId: K(), EncryptionContext: CTX }));
      const b = ok(await call('ExportDataKey', { CiphertextBlob: g.CiphertextBlob, EncryptionContext: CTX, WrappingAlgorithm: algorithm,
        ...recipientFor(h, r(), algorithm) }));
      assert.equal(b.KeyId, K(), 'KeyId');
      assert.equal(b.KeyVersionId, g.KeyVersionId, 'KeyVersionId is the blob\'s');
      const { key, by } = unwrap(h, r(), algorithm, b.ExportedDataKey);
      assert.equal(key.toString('base64'), g.Plaintext, `${by}: the exported key is GenerateDataKey's Plaintext`);
      assert.equal(key.toString('base64'), await decryptText(g.CiphertextBlob, CTX), `${by}: the exported key is what Decrypt of the blob gives`);
    });
  }

  for (const algorithm of ALGORITHMS) {
    await check(name, `GenerateAndExportDataKey ${algorithm} decrypts outside Coffer to the blob's data key`, async () => {
      const length = algorithm === 'SM2PKE' ? 64 : 16;
      const b = ok(await call('GenerateAndExportDataKey', { KeyId: K(), EncryptionContext: CTX, NumberOfBytes: length, WrappingAlgorithm: algorithm,
        ...recipientFor(h, r(), algorithm) }));
      assert.equal(b.KeyId, K(), 'KeyId');
      assert.equal(b.KeyVersionId, x.key.PrimaryKeyVersion, 'KeyVersionId is the primary version');
      assert.ok(!('Plaintext' in b), 'no Plaintext in the answer');
      const { key, by } = unwrap(h, r(), algorithm, b.ExportedDataKey);
      assert.equal(key.length, length, `${by}: NumberOfBytes`);
      const text = key.toString('base64');
      h.checkBlob(b.CiphertextBlob, b.KeyVersionId, text);
      assert.equal(await decryptText(b.CiphertextBlob, CTX), text, `${by}: Decrypt of the CiphertextBlob gives the exported key's base64`);
    });
  }

  await check(name, 'GenerateAndExportDataKey KeySpec=AES_128 by key ARN', async () => {
    const b = ok(await call('GenerateAndExportDataKey', { KeyId: need(x.key, 'export CreateKey').Arn, KeySpec: 'AES_128',
      WrappingAlgorithm: 'RSAES_OAEP_SHA_256', ...recipientFor(h, r(), 'RSAES_OAEP_SHA_256') }));
    assert.equal(b.KeyId, K(), 'resolved KeyId');
    const { key } = unwrap(h, r(), 'RSAES_OAEP_SHA_256', b.ExportedDataKey);
    assert.equal(key.length, 16, 'AES_128 is 16 bytes');
    assert.equal(await decryptText(b.CiphertextBlob), key.toString('base64'), 'Decrypt of the CiphertextBlob');
  });
  await check(name, 'ExportDataKey of a GenerateDataKeyWithoutPlaintext blob', async () => {
    const g = ok(await call('GenerateDataKeyWithoutPlaintext', { KeyId: K(), NumberOfBytes: 24 }));
    const b = ok(await call('ExportDataKey', { CiphertextBlob: g.CiphertextBlob, WrappingAlgorithm: 'RSAES_OAEP_SHA_1',
      ...recipientFor(h, r(), 'RSAES_OAEP_SHA_1') }));
    const { key } = unwrap(h, r(), 'RSAES_OAEP_SHA_1', b.ExportedDataKey);
    assert.equal(key.length, 24, 'NumberOfBytes');
    assert.equal(await decryptText(g.CiphertextBlob), key.toString('base64'), 'Decrypt of the blob');
  });

  // ------------------------------------------------------------------ error replies
  const exportParams = async (extra) => {
    const g = ok(await call('GenerateDataKeyWithoutPlaintext', { KeyId: K(), EncryptionContext: CTX }));
    return { CiphertextBlob: g.CiphertextBlob, EncryptionContext: CTX, WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
      PublicKeyBlob: r().rsaBlob, WrappingKeySpec: 'RSA_2048', ...extra };
  };
  const generateParams = (extra) => ({ KeyId: K(), WrappingAlgorithm: 'RSAES_OAEP_SHA_256', PublicKeyBlob: r().rsaBlob,
    WrappingKeySpec: 'RSA_2048', ...extra });

  await check(name, 'ExportDataKey with a wrong EncryptionContext → InvalidParameter CiphertextBlob', async () => {
    expectError(mode, await call('ExportDataKey', await exportParams({ EncryptionContext: { other: 'context' } })),
      'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await check(name, 'ExportDataKey of an Encrypt blob (not a data key) → InvalidParameter CiphertextBlob', async () => {
    const e = ok(await call('Encrypt', { KeyId: K(), Plaintext: 'not a data key' }));
    expectError(mode, await call('ExportDataKey', await exportParams({ CiphertextBlob: e.CiphertextBlob, EncryptionContext: undefined })),
      'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await check(name, 'ExportDataKey of a 191-byte data key with RSAES_OAEP_SHA_256 → InvalidParameter CiphertextBlob', async () => {
    const g = ok(await call('GenerateDataKeyWithoutPlaintext', { KeyId: K(), NumberOfBytes: 191 }));
    expectError(mode, await call('ExportDataKey', await exportParams({ CiphertextBlob: g.CiphertextBlob, EncryptionContext: undefined })),
      'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await check(name, 'ExportDataKey PublicKeyBlob not base64 → InvalidParameter PublicKeyBlob', async () => {
    expectError(mode, await call('ExportDataKey', await exportParams({ PublicKeyBlob: 'not base64!' })), 'InvalidParameter', { param: 'PublicKeyBlob' });
  });
  await check(name, 'ExportDataKey PublicKeyBlob an RSA 3072 key for RSA_2048 → InvalidParameter PublicKeyBlob', async () => {
    expectError(mode, await call('ExportDataKey', await exportParams({ PublicKeyBlob: r().rsa3072Blob })), 'InvalidParameter', { param: 'PublicKeyBlob' });
  });
  await check(name, 'GenerateAndExportDataKey PublicKeyBlob a P-256 key for EC_SM2 → InvalidParameter PublicKeyBlob', async () => {
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ WrappingAlgorithm: 'SM2PKE', WrappingKeySpec: 'EC_SM2', PublicKeyBlob: r().p256Blob })),
      'InvalidParameter', { param: 'PublicKeyBlob' });
  });
  await check(name, 'GenerateAndExportDataKey SM2PKE with RSA_2048 → InvalidParameter WrappingAlgorithm', async () => {
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ WrappingAlgorithm: 'SM2PKE' })), 'InvalidParameter', { param: 'WrappingAlgorithm' });
  });
  await check(name, 'GenerateAndExportDataKey WrappingKeySpec=RSA_4096 → InvalidParameter WrappingKeySpec', async () => {
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ WrappingKeySpec: 'RSA_4096' })), 'InvalidParameter', { param: 'WrappingKeySpec' });
  });
  await check(name, 'GenerateAndExportDataKey NumberOfBytes=191 with RSAES_OAEP_SHA_256 → InvalidParameter NumberOfBytes', async () => {
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ NumberOfBytes: 191 })), 'InvalidParameter', { param: 'NumberOfBytes' });
  });
  await check(name, 'ExportDataKey without PublicKeyBlob → MissingParameter', async () => {
    expectError(mode, await call('ExportDataKey', await exportParams({ PublicKeyBlob: undefined })), 'MissingParameter', { param: 'PublicKeyBlob' });
  });
  await check(name, 'GenerateAndExportDataKey without WrappingKeySpec → MissingParameter', async () => {
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ WrappingKeySpec: undefined })), 'MissingParameter', { param: 'WrappingKeySpec' });
  });
  await check(name, 'GenerateAndExportDataKey unknown key → Forbidden.KeyNotFound', async () => {
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ KeyId: crypto.randomUUID() })), 'Forbidden.KeyNotFound');
  });
  await check(name, 'GenerateAndExportDataKey unknown alias → Forbidden.AliasNotFound', async () => {
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ KeyId: `alias/compat-export-none-${h.runId}` })), 'Forbidden.AliasNotFound');
  });
  await check(name, 'GenerateAndExportDataKey and ExportDataKey DryRun → DryRunOperationError', async () => {
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ DryRun: 'true' })), 'DryRunOperationError');
    expectError(mode, await call('ExportDataKey', await exportParams({ DryRun: 'true' })), 'DryRunOperationError');
  });
  await check(name, 'Disabled key: GenerateAndExportDataKey and ExportDataKey → Rejected.Disabled', async () => {
    if (unsupported) skip(`@alicloud/kms20160120 1.2.0 has no ${unsupported}`);
    const md = ok(await call('CreateKey', { Description: `compat export disabled ${name}` })).KeyMetadata;
    st.keys.push(md.KeyId);
    const g = ok(await call('GenerateDataKeyWithoutPlaintext', { KeyId: md.KeyId }));
    ok(await call('DisableKey', { KeyId: md.KeyId }));
    expectError(mode, await call('GenerateAndExportDataKey', generateParams({ KeyId: md.KeyId })), 'Rejected.Disabled');
    expectError(mode, await call('ExportDataKey', await exportParams({ CiphertextBlob: g.CiphertextBlob, EncryptionContext: undefined })), 'Rejected.Disabled');
  });
}

module.exports = { runExport };
