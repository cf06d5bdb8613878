'use strict';
// Bring your own key (ALIYUN_KMS_API.md §3.7, §4.10; DECISIONS.md "Keys and ciphertexts"), once per client mode:
//   CreateKey Origin=EXTERNAL → GetParametersForImport → wrap the material with node:crypto publicEncrypt
//   (RSAES_OAEP_SHA_256, RSAES_OAEP_SHA_1, RSAES_PKCS1_V1_5) or the openssl command (SM2PKE: node has no SM2
//   encryption) → ImportKeyMaterial → Encrypt/Decrypt, and the blob opened here with node's AES-256-GCM under the
//   material we imported → DeleteKeyMaterial → Rejected.PendingImport → the same material again (old blobs decrypt),
//   different material → InvalidKeyMaterial, a forged token → InvalidImportToken, the Unsupported.Origin cases,
//   KeyMaterialExpireUnix, CancelKeyDeletion back to PendingImport.
// h: run.js's helpers; t: { name, mode, call, st, need } as in lib/management.js.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const WRAPPINGS = [
  { algorithm: 'RSAES_OAEP_SHA_256', spec: 'RSA_2048' },
  { algorithm: 'RSAES_OAEP_SHA_1', spec: 'RSA_2048' },
  { algorithm: 'RSAES_PKCS1_V1_5', spec: 'RSA_2048' },
  { algorithm: 'SM2PKE', spec: 'EC_SM2' },
];

function openssl() {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAS_OPENSSL = openssl();

// EncryptedKeyMaterial for the public key GetParametersForImport answered (base64 DER SPKI, not PEM).
function wrap(h, parameters, algorithm, material) {
  const der = Buffer.from(parameters.PublicKey, 'base64');
  if (algorithm === 'SM2PKE') {
    if (!HAS_OPENSSL) h.skip('SM2PKE wrapping needs the openssl command (node:crypto has no SM2 encryption), and it is not on the PATH');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-compat-sm2-'));
    try {
      fs.writeFileSync(path.join(dir, 'pub.der'), der);
      fs.writeFileSync(path.join(dir, 'material'), material);
      execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-keyform', 'DER', '-inkey', path.join(dir, 'pub.der'),
        '-in', path.join(dir, 'material'), '-out', path.join(dir, 'wrapped')], { stdio: ['ignore', 'ignore', 'pipe'] });
      return fs.readFileSync(path.join(dir, 'wrapped')).toString('base64');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const key = crypto.createPublicKey({ key: der, format: 'der', type: 'spki' });
  const options = algorithm === 'RSAES_PKCS1_V1_5'
    ? { key, padding: crypto.constants.RSA_PKCS1_PADDING }
    : { key, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' };
  return crypto.publicEncrypt(options, material).toString('base64');
}

// Opens a Coffer blob (KeyVersionId ‖ IV ‖ ciphertext ‖ tag, DECISIONS.md) with node's AES-256-GCM and our material.
function openBlob(blob, material) {
  const raw = Buffer.from(blob, 'base64');
  const decipher = crypto.createDecipheriv(`aes-${material.length * 8}-gcm`, material, raw.subarray(36, 48));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(48, raw.length - 16)), decipher.final()]).toString('utf8');
}

