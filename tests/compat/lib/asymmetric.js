'use strict';
// Key pairs and HMAC keys, run once per client mode (after lib/secrets.js):
//   CreateKey of every key-pair and HMAC spec/usage, GetPublicKey, AsymmetricSign verified outside Coffer with the
//   returned PEM (node:crypto for RSA PSS/PKCS#1 and ECDSA P-256/secp256k1; the openssl command for SM2DSA, which
//   node cannot verify over a caller-supplied e), AsymmetricVerify true/false, AsymmetricEncrypt → AsymmetricDecrypt,
//   ciphertexts made outside Coffer (node:crypto publicEncrypt for RSA-OAEP, openssl pkeyutl for SM2PKE) →
//   AsymmetricDecrypt, GenerateMac/VerifyMac, and the error cases of DECISIONS.md "Keys and ciphertexts".
// A call a mode cannot make (@alicloud/kms20160120 1.2.0 lacks some actions and fields) is a skip via h.ok.
//
// RSA_3072 is left to tests/Coffer.Server.Tests (same code path as RSA_2048): generating a 3072-bit key can take longer
// than the clients' 10 s timeout on a loaded CI machine.
//
// h: the helpers of run.js; t: { name, mode, call, st, need } for this mode.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const PEM = /^-----BEGIN PUBLIC KEY-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END PUBLIC KEY-----\n$/;

let openSslChecked;
function openssl(args) {
  if (openSslChecked === undefined) {
    try { execFileSync('openssl', ['version'], { stdio: 'pipe' }); openSslChecked = true; } catch { openSslChecked = false; }
  }
  if (!openSslChecked) return null;
  try {
    return { code: 0, out: execFileSync('openssl', args, { stdio: 'pipe' }).toString() };
  } catch (e) {
    return { code: e.status || 1, out: String(e.stdout || '') + String(e.stderr || '') };
  }
}

function tempDir() { return fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-compat-asym-')); }

const SIGN_CASES = [
  { spec: 'RSA_2048', algorithm: 'RSA_PSS_SHA_256' },
  { spec: 'RSA_2048', algorithm: 'RSA_PKCS1_SHA_256' },
  { spec: 'EC_P256', algorithm: 'ECDSA_SHA_256' },
  { spec: 'EC_P256K', algorithm: 'ECDSA_SHA_256' },
  { spec: 'EC_SM2', algorithm: 'SM2DSA' },
];
const ENCRYPT_CASES = [
  { spec: 'RSA_2048', algorithm: 'RSAES_OAEP_SHA_256' },
  { spec: 'RSA_2048', algorithm: 'RSAES_OAEP_SHA_1' },
  { spec: 'EC_SM2', algorithm: 'SM2PKE' },
];
const MAC_CASES = [
  { spec: 'HMAC_SHA224', algorithm: 'HMAC_SHA_224', length: 28 },
  { spec: 'HMAC_SHA256', algorithm: 'HMAC_SHA_256', length: 32 },
  { spec: 'HMAC_SHA384', algorithm: 'HMAC_SHA_384', length: 48 },
  { spec: 'HMAC_SHA512', algorithm: 'HMAC_SHA_512', length: 64 },
  { spec: 'HMAC_SM3', algorithm: 'HMAC_SM3', length: 32 },
];

// Verifies a signature over message (whose SHA-256, or for SM2 the e itself, was signed) outside Coffer.
function verifyOutside(h, pem, algorithm, message, digest, signature) {
  if (algorithm === 'SM2DSA') {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'pub.pem'), pem);
    fs.writeFileSync(path.join(dir, 'e'), digest);
    fs.writeFileSync(path.join(dir, 'sig'), signature);
    const r = openssl(['pkeyutl', '-verify', '-pubin', '-inkey', path.join(dir, 'pub.pem'), '-in', path.join(dir, 'e'), '-sigfile', path.join(dir, 'sig')]);
    if (r === null) h.skip('SM2DSA: node:crypto cannot verify over a given e, and the openssl command is not on the PATH');
    return r.code === 0 && r.out.includes('Signature Verified Successfully');
  }
  const key = { key: pem };
  if (algorithm === 'RSA_PSS_SHA_256') Object.assign(key, { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  if (algorithm === 'RSA_PKCS1_SHA_256') key.padding = crypto.constants.RSA_PKCS1_PADDING;
  if (algorithm === 'ECDSA_SHA_256') key.dsaEncoding = 'der';
  return crypto.verify('sha256', message, key, signature);
}

// Encrypts outside Coffer with the GetPublicKey PEM.
function encryptOutside(h, pem, algorithm, plaintext) {
  if (algorithm === 'SM2PKE') {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'pub.pem'), pem);
    fs.writeFileSync(path.join(dir, 'pt'), plaintext);
    const r = openssl(['pkeyutl', '-encrypt', '-pubin', '-inkey', path.join(dir, 'pub.pem'), '-in', path.join(dir, 'pt'), '-out', path.join(dir, 'ct')]);
    if (r === null) h.skip('SM2PKE: node:crypto has no SM2 encryption, and the openssl command is not on the PATH');
    assert.equal(r.code, 0, 'openssl pkeyutl -encrypt: ' + r.out);
    return fs.readFileSync(path.join(dir, 'ct'));
  }
  return crypto.publicEncrypt(
    { key: pem, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256' },
    plaintext);
}

async function runAsymmetric(h, t) {
  const { check, ok, expectError } = h;
  const { name, mode, call, st, need } = t;
  const keys = {};
  const createKey = async (params) => {
    const md = ok(await call('CreateKey', params)).KeyMetadata;
    st.keys.push(md.KeyId);
    return md;
  };
  const pair = async (spec, usage) => {
    const id = `${spec}/${usage || 'default'}`;
    if (!keys[id]) {
      const md = await createKey(usage ? { KeySpec: spec, KeyUsage: usage } : { KeySpec: spec });
      keys[id] = { keyId: md.KeyId, versionId: md.PrimaryKeyVersion, md };
    }
    return keys[id];
  };
  const publicKey = async (k) => {
    if (!k.pem) {
      const b = ok(await call('GetPublicKey', { KeyId: k.keyId, KeyVersionId: k.versionId }));
      assert.equal(b.KeyId, k.keyId, 'GetPublicKey KeyId');
      assert.equal(b.KeyVersionId, k.versionId, 'GetPublicKey KeyVersionId');
      assert.match(b.PublicKey, PEM, 'PublicKey is a PUBLIC KEY PEM with LF line ends');
      k.pem = b.PublicKey;
    }
    return k.pem;
  };

  // ---------------------------------------------------------------- CreateKey and DescribeKey
  for (const [spec, usage, expected] of [
    ['RSA_2048', undefined, 'SIGN/VERIFY'], ['RSA_2048', 'ENCRYPT/DECRYPT', 'ENCRYPT/DECRYPT'], ['EC_P256', undefined, 'SIGN/VERIFY'], ['EC_P256K', 'SIGN/VERIFY', 'SIGN/VERIFY'],
    ['EC_SM2', undefined, 'SIGN/VERIFY'], ['EC_SM2', 'ENCRYPT/DECRYPT', 'ENCRYPT/DECRYPT'],
    ...MAC_CASES.map((c) => [c.spec, undefined, 'GENERATE/VERIFY_MAC']),
  ]) {
    await check(name, `keypairs: CreateKey ${spec} ${usage || '(default usage)'} + DescribeKey`, async () => {
      const k = await pair(spec, usage);
      assert.equal(k.md.KeySpec, spec, 'KeySpec');
      assert.equal(k.md.KeyUsage, expected, 'KeyUsage');
      assert.equal(k.md.KeyState, 'Enabled', 'KeyState');
      assert.equal(k.md.AutomaticRotation, 'Disabled', 'AutomaticRotation');
      const d = ok(await call('DescribeKey', { KeyId: k.keyId })).KeyMetadata;
      assert.equal(d.KeySpec, spec, 'DescribeKey KeySpec');
      assert.equal(d.KeyUsage, expected, 'DescribeKey KeyUsage');
    });
  }

  // ---------------------------------------------------------------- sign and verify
  for (const c of SIGN_CASES) {
    await check(name, `keypairs: ${c.spec} ${c.algorithm} AsymmetricSign verifies outside Coffer with the GetPublicKey PEM`, async () => {
      const k = await pair(c.spec);
      const pem = await publicKey(k);
      const message = Buffer.from(`signed by ${name} ${h.runId}`);
      const digest = c.algorithm === 'SM2DSA' ? crypto.randomBytes(32) : crypto.createHash('sha256').update(message).digest();
      const b = ok(await call('AsymmetricSign', { Algorithm: c.algorithm, Digest: digest.toString('base64'), KeyId: k.keyId, KeyVersionId: k.versionId }));
      assert.equal(b.KeyId, k.keyId, 'KeyId');
      assert.equal(b.KeyVersionId, k.versionId, 'KeyVersionId');
      const signature = Buffer.from(b.Value, 'base64');
      assert.ok(verifyOutside(h, pem, c.algorithm, message, digest, signature), 'signature verifies outside Coffer');
      const other = c.algorithm === 'SM2DSA' ? crypto.randomBytes(32) : crypto.createHash('sha256').update('other').digest();
      assert.ok(!verifyOutside(h, pem, c.algorithm, Buffer.from('other'), other, signature), 'and not for another message');
      k.sample = { digest, signature, algorithm: c.algorithm };
    });
    await check(name, `keypairs: ${c.spec} ${c.algorithm} AsymmetricVerify true, tampered false`, async () => {
      const k = need(keys[`${c.spec}/default`], `${c.spec} key`);
      const s = need(k.sample, `${c.spec} signature`);
      const verify = async (digest, signature) => ok(await call('AsymmetricVerify', {
        Algorithm: s.algorithm, Digest: digest.toString('base64'), KeyId: k.keyId, KeyVersionId: k.versionId, Value: signature.toString('base64') }));
      const good = await verify(s.digest, s.signature);
      assert.strictEqual(good.Value, true, 'Value is the JSON boolean true');
      const flipped = Buffer.from(s.signature);
      flipped[flipped.length - 1] ^= 1;
      assert.strictEqual((await verify(s.digest, flipped)).Value, false, 'tampered signature: false');
      assert.strictEqual((await verify(crypto.randomBytes(32), s.signature)).Value, false, 'other digest: false');
    });
  }

  // ---------------------------------------------------------------- encrypt and decrypt
  for (const c of ENCRYPT_CASES) {
    await check(name, `keypairs: ${c.spec} ${c.algorithm} AsymmetricEncrypt → AsymmetricDecrypt`, async () => {
      const k = await pair(c.spec, 'ENCRYPT/DECRYPT');
      const plaintext = crypto.randomBytes(48);
      const e = ok(await call('AsymmetricEncrypt', { Algorithm: c.algorithm, KeyId: k.keyId, KeyVersionId: k.versionId, Plaintext: plaintext.toString('base64') }));
      assert.equal(e.KeyVersionId, k.versionId, 'KeyVersionId');
      const d = ok(await call('AsymmetricDecrypt', { Algorithm: c.algorithm, CiphertextBlob: e.CiphertextBlob, KeyId: k.keyId, KeyVersionId: k.versionId }));
      assert.deepEqual(Buffer.from(d.Plaintext, 'base64'), plaintext, 'Plaintext round trip');
      k.blob = e.CiphertextBlob;
    });
    await check(name, `keypairs: ${c.spec} ${c.algorithm} ciphertext made outside Coffer → AsymmetricDecrypt`, async () => {
      const k = await pair(c.spec, 'ENCRYPT/DECRYPT');
      const plaintext = crypto.randomBytes(40);
      const ciphertext = encryptOutside(h, await publicKey(k), c.algorithm, plaintext);
      const d = ok(await call('AsymmetricDecrypt', { Algorithm: c.algorithm, CiphertextBlob: ciphertext.toString('base64'), KeyId: k.keyId, KeyVersionId: k.versionId }));
      assert.deepEqual(Buffer.from(d.Plaintext, 'base64'), plaintext, 'decrypted what node/openssl encrypted');
    });
  }

  // ---------------------------------------------------------------- HMAC
  for (const c of MAC_CASES) {
    await check(name, `keypairs: ${c.spec} GenerateMac → VerifyMac true, tampered false`, async () => {
      const k = await pair(c.spec);
      const message = Buffer.from(`mac ${name} ${h.runId}`).toString('base64');
      const g = ok(await call('GenerateMac', { Algorithm: c.algorithm, KeyId: k.keyId, Message: message }));
      assert.equal(g.Algorithm, c.algorithm, 'Algorithm echoed');
      assert.equal(g.KeyId, k.keyId, 'KeyId');
      const mac = Buffer.from(g.Mac, 'base64');
      assert.equal(mac.length, c.length, 'full-length MAC');
      const v = ok(await call('VerifyMac', { Algorithm: c.algorithm, KeyId: k.keyId, Mac: g.Mac, Message: message }));
      assert.strictEqual(v.Value, true, 'Value is the JSON boolean true');
      mac[0] ^= 0x80;
      const bad = ok(await call('VerifyMac', { Algorithm: c.algorithm, KeyId: k.keyId, Mac: mac.toString('base64'), Message: message }));
      assert.strictEqual(bad.Value, false, 'tampered MAC: false');
    });
  }
  await check(name, 'keypairs: HMAC CreateKeyVersion → new MACs differ, old MACs still verify', async () => {
    const md = await createKey({ KeySpec: 'HMAC_SHA256' });
    const message = Buffer.from('rotate me').toString('base64');
    const before = ok(await call('GenerateMac', { Algorithm: 'HMAC_SHA_256', KeyId: md.KeyId, Message: message })).Mac;
    ok(await call('CreateKeyVersion', { KeyId: md.KeyId }));
    const after = ok(await call('GenerateMac', { Algorithm: 'HMAC_SHA_256', KeyId: md.KeyId, Message: message })).Mac;
    assert.notEqual(after, before, 'a new version gives a new MAC');
    assert.strictEqual(ok(await call('VerifyMac', { Algorithm: 'HMAC_SHA_256', KeyId: md.KeyId, Mac: before, Message: message })).Value, true, 'old MAC verifies');
  });
  await check(name, 'keypairs: key pair CreateKeyVersion → old version still verifies, new PEM differs', async () => {
    const md = await createKey({ KeySpec: 'EC_P256' });
    const digest = crypto.randomBytes(32).toString('base64');
    const sig = ok(await call('AsymmetricSign', { Algorithm: 'ECDSA_SHA_256', Digest: digest, KeyId: md.KeyId, KeyVersionId: md.PrimaryKeyVersion })).Value;
    const v2 = ok(await call('CreateKeyVersion', { KeyId: md.KeyId })).KeyVersion.KeyVersionId;
    const pem1 = ok(await call('GetPublicKey', { KeyId: md.KeyId, KeyVersionId: md.PrimaryKeyVersion })).PublicKey;
    const pem2 = ok(await call('GetPublicKey', { KeyId: md.KeyId, KeyVersionId: v2 })).PublicKey;
    assert.notEqual(pem1, pem2, 'versions have different public keys');
    const v = ok(await call('AsymmetricVerify', { Algorithm: 'ECDSA_SHA_256', Digest: digest, KeyId: md.KeyId, KeyVersionId: md.PrimaryKeyVersion, Value: sig }));
    assert.strictEqual(v.Value, true, 'old version verifies');
  });

  // ---------------------------------------------------------------- errors
  const err = (step, fn) => check(name, 'keypairs: ' + step, fn);
  const k = (id) => need(keys[id], id);
  await err('CreateKey EC_P256 ENCRYPT/DECRYPT → InvalidParameter KeyUsage', async () => {
    expectError(mode, await call('CreateKey', { KeySpec: 'EC_P256', KeyUsage: 'ENCRYPT/DECRYPT' }), 'InvalidParameter', { param: 'KeyUsage' });
  });
  await err('CreateKey HMAC_SHA256 SIGN/VERIFY → InvalidParameter KeyUsage', async () => {
    expectError(mode, await call('CreateKey', { KeySpec: 'HMAC_SHA256', KeyUsage: 'SIGN/VERIFY' }), 'InvalidParameter', { param: 'KeyUsage' });
  });
  await err('CreateKey RSA_2048 Origin=EXTERNAL → InvalidParameter Origin', async () => {
    expectError(mode, await call('CreateKey', { KeySpec: 'RSA_2048', Origin: 'EXTERNAL' }), 'InvalidParameter', { param: 'Origin' });
  });
  await err('CreateKey EC_SM2 with automatic rotation → InvalidParameter EnableAutomaticRotation', async () => {
    expectError(mode, await call('CreateKey', { KeySpec: 'EC_SM2', EnableAutomaticRotation: true, RotationInterval: '30d' }),
      'InvalidParameter', { param: 'EnableAutomaticRotation' });
  });
  await err('UpdateRotationPolicy on a key pair → Rejected.UnsupportedOperation', async () => {
    expectError(mode, await call('UpdateRotationPolicy', { KeyId: k('EC_P256/default').keyId, EnableAutomaticRotation: true, RotationInterval: '30d' }),
      'Rejected.UnsupportedOperation');
  });
  await err('AsymmetricSign with another spec\'s Algorithm → InvalidParameter Algorithm', async () => {
    const p = k('EC_P256/default');
    expectError(mode, await call('AsymmetricSign', { Algorithm: 'RSA_PSS_SHA_256', Digest: crypto.randomBytes(32).toString('base64'), KeyId: p.keyId, KeyVersionId: p.versionId }),
      'InvalidParameter', { param: 'Algorithm' });
  });
  await err('AsymmetricSign with a 31-byte Digest → InvalidParameter Digest', async () => {
    const p = k('EC_P256/default');
    expectError(mode, await call('AsymmetricSign', { Algorithm: 'ECDSA_SHA_256', Digest: crypto.randomBytes(31).toString('base64'), KeyId: p.keyId, KeyVersionId: p.versionId }),
      'InvalidParameter', { param: 'Digest' });
  });
  await err('AsymmetricSign on an ENCRYPT/DECRYPT key → Rejected.UnsupportedOperation', async () => {
    const p = k('RSA_2048/ENCRYPT/DECRYPT');
    expectError(mode, await call('AsymmetricSign', { Algorithm: 'RSA_PSS_SHA_256', Digest: crypto.randomBytes(32).toString('base64'), KeyId: p.keyId, KeyVersionId: p.versionId }),
      'Rejected.UnsupportedOperation');
  });
  await err('AsymmetricEncrypt on a SIGN/VERIFY key → Rejected.UnsupportedOperation', async () => {
    const p = k('EC_SM2/default');
    expectError(mode, await call('AsymmetricEncrypt', { Algorithm: 'SM2PKE', KeyId: p.keyId, KeyVersionId: p.versionId, Plaintext: 'AQID' }),
      'Rejected.UnsupportedOperation');
  });
  await err('Encrypt on a key pair → Rejected.UnsupportedOperation', async () => {
    expectError(mode, await call('Encrypt', { KeyId: k('RSA_2048/ENCRYPT/DECRYPT').keyId, Plaintext: 'x' }), 'Rejected.UnsupportedOperation');
  });
  await err('GenerateDataKey on an HMAC key → Rejected.UnsupportedOperation', async () => {
    expectError(mode, await call('GenerateDataKey', { KeyId: k('HMAC_SHA256/default').keyId }), 'Rejected.UnsupportedOperation');
  });
  await err('GetPublicKey on a symmetric key → Rejected.UnsupportedOperation', async () => {
    const md = await createKey({});
    expectError(mode, await call('GetPublicKey', { KeyId: md.KeyId, KeyVersionId: md.PrimaryKeyVersion }), 'Rejected.UnsupportedOperation');
  });
  await err('GetPublicKey of another key\'s version → Forbidden.KeyVersionNotFound', async () => {
    expectError(mode, await call('GetPublicKey', { KeyId: k('EC_P256/default').keyId, KeyVersionId: k('EC_SM2/default').versionId }), 'Forbidden.KeyVersionNotFound');
  });
  await err('AsymmetricDecrypt of a tampered ciphertext → InvalidParameter CiphertextBlob', async () => {
    const p = k('EC_SM2/ENCRYPT/DECRYPT');
    const raw = Buffer.from(need(p.blob, 'SM2 ciphertext'), 'base64');
    raw[raw.length - 1] ^= 1;
    expectError(mode, await call('AsymmetricDecrypt', { Algorithm: 'SM2PKE', CiphertextBlob: raw.toString('base64'), KeyId: p.keyId, KeyVersionId: p.versionId }),
      'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await err('GenerateMac with another spec\'s Algorithm → InvalidParameter Algorithm', async () => {
    expectError(mode, await call('GenerateMac', { Algorithm: 'HMAC_SHA_512', KeyId: k('HMAC_SHA256/default').keyId, Message: 'AQID' }),
      'InvalidParameter', { param: 'Algorithm' });
  });
  await err('GenerateMac on a key pair → Rejected.UnsupportedOperation', async () => {
    expectError(mode, await call('GenerateMac', { Algorithm: 'HMAC_SHA_256', KeyId: k('EC_P256/default').keyId, Message: 'AQID' }), 'Rejected.UnsupportedOperation');
  });
  await err('AsymmetricSign on a Disabled key → Rejected.Disabled', async () => {
    const md = await createKey({ KeySpec: 'EC_P256K' });
    ok(await call('DisableKey', { KeyId: md.KeyId }));
    expectError(mode, await call('AsymmetricSign', { Algorithm: 'ECDSA_SHA_256', Digest: crypto.randomBytes(32).toString('base64'), KeyId: md.KeyId, KeyVersionId: md.PrimaryKeyVersion }),
      'Rejected.Disabled');
  });
}

module.exports = { runAsymmetric };