async function runImport(h, t) {
  const { check, ok, expectError } = h;
  const { name, call, st, need } = t;
  const ctx = { purpose: 'byok', run: h.runId, mode: name };
  const step = (s, fn) => check(name, `import: ${s}`, fn);
  const createExternal = async (extra = {}) => {
    const b = ok(await call('CreateKey', Object.assign({ Origin: 'EXTERNAL', Description: `byok ${name}` }, extra)));
    return b.KeyMetadata;
  };
  const parametersFor = async (keyId, w = WRAPPINGS[0]) =>
    ok(await call('GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: w.algorithm, WrappingKeySpec: w.spec }));
  const importInto = (keyId, parameters, algorithm, material, extra = {}) => call('ImportKeyMaterial', Object.assign({
    KeyId: keyId, EncryptedKeyMaterial: wrap(h, parameters, algorithm, material), ImportToken: parameters.ImportToken }, extra));
  const state = async (keyId) => ok(await call('DescribeKey', { KeyId: keyId })).KeyMetadata;
  const s = {};

  await step('CreateKey Origin=EXTERNAL is PendingImport without material', async () => {
    const md = await createExternal();
    assert.equal(md.KeyState, 'PendingImport', 'KeyState');
    assert.equal(md.Origin, 'EXTERNAL', 'Origin');
    assert.equal(md.KeySpec, 'Aliyun_AES_256', 'KeySpec');
    assert.equal(md.MaterialExpireTime, '', 'MaterialExpireTime');
    s.key = md;
    expectError(t.mode, await call('Encrypt', { KeyId: md.KeyId, Plaintext: 'no material yet' }), 'Rejected.PendingImport');
  });

  for (const w of WRAPPINGS) {
    await step(`${w.algorithm}/${w.spec}: GetParametersForImport + wrap + ImportKeyMaterial + Encrypt/Decrypt, blob opened with our material`, async () => {
      const md = await createExternal();
      const parameters = await parametersFor(md.KeyId, w);
      assert.equal(parameters.KeyId, md.KeyId, 'KeyId');
      assert.match(parameters.PublicKey, h.BASE64, 'PublicKey is base64 (DER, not PEM)');
      assert.equal(typeof parameters.ImportToken, 'string', 'ImportToken');
      assert.match(parameters.TokenExpireTime, h.UTC_SECONDS, 'TokenExpireTime');
      const hours = (Date.parse(parameters.TokenExpireTime) - Date.now()) / 3600000;
      assert.ok(hours > 23.9 && hours <= 24, `TokenExpireTime is 24 h ahead (${hours.toFixed(3)} h)`);
      const material = crypto.randomBytes(32);
      ok(await importInto(md.KeyId, parameters, w.algorithm, material));
      assert.equal((await state(md.KeyId)).KeyState, 'Enabled', 'KeyState after import');
      const e = ok(await call('Encrypt', { KeyId: md.KeyId, Plaintext: `imported via ${w.algorithm}`, EncryptionContext: ctx }));
      h.checkBlob(e.CiphertextBlob, e.KeyVersionId, `imported via ${w.algorithm}`);
      const d = ok(await call('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: ctx }));
      assert.equal(d.Plaintext, `imported via ${w.algorithm}`, 'Decrypt Plaintext');
      // No context in the AAD check here: encrypt once more without one and open it with node's AES-GCM.
      const plain = ok(await call('Encrypt', { KeyId: md.KeyId, Plaintext: 'opened by node:crypto' }));
      assert.equal(openBlob(plain.CiphertextBlob, material), 'opened by node:crypto', 'blob opens under the imported material');
      if (w.algorithm === 'RSAES_OAEP_SHA_256') s.imported = { keyId: md.KeyId, material, blob: plain.CiphertextBlob };
    });
  }

  await step('DeleteKeyMaterial → PendingImport; its ciphertexts answer Rejected.PendingImport', async () => {
    const k = need(s.imported, 'an imported key');
    ok(await call('DeleteKeyMaterial', { KeyId: k.keyId }));
    const md = await state(k.keyId);
    assert.equal(md.KeyState, 'PendingImport', 'KeyState');
    expectError(t.mode, await call('Decrypt', { CiphertextBlob: k.blob }), 'Rejected.PendingImport');
    expectError(t.mode, await call('Encrypt', { KeyId: k.keyId, Plaintext: 'x' }), 'Rejected.PendingImport');
    k.deleted = true;
  });
  await step('re-import: different material → InvalidKeyMaterial', async () => {
    const k = need(s.imported, 'an imported key');
    const parameters = await parametersFor(k.keyId);
    expectError(t.mode, await importInto(k.keyId, parameters, 'RSAES_OAEP_SHA_256', crypto.randomBytes(32)), 'InvalidKeyMaterial');
  });
  await step('re-import: the same material → Enabled, old ciphertexts decrypt', async () => {
    const k = need(s.imported, 'an imported key');
    need(k.deleted, 'DeleteKeyMaterial');
    const parameters = await parametersFor(k.keyId);
    ok(await importInto(k.keyId, parameters, 'RSAES_OAEP_SHA_256', k.material));
    assert.equal((await state(k.keyId)).KeyState, 'Enabled', 'KeyState');
    assert.equal(ok(await call('Decrypt', { CiphertextBlob: k.blob })).Plaintext, 'opened by node:crypto', 'old blob decrypts');
  });
  await step('material of the wrong length → InvalidKeyMaterial', async () => {
    const md = await createExternal({ KeySpec: 'Aliyun_SM4' });
    const parameters = await parametersFor(md.KeyId);
    expectError(t.mode, await importInto(md.KeyId, parameters, 'RSAES_OAEP_SHA_256', crypto.randomBytes(32)), 'InvalidKeyMaterial');
    ok(await importInto(md.KeyId, parameters, 'RSAES_OAEP_SHA_256', crypto.randomBytes(16)));
  });
  await step('forged or foreign ImportToken → InvalidImportToken', async () => {
    const key = need(s.key, 'CreateKey EXTERNAL');
    const parameters = await parametersFor(key.KeyId);
    const forged = Buffer.from(parameters.ImportToken, 'base64');
    forged[forged.length - 1] ^= 1;
    const material = crypto.randomBytes(32);
    expectError(t.mode, await call('ImportKeyMaterial', { KeyId: key.KeyId, ImportToken: forged.toString('base64'),
      EncryptedKeyMaterial: wrap(h, parameters, 'RSAES_OAEP_SHA_256', material) }), 'InvalidImportToken');
    const other = await createExternal();
    const foreign = await parametersFor(other.KeyId);
    expectError(t.mode, await importInto(key.KeyId, foreign, 'RSAES_OAEP_SHA_256', material), 'InvalidImportToken');
    assert.equal((await state(key.KeyId)).KeyState, 'PendingImport', 'KeyState unchanged');
  });
  await step('KeyMaterialExpireUnix → MaterialExpireTime; in the past → InvalidParameter', async () => {
    const md = await createExternal();
    const parameters = await parametersFor(md.KeyId);
    const material = crypto.randomBytes(32);
    expectError(t.mode, await importInto(md.KeyId, parameters, 'RSAES_OAEP_SHA_256', material, { KeyMaterialExpireUnix: 1000 }),
      'InvalidParameter', { param: 'KeyMaterialExpireUnix' });
    const expiry = Math.floor(Date.now() / 1000) + 30 * 24 * 3600;
    ok(await importInto(md.KeyId, parameters, 'RSAES_OAEP_SHA_256', material, { KeyMaterialExpireUnix: expiry }));
    assert.equal((await state(md.KeyId)).MaterialExpireTime, new Date(expiry * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), 'MaterialExpireTime');
  });
  await step('Unsupported.Origin: import calls on a key Coffer made', async () => {
    const k1 = need(st.k1, 'CreateKey');
    expectError(t.mode, await call('GetParametersForImport', { KeyId: k1.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
      'Unsupported.Origin');
    expectError(t.mode, await call('DeleteKeyMaterial', { KeyId: k1.KeyId }), 'Unsupported.Origin');
    const key = need(s.key, 'CreateKey EXTERNAL');
    const parameters = await parametersFor(key.KeyId);
    expectError(t.mode, await importInto(k1.KeyId, parameters, 'RSAES_OAEP_SHA_256', crypto.randomBytes(32)), 'Unsupported.Origin');
  });
  await step('Unsupported.Origin: CreateKeyVersion and enabling rotation on an imported key', async () => {
    const k = need(s.imported, 'an imported key');
    expectError(t.mode, await call('CreateKeyVersion', { KeyId: k.keyId }), 'Unsupported.Origin');
    expectError(t.mode, await call('UpdateRotationPolicy', { KeyId: k.keyId, EnableAutomaticRotation: true, RotationInterval: '7d' }),
      'Unsupported.Origin');
  });
  await step('CreateKey EXTERNAL with automatic rotation → InvalidParameter', async () => {
    expectError(t.mode, await call('CreateKey', { Origin: 'EXTERNAL', EnableAutomaticRotation: true, RotationInterval: '7d' }),
      'InvalidParameter', { param: 'EnableAutomaticRotation' });
  });
  await step('GetParametersForImport SM2PKE with RSA_2048 → InvalidParameter', async () => {
    const key = need(s.key, 'CreateKey EXTERNAL');
    expectError(t.mode, await call('GetParametersForImport', { KeyId: key.KeyId, WrappingAlgorithm: 'SM2PKE', WrappingKeySpec: 'RSA_2048' }),
      'InvalidParameter', { param: 'WrappingAlgorithm' });
  });
  await step('CancelKeyDeletion of a never-imported key → PendingImport', async () => {
    const md = await createExternal();
    ok(await call('ScheduleKeyDeletion', { KeyId: md.KeyId, PendingWindowInDays: 7 }));
    ok(await call('CancelKeyDeletion', { KeyId: md.KeyId }));
    assert.equal((await state(md.KeyId)).KeyState, 'PendingImport', 'KeyState');
  });
}

module.exports = { runImport, wrap, openBlob, WRAPPINGS };
