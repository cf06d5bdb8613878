#!/usr/bin/env node
'use strict';
// Coffer compatibility harness: drives a real Coffer server with the official Alibaba Cloud KMS Node
// clients (six client modes) and with hand-signed requests (protocol checks).
//
//   node run.js                         starts Coffer itself (COFFER_DLL, default ../../src/Coffer.Cli/bin/Release/net10.0/coffer.dll)
//   KMS_ENDPOINT=http://127.0.0.1:8080 KMS_ACCESS_KEY_ID=... KMS_ACCESS_KEY_SECRET=... node run.js
//                                       runs against an already-running server instead
//   COMPAT_MODES=pop-core-get,openapi-core node run.js    only those client modes (protocol checks always run)
//
// Output: one line per check ("ok <mode> <step>", "FAIL <mode> <step>: reason", "skip <mode> <step>: reason"),
// then "N passed, N failed, N skipped". Exit code 1 if anything failed.

// ---------------------------------------------------------------------------------------------------
// Expected errors: Code → HTTP status and Message (DECISIONS.md "Errors" and the seed's public error table).
// A function Message takes the parameter name it must name.
const ERRORS = {
  'Forbidden.KeyNotFound': { status: 404, message: 'The specified Key is not found.' },
  'Forbidden.AliasNotFound': { status: 404, message: 'The specified Alias is not found.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'The AccessKey ID provided does not exist in our records.' },
  'InvalidAction.NotFound': { status: 404, message: 'Specified api is not found, please check your url and method.' },
  MissingParameter: { status: 400, message: (p) => `The parameter "${p}" is needed but not provided.` },
  InvalidParameter: { status: 400, message: (p) => `The specified parameter "${p}" is not valid.` },
  // On a signature mismatch the Message is this text + ' server string to sign is:' + the StringToSign/CanonicalRequest.
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to Alibaba Cloud standards.' },
  IllegalTimestamp: { status: 400, message: 'The input parameter "Timestamp" that is required for processing this request is not supplied.' },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  UnsupportedHTTPMethod: { status: 403, message: 'This http method is not supported.' },
  ParseRequestParameterException: { status: 400, message: 'Server parse parameters exception. Please check your input params.' },
  // Key management (seed table, DECISIONS.md "Codes outside the seed")
  'Forbidden.KeyVersionNotFound': { status: 404, message: 'The specified KeyVersion is not found.' },
  'Forbidden.ResourceNotFound': { status: 404, message: 'The specified resource is not found.' },
  AliasAlreadyExists: { status: 400, message: 'AliasName Already Exists.' },
  'Unsupported.Alias': { status: 400, message: 'Alias is not valid for this api.' },
  'Rejected.LimitExceeded': { status: 400, message: 'The request was rejected because user create resource limit was exceeded.' },
  'Rejected.StateModifiedFailed': { status: 409, message: 'Keystate modified failed.' },
  'Rejected.Disabled': { status: 409, message: 'The request was rejected because the key state is Disabled.' },
  'Rejected.PendingDeletion': { status: 409, message: 'The request was rejected because the key state is PendingDeletion.' },
  // Access control (seed table; DECISIONS.md "Keys and ciphertexts")
  'Forbidden.NoPermission': { status: 403, message: 'This operation is forbidden by permission system.' },
  DryRunOperationError: { status: 400, message: 'The request would have succeeded, but the DryRun flag is set.' },
  // Secrets Manager (DECISIONS.md "Codes outside the seed", "Secrets")
  'Rejected.UnsupportedOperation': { status: 400, message: 'The request was rejected because the operation is not supported.' },
  'Rejected.ResourceExist': { status: 409, message: 'The request was rejected because the resource already exists.' },
  'Rejected.ResourceInDeleteWindow': { status: 409, message: 'The request was rejected because the resource is pending deletion.' },
  // Bring your own key (seed table)
  InvalidKeyMaterial: { status: 400, message: 'key material is invalid.' },
  InvalidImportToken: { status: 400, message: 'import token is invalid.' },
  ExpiredImportToken: { status: 400, message: 'import token is expired.' },
  'Unsupported.Origin': { status: 400, message: 'This key origin is not valid for this api.' },
  'Rejected.PendingImport': { status: 409, message: 'The request was rejected because the key state is PendingImport.' },
  // Account states and throttling (seed table; DECISIONS.md "Errors")
  'Forbidden.AccessKey': { status: 403, message: 'This AccessKey is not enabled.' },
  'Forbidden.KmsServiceNotEnabled': { status: 403, message: 'Kms service is not Enabled for current user. Please get access permission first.' },
  'Forbidden.InDebt': { status: 403, message: 'Current user is indebted.' },
  'Forbidden.InDebtOverdue': { status: 403, message: 'Current user is indebted Overdue.' },
  'Forbidden.ProhibitedByRiskControl': { status: 403, message: 'Current user is Prohibited By Risk Control.' },
  'Forbidden.UbsmsInvalidUserid': { status: 403, message: 'Userid Invalid For Ubsms.' },
  'Forbidden.UbsmsInvalidBid': { status: 403, message: 'Your account partner does not have KMS Service.' },
  'Rejected.Throttling': { status: 429, message: 'QPS Limit Exceeded' },
};
const SIGNATURE_MISMATCH_SUFFIX = ' server string to sign is:';

// ---------------------------------------------------------------------------------------------------
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');
const { MODES, makeMode } = require('./lib/adapters');
const { makeRaw } = require('./lib/raw');
const { startCoffer } = require('./lib/server');
const { timestamp, nonce } = require('./lib/sign');
const { runManagement } = require('./lib/management');
const { makeTerraformWire, runTerraform } = require('./lib/terraform');
const { runSecrets, runSecretsTerraform, runSyncer, runSecretsProtocol } = require('./lib/secrets');
const { runExport } = require('./lib/export');
const { runImport } = require('./lib/import');
const { runAsymmetric } = require('./lib/asymmetric');
const { runAccess, runThrottling } = require('./lib/access');

const REGION = 'cn-hangzhou';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UTC_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SPECIAL_DESCRIPTION = "Test key (ü) *!'~ a+b/c=d&e";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const runId = crypto.randomBytes(4).toString('hex');

// ---------------------------------------------------------------------------------------------------
// Reporting
const counts = { passed: 0, failed: 0, skipped: 0 };
class Skip extends Error {}
const skip = (reason) => { throw new Skip(reason); };
const oneLine = (s) => String(s).replace(/\s*\n\s*/g, ' | ').slice(0, 600);

async function check(mode, step, fn) {
  try {
    await fn();
    counts.passed++;
    console.log(`ok ${mode} ${step}`);
    return true;
  } catch (e) {
    if (e instanceof Skip) {
      counts.skipped++;
      console.log(`skip ${mode} ${step}: ${oneLine(e.message)}`);
    } else {
      counts.failed++;
      console.log(`FAIL ${mode} ${step}: ${oneLine(e && e.message ? e.message : e)}`);
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Assertions on adapter results
function describe(r) {
  if (!r) return String(r);
  if (r.unsupported) return 'unsupported: ' + r.reason;
  if (r.clientError) return 'client threw ' + r.message;
  if (r.ok) return 'success ' + JSON.stringify(r.body).slice(0, 300);
  return `error ${r.code} status=${r.status} message=${JSON.stringify(r.message)} requestId=${r.requestId}`;
}

// Expect success; returns the body. Unsupported → skip.
function ok(r) {
  if (r && r.unsupported) skip(r.reason);
  if (!r || !r.ok) assert.fail('expected success, got ' + describe(r));
  const b = r.body;
  assert.ok(b && typeof b === 'object' && !Array.isArray(b), 'success body is not a JSON object');
  assert.ok(!('Code' in b), 'success body carries a Code: ' + JSON.stringify(b).slice(0, 200));
  assert.ok(typeof b.RequestId === 'string' && b.RequestId.length > 0, 'success body without RequestId');
  if (r.status !== undefined) assert.equal(r.status, 200, 'success HTTP status');
  return b;
}

function expectedMessage(code, param) {
  const m = ERRORS[code].message;
  return typeof m === 'function' ? m(param) : m;
}

// Expect an error reply with Code, status (where exposed), RequestId and the catalogue Message.
// opts.param: the parameter the Message must name; opts.mismatch: IncompleteSignature with the
// "server string to sign is:" tail; opts.messageAny: list of acceptable Messages.
function expectError(mode, r, code, opts = {}) {
  if (r && r.unsupported) skip(r.reason);
  if (!r || r.ok) assert.fail(`expected ${code}, got ${describe(r)}`);
  if (r.clientError) assert.fail(`expected ${code}, got ${describe(r)}`);
  assert.equal(r.code, code, `Code (got ${describe(r)})`);
  if (mode.exposesStatus) assert.equal(r.status, ERRORS[code].status, 'HTTP status');
  assert.ok(typeof r.requestId === 'string' && r.requestId.length > 0, 'RequestId empty');
  checkMessage(r.message, code, opts);
}

function checkMessage(message, code, opts = {}) {
  if (opts.mismatch) {
    const prefix = ERRORS[code].message + SIGNATURE_MISMATCH_SUFFIX;
    assert.ok(typeof message === 'string' && message.startsWith(prefix), `Message should start ${JSON.stringify(prefix)}, got ${JSON.stringify(message)}`);
  } else if (opts.messageAny) {
    assert.ok(opts.messageAny.includes(message), `Message ${JSON.stringify(message)} not one of ${JSON.stringify(opts.messageAny)}`);
  } else {
    assert.equal(message, expectedMessage(code, opts.param), 'Message');
  }
}

function checkErrorBody(body, status) {
  assert.ok(body && typeof body === 'object', 'error body is not JSON');
  for (const f of ['RequestId', 'HostId', 'Code', 'Message']) {
    assert.ok(typeof body[f] === 'string' && body[f].length > 0, `error body field ${f} missing or empty: ${JSON.stringify(body).slice(0, 300)}`);
  }
  assert.equal(typeof body.HttpStatus, 'number', 'HttpStatus is not a JSON number');
  assert.equal(body.HttpStatus, status, 'HttpStatus equals the HTTP status');
  assert.notEqual(body.HostId, `kms.${REGION}.aliyuncs.com`, 'HostId must name the node, not the Alibaba host');
}

// Checks shared by CreateKey and DescribeKey
function checkKeyMetadata(md, expect) {
  assert.ok(md && typeof md === 'object', 'KeyMetadata missing');
  assert.match(md.KeyId, GUID, 'KeyId is a lower-case GUID');
  assert.match(md.Arn, new RegExp(`^acs:kms:${REGION}:\\d{16}:key/${md.KeyId}$`), 'Arn');
  assert.equal(md.KeyState, 'Enabled', 'KeyState');
  assert.equal(md.KeySpec, expect.keySpec || 'Aliyun_AES_256', 'KeySpec');
  assert.equal(md.KeyUsage, 'ENCRYPT/DECRYPT', 'KeyUsage');
  assert.equal(md.Origin, 'Aliyun_KMS', 'Origin');
  assert.equal(md.ProtectionLevel, 'SOFTWARE', 'ProtectionLevel');
  assert.match(md.CreationDate, UTC_SECONDS, 'CreationDate');
  assert.match(md.PrimaryKeyVersion, GUID, 'PrimaryKeyVersion');
  if (expect.description !== undefined) assert.equal(md.Description, expect.description, 'Description echoed');
}

function checkBlob(blob, keyVersionId, plaintextText) {
  assert.equal(typeof blob, 'string', 'CiphertextBlob is a string');
  assert.match(blob, BASE64, 'CiphertextBlob is base64');
  const raw = Buffer.from(blob, 'base64');
  assert.equal(raw.subarray(0, 36).toString('ascii'), keyVersionId, 'first 36 bytes of the blob are the KeyVersionId');
  if (plaintextText !== undefined) {
    assert.equal(raw.length, 64 + Buffer.byteLength(plaintextText, 'utf8'), 'blob length = 64 + plaintext bytes');
  }
}

function flipLastByte(blob) {
  const raw = Buffer.from(blob, 'base64');
  raw[raw.length - 1] ^= 0x01;
  return raw.toString('base64');
}

// The helpers lib/management.js and lib/terraform.js use.
const H = { check, ok, expectError, expectedMessage, skip, checkBlob, REGION, GUID, UTC_SECONDS, BASE64, SPECIAL_DESCRIPTION, runId };

// ---------------------------------------------------------------------------------------------------
// Scenario for one client mode
async function runMode(name, ctx) {
  const mode = makeMode(name, ctx.conn);
  const st = { keys: [] };
  const call = (action, params, opts) => mode.call(action, params, opts);
  const CTX = { purpose: 'compat', run: runId, mode: name };
  const CTX_REORDERED = { mode: name, run: runId, purpose: 'compat' };
  const PT = crypto.randomBytes(32).toString('base64');
  const need = (v, what) => { if (!v) assert.fail(`prerequisite missing: ${what}`); return v; };

  await check(name, 'DescribeRegions', async () => {
    const b = ok(await call('DescribeRegions', {}));
    assert.ok(b.Regions && Array.isArray(b.Regions.Region), 'Regions.Region is an array: ' + JSON.stringify(b).slice(0, 200));
    assert.ok(b.Regions.Region.some((r) => r.RegionId === REGION), `Regions contain ${REGION}`);
  });
  await check(name, 'DescribeAccountKmsStatus', async () => {
    const b = ok(await call('DescribeAccountKmsStatus', {}));
    assert.equal(b.AccountStatus, 'Enabled', 'AccountStatus');
  });
  await check(name, 'OpenKmsService', async () => { ok(await call('OpenKmsService', {})); });

  await check(name, 'CreateKey default spec', async () => {
    const description = `${SPECIAL_DESCRIPTION} ${name}`;
    const b = ok(await call('CreateKey', { Description: description }));
    checkKeyMetadata(b.KeyMetadata, { description });
    st.k1 = b.KeyMetadata;
    st.keys.push(b.KeyMetadata.KeyId);
  });

  for (const spec of ['Aliyun_AES_128', 'Aliyun_AES_192', 'Aliyun_SM4']) {
    await check(name, `CreateKey ${spec} + Encrypt/Decrypt`, async () => {
      const b = ok(await call('CreateKey', { KeySpec: spec, Description: `compat ${spec}` }));
      checkKeyMetadata(b.KeyMetadata, { keySpec: spec, description: `compat ${spec}` });
      st.keys.push(b.KeyMetadata.KeyId);
      const e = ok(await call('Encrypt', { KeyId: b.KeyMetadata.KeyId, Plaintext: PT, EncryptionContext: CTX }));
      assert.equal(e.KeyId, b.KeyMetadata.KeyId, 'Encrypt KeyId');
      assert.equal(e.KeyVersionId, b.KeyMetadata.PrimaryKeyVersion, 'Encrypt KeyVersionId');
      checkBlob(e.CiphertextBlob, e.KeyVersionId, PT);
      const d = ok(await call('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: CTX }));
      assert.equal(d.Plaintext, PT, 'Decrypt Plaintext');
      assert.equal(d.KeyId, b.KeyMetadata.KeyId, 'Decrypt KeyId');
    });
  }

  await check(name, 'DescribeKey', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const b = ok(await call('DescribeKey', { KeyId: k1.KeyId }));
    checkKeyMetadata(b.KeyMetadata, { description: k1.Description });
    for (const f of ['KeyId', 'Arn', 'CreationDate', 'PrimaryKeyVersion', 'KeySpec', 'KeyState', 'Description', 'Creator']) {
      assert.equal(b.KeyMetadata[f], k1[f], `DescribeKey ${f} equals CreateKey's`);
    }
  });
  await check(name, 'DescribeKey DeletionProtection', async () => {
    const k1 = need(st.k1, 'CreateKey');
    if (mode.typed) skip('the typed DescribeKey model of @alicloud/kms20160120 1.2.0 drops DeletionProtection');
    const b = ok(await call('DescribeKey', { KeyId: k1.KeyId }));
    assert.equal(b.KeyMetadata.DeletionProtection, 'Disabled', 'DeletionProtection');
  });
  await check(name, 'DescribeKey by key ARN', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const b = ok(await call('DescribeKey', { KeyId: k1.Arn }));
    assert.equal(b.KeyMetadata.KeyId, k1.KeyId, 'resolved KeyId');
  });

  await check(name, 'ListKeys', async () => {
    const b = ok(await call('ListKeys', { PageNumber: 1, PageSize: 100 }));
    assert.equal(typeof b.PageNumber, 'number', 'PageNumber is a number');
    assert.equal(typeof b.PageSize, 'number', 'PageSize is a number');
    assert.equal(typeof b.TotalCount, 'number', 'TotalCount is a number');
    assert.equal(b.PageNumber, 1, 'PageNumber');
    assert.equal(b.PageSize, 100, 'PageSize');
    assert.ok(b.TotalCount >= st.keys.length, `TotalCount ${b.TotalCount} >= ${st.keys.length} created`);
    assert.ok(b.Keys && Array.isArray(b.Keys.Key), 'Keys.Key is an array');
    for (const k of b.Keys.Key) {
      assert.match(k.KeyId, GUID, 'item KeyId');
      assert.match(k.KeyArn, new RegExp(`^acs:kms:${REGION}:\\d{16}:key/${k.KeyId}$`), 'item KeyArn');
    }
  });
  await check(name, 'ListKeys paging PageSize=1 finds all', async () => {
    const seen = new Set();
    let total;
    for (let page = 1; page <= 1000; page++) {
      const b = ok(await call('ListKeys', { PageNumber: page, PageSize: 1 }));
      assert.equal(b.PageNumber, page, 'PageNumber echoed');
      assert.equal(b.PageSize, 1, 'PageSize echoed');
      if (total === undefined) total = b.TotalCount;
      assert.ok(Array.isArray(b.Keys && b.Keys.Key), `page ${page}: Keys.Key is an array`);
      if (b.Keys.Key.length === 0) break;
      assert.equal(b.Keys.Key.length, 1, `page ${page} has one item`);
      seen.add(b.Keys.Key[0].KeyId);
      if (page >= total) break;
    }
    assert.ok(seen.size >= Math.min(total, st.keys.length), 'distinct keys seen');
    for (const id of st.keys) assert.ok(seen.has(id), `key ${id} found by paging (${seen.size} seen of TotalCount ${total})`);
  });

  await check(name, 'Encrypt with EncryptionContext', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const b = ok(await call('Encrypt', { KeyId: k1.KeyId, Plaintext: PT, EncryptionContext: CTX }));
    assert.equal(b.KeyId, k1.KeyId, 'KeyId');
    assert.equal(b.KeyVersionId, k1.PrimaryKeyVersion, 'KeyVersionId is the PrimaryKeyVersion');
    checkBlob(b.CiphertextBlob, b.KeyVersionId, PT);
    st.sample = { blob: b.CiphertextBlob, ctx: CTX, plaintext: PT, keyId: k1.KeyId, keyVersionId: b.KeyVersionId };
  });
  await check(name, 'Decrypt', async () => {
    const s = need(st.sample, 'Encrypt');
    const b = ok(await call('Decrypt', { CiphertextBlob: s.blob, EncryptionContext: s.ctx }));
    assert.equal(b.Plaintext, s.plaintext, 'Plaintext');
    assert.equal(b.KeyId, s.keyId, 'KeyId');
    assert.equal(b.KeyVersionId, s.keyVersionId, 'KeyVersionId');
  });
  await check(name, 'Decrypt with context keys reordered', async () => {
    const s = need(st.sample, 'Encrypt');
    const b = ok(await call('Decrypt', { CiphertextBlob: s.blob, EncryptionContext: CTX_REORDERED }));
    assert.equal(b.Plaintext, s.plaintext, 'Plaintext');
  });
  await check(name, 'Encrypt by key ARN', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const b = ok(await call('Encrypt', { KeyId: k1.Arn, Plaintext: PT }));
    assert.equal(b.KeyId, k1.KeyId, 'resolved KeyId');
    const d = ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob }));
    assert.equal(d.Plaintext, PT, 'Plaintext');
  });
  await check(name, 'Encrypt raw non-base64 text round trip', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const text = 'hello world!';
    const b = ok(await call('Encrypt', { KeyId: k1.KeyId, Plaintext: text }));
    checkBlob(b.CiphertextBlob, b.KeyVersionId, text);
    const d = ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob }));
    assert.equal(d.Plaintext, text, 'Plaintext');
  });
  await check(name, 'Encrypt 6144-byte Plaintext (long URL) + Decrypt', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const big = crypto.randomBytes(4608).toString('base64'); // 6144 characters
    const b = ok(await call('Encrypt', { KeyId: k1.KeyId, Plaintext: big, EncryptionContext: CTX }));
    checkBlob(b.CiphertextBlob, b.KeyVersionId, big);
    const d = ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob, EncryptionContext: CTX }));
    assert.equal(d.Plaintext, big, 'Plaintext');
  });
  if (name === 'kms20160120') {
    // What a real caller of the typed client does: pass the context as an object, which 1.2.0 sends
    // as EncryptionContext.k=v (dotted form).
    await check(name, 'Encrypt with object context (dotted on the wire) + Decrypt', async () => {
      const k1 = need(st.k1, 'CreateKey');
      const e = ok(await call('Encrypt', { KeyId: k1.KeyId, Plaintext: PT, EncryptionContext: CTX }, { rawObjects: true }));
      const d1 = ok(await call('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: CTX_REORDERED }));
      assert.equal(d1.Plaintext, PT, 'JSON-context Decrypt of a dotted-context blob');
      const d2 = ok(await call('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: CTX_REORDERED }, { rawObjects: true }));
      assert.equal(d2.Plaintext, PT, 'dotted-context Decrypt');
    });
  }

  await check(name, 'GenerateDataKey default', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const b = ok(await call('GenerateDataKey', { KeyId: k1.KeyId, EncryptionContext: CTX }));
    assert.equal(b.KeyId, k1.KeyId, 'KeyId');
    assert.match(b.Plaintext, BASE64, 'Plaintext is base64');
    assert.equal(Buffer.from(b.Plaintext, 'base64').length, 32, 'data key is 32 bytes');
    checkBlob(b.CiphertextBlob, b.KeyVersionId, b.Plaintext);
    const d = ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob, EncryptionContext: CTX }));
    assert.equal(d.Plaintext, b.Plaintext, 'blob decrypts to the same Plaintext text');
  });
  await check(name, 'GenerateDataKey KeySpec=AES_128', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const b = ok(await call('GenerateDataKey', { KeyId: k1.KeyId, KeySpec: 'AES_128' }));
    assert.equal(Buffer.from(b.Plaintext, 'base64').length, 16, 'data key is 16 bytes');
    const d = ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob }));
    assert.equal(d.Plaintext, b.Plaintext, 'blob decrypts');
  });
  await check(name, 'GenerateDataKey NumberOfBytes=64', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const b = ok(await call('GenerateDataKey', { KeyId: k1.KeyId, NumberOfBytes: 64 }));
    assert.equal(Buffer.from(b.Plaintext, 'base64').length, 64, 'data key is 64 bytes');
    const d = ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob }));
    assert.equal(d.Plaintext, b.Plaintext, 'blob decrypts');
  });
  await check(name, 'GenerateDataKeyWithoutPlaintext', async () => {
    const k1 = need(st.k1, 'CreateKey');
    const b = ok(await call('GenerateDataKeyWithoutPlaintext', { KeyId: k1.KeyId, EncryptionContext: CTX }));
    assert.equal(b.Plaintext, undefined, 'no Plaintext field');
    assert.equal(b.KeyId, k1.KeyId, 'KeyId');
    checkBlob(b.CiphertextBlob, b.KeyVersionId);
    const d = ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob, EncryptionContext: CTX }));
    assert.match(d.Plaintext, BASE64, 'decrypted Plaintext is base64');
    assert.equal(Buffer.from(d.Plaintext, 'base64').length, 32, 'decrypts to base64 of 32 bytes');
    checkBlob(b.CiphertextBlob, b.KeyVersionId, d.Plaintext);
  });

  // ---- error cases
  const err = (step, fn) => check(name, step, fn);
  await err('DescribeKey unknown key → Forbidden.KeyNotFound', async () => {
    const r = await call('DescribeKey', { KeyId: 'key-doesnotexist' });
    expectError(mode, r, 'Forbidden.KeyNotFound');
    st.keyNotFound = r;
  });
  await err('Encrypt unknown key → Forbidden.KeyNotFound', async () => {
    expectError(mode, await call('Encrypt', { KeyId: 'key-doesnotexist', Plaintext: PT }), 'Forbidden.KeyNotFound');
  });
  await err('error body has RequestId, HostId, Code, Message, HttpStatus', async () => {
    const r = need(st.keyNotFound, 'Forbidden.KeyNotFound reply');
    const data = Object.assign({}, r.data);
    if (name.startsWith('openapi-client')) delete data.statusCode; // injected by the client
    checkErrorBody(data, 404);
  });
  await err('DescribeKey alias/nope → Forbidden.AliasNotFound', async () => {
    expectError(mode, await call('DescribeKey', { KeyId: 'alias/nope' }), 'Forbidden.AliasNotFound');
  });
  await err('Encrypt alias/nope → Forbidden.AliasNotFound', async () => {
    expectError(mode, await call('Encrypt', { KeyId: 'alias/nope', Plaintext: PT }), 'Forbidden.AliasNotFound');
  });
  await err('Encrypt without Plaintext → MissingParameter', async () => {
    const k1 = need(st.k1, 'CreateKey');
    expectError(mode, await call('Encrypt', { KeyId: k1.KeyId }), 'MissingParameter', { param: 'Plaintext' });
  });
  await err('Encrypt 6145-byte Plaintext → InvalidParameter', async () => {
    const k1 = need(st.k1, 'CreateKey');
    expectError(mode, await call('Encrypt', { KeyId: k1.KeyId, Plaintext: 'a'.repeat(6145) }), 'InvalidParameter', { param: 'Plaintext' });
  });
  await err('Decrypt without CiphertextBlob → MissingParameter', async () => {
    expectError(mode, await call('Decrypt', { EncryptionContext: CTX }), 'MissingParameter', { param: 'CiphertextBlob' });
  });
  await err('Decrypt with wrong context → InvalidParameter', async () => {
    const s = need(st.sample, 'Encrypt');
    expectError(mode, await call('Decrypt', { CiphertextBlob: s.blob, EncryptionContext: Object.assign({}, CTX, { run: 'other' }) }),
      'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await err('Decrypt without the context → InvalidParameter', async () => {
    const s = need(st.sample, 'Encrypt');
    expectError(mode, await call('Decrypt', { CiphertextBlob: s.blob }), 'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await err('Decrypt flipped byte → InvalidParameter', async () => {
    const s = need(st.sample, 'Encrypt');
    expectError(mode, await call('Decrypt', { CiphertextBlob: flipLastByte(s.blob), EncryptionContext: CTX }),
      'InvalidParameter', { param: 'CiphertextBlob' });
  });
  for (const n of [0, 1025]) {
    await err(`GenerateDataKey NumberOfBytes=${n} → InvalidParameter`, async () => {
      const k1 = need(st.k1, 'CreateKey');
      expectError(mode, await call('GenerateDataKey', { KeyId: k1.KeyId, NumberOfBytes: n }), 'InvalidParameter', { param: 'NumberOfBytes' });
    });
  }
  await err('CreateKey KeySpec=Nope → InvalidParameter', async () => {
    expectError(mode, await call('CreateKey', { KeySpec: 'Nope' }), 'InvalidParameter', { param: 'KeySpec' });
  });
  await err('CreateKey Origin=external (wrong case) → InvalidParameter', async () => {
    expectError(mode, await call('CreateKey', { Origin: 'external' }), 'InvalidParameter', { param: 'Origin' });
  });
  await err('unknown Action → InvalidAction.NotFound', async () => {
    if (!mode.anyAction) skip('@alicloud/kms20160120 1.2.0 can only call its own typed actions');
    expectError(mode, await call('NoSuchAction', {}), 'InvalidAction.NotFound');
  });
  await err('wrong secret → IncompleteSignature', async () => {
    const bad = makeMode(name, Object.assign({}, ctx.conn, { accessKeySecret: ctx.conn.accessKeySecret + 'x' }));
    expectError(bad, await bad.call('ListKeys', {}), 'IncompleteSignature', { mismatch: true });
  });
  await err('unknown AccessKeyId → InvalidAccessKeyId.NotFound', async () => {
    const bad = makeMode(name, Object.assign({}, ctx.conn, { accessKeyId: 'LTAIcompatUnknown' + runId }));
    expectError(bad, await bad.call('ListKeys', {}), 'InvalidAccessKeyId.NotFound');
  });
  if (mode.exposesHeaders) {
    await check(name, 'x-acs-request-id header equals RequestId', async () => {
      const r = await call('DescribeRegions', {});
      const b = ok(r);
      assert.equal(r.headers['x-acs-request-id'], b.RequestId, 'x-acs-request-id header');
    });
  }

  // Key management and terraform replays (lib/management.js, lib/terraform.js).
  const t = { name, mode, call, st, CTX, PT, need };
  await runManagement(H, t);
  await runTerraform(H, t);
  await runSecrets(H, t);
  await runSecretsTerraform(H, t);
  await runExport(H, t);
  await runImport(H, t);
  await runAsymmetric(H, t);
  return { mode, sample: st.sample };
}

// ---------------------------------------------------------------------------------------------------
// Protocol checks with hand-signed requests
async function runProtocol(ctx) {
  const M = 'protocol';
  const raw = makeRaw(ctx.conn);
  const PT = crypto.randomBytes(32).toString('base64');
  const CTX = { purpose: 'protocol', run: runId };
  let keyId;

  // Success: 200, JSON object with RequestId, no Code, x-acs-request-id header equal to RequestId.
  function rawOk(res) {
    assert.ok(res.json && typeof res.json === 'object', `expected a JSON success, got ${res.status} ${res.text.slice(0, 300)}`);
    assert.equal(res.status, 200, `HTTP status (body ${res.text.slice(0, 300)})`);
    assert.ok(!('Code' in res.json), 'success body carries a Code');
    assert.ok(typeof res.json.RequestId === 'string' && res.json.RequestId.length > 0, 'RequestId');
    assert.equal(res.headers['x-acs-request-id'], res.json.RequestId, 'x-acs-request-id header equals RequestId');
    assert.match(String(res.headers['content-type']), /^application\/json/i, 'Content-Type');
    return res.json;
  }
  // Error: status, JSON body shape, Code, Message, x-acs-request-id header.
  function rawError(res, code, opts = {}) {
    assert.ok(res.json && typeof res.json === 'object', `expected JSON ${code}, got ${res.status} ${res.text.slice(0, 300)}`);
    assert.equal(res.json.Code, code, `Code (got ${res.status} ${res.text.slice(0, 300)})`);
    assert.equal(res.status, ERRORS[code].status, 'HTTP status');
    checkErrorBody(res.json, res.status);
    checkMessage(res.json.Message, code, opts);
    assert.equal(res.headers['x-acs-request-id'], res.json.RequestId, 'x-acs-request-id header equals RequestId');
  }

  await check(M, 'V2 POST-query CreateKey with special-character Description', async () => {
    const b = rawOk(await raw.v2('CreateKey', { Description: SPECIAL_DESCRIPTION }).send());
    checkKeyMetadata(b.KeyMetadata, { description: SPECIAL_DESCRIPTION });
    keyId = b.KeyMetadata.KeyId;
  });
  const needKey = () => { if (!keyId) assert.fail('prerequisite missing: CreateKey'); return keyId; };

  let blob;
  await check(M, 'V2 GET Encrypt', async () => {
    const b = rawOk(await raw.v2('Encrypt', { KeyId: needKey(), Plaintext: PT, EncryptionContext: JSON.stringify(CTX) }, { shape: 'get' }).send());
    checkBlob(b.CiphertextBlob, b.KeyVersionId, PT);
    blob = b.CiphertextBlob;
  });
  await check(M, 'V2 POST-form Decrypt', async () => {
    if (!blob) assert.fail('prerequisite missing: Encrypt');
    const b = rawOk(await raw.v2('Decrypt', { CiphertextBlob: blob, EncryptionContext: JSON.stringify(CTX) }, { shape: 'form' }).send());
    assert.equal(b.Plaintext, PT, 'Plaintext');
  });
  await check(M, 'terraform shape (common in query, business in form) Encrypt + Decrypt', async () => {
    const e = rawOk(await raw.v2('Encrypt', { KeyId: needKey(), Plaintext: 'raw text, not base64!', EncryptionContext: JSON.stringify(CTX) }, { shape: 'terraform' }).send());
    const d = rawOk(await raw.v2('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: JSON.stringify(CTX) }, { shape: 'terraform' }).send());
    assert.equal(d.Plaintext, 'raw text, not base64!', 'Plaintext');
  });
  await check(M, 'V3 Encrypt + Decrypt', async () => {
    const e = rawOk(await raw.v3('Encrypt', { KeyId: needKey(), Plaintext: PT, EncryptionContext: JSON.stringify(CTX) }).send());
    const d = rawOk(await raw.v3('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: JSON.stringify(CTX) }).send());
    assert.equal(d.Plaintext, PT, 'Plaintext');
  });
  await check(M, 'V3 Decrypt with parameters in a signed form body', async () => {
    if (!blob) assert.fail('prerequisite missing: Encrypt');
    const b = rawOk(await raw.v3('Decrypt', { CiphertextBlob: blob, EncryptionContext: JSON.stringify(CTX) }, { form: true }).send());
    assert.equal(b.Plaintext, PT, 'Plaintext');
  });
  await check(M, 'V2 Timestamp with milliseconds accepted', async () => {
    rawOk(await raw.v2('DescribeKey', { KeyId: needKey() }, { common: { Timestamp: timestamp(new Date(), true) } }).send());
  });
  await check(M, 'V2 Format=json (lower case) answers JSON', async () => {
    rawOk(await raw.v2('DescribeKey', { KeyId: needKey() }, { common: { Format: 'json' } }).send());
  });

  // ---- dotted EncryptionContext
  const dotted = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => ['EncryptionContext.' + k, v]));
  await check(M, 'dotted EncryptionContext.k=v equals the JSON context', async () => {
    const e = rawOk(await raw.v2('Encrypt', Object.assign({ KeyId: needKey(), Plaintext: PT }, dotted(CTX))).send());
    const d = rawOk(await raw.v2('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: JSON.stringify({ run: CTX.run, purpose: CTX.purpose }) }).send());
    assert.equal(d.Plaintext, PT, 'JSON Decrypt of dotted Encrypt');
    const e2 = rawOk(await raw.v2('Encrypt', { KeyId: needKey(), Plaintext: PT, EncryptionContext: JSON.stringify(CTX) }).send());
    const d2 = rawOk(await raw.v2('Decrypt', Object.assign({ CiphertextBlob: e2.CiphertextBlob }, dotted(CTX))).send());
    assert.equal(d2.Plaintext, PT, 'dotted Decrypt of JSON Encrypt');
  });
  await check(M, 'dotted context with another value → InvalidParameter', async () => {
    if (!blob) assert.fail('prerequisite missing: Encrypt');
    rawError(await raw.v2('Decrypt', Object.assign({ CiphertextBlob: blob }, dotted(Object.assign({}, CTX, { run: 'x' })))).send(),
      'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await check(M, 'JSON and dotted context together → InvalidParameter', async () => {
    rawError(await raw.v2('Encrypt', Object.assign({ KeyId: needKey(), Plaintext: PT, EncryptionContext: JSON.stringify(CTX) }, dotted(CTX))).send(),
      'InvalidParameter', { param: 'EncryptionContext' });
  });

  await check(M, 'EncryptionContext {} equals no context', async () => {
    const e = rawOk(await raw.v2('Encrypt', { KeyId: needKey(), Plaintext: PT, EncryptionContext: '{}' }).send());
    const d = rawOk(await raw.v2('Decrypt', { CiphertextBlob: e.CiphertextBlob }).send());
    assert.equal(d.Plaintext, PT, 'Plaintext');
  });
  for (const [label, text] of [['invalid JSON', '{"a":'], ['a non-string value', '{"a":1}'], ['an array', '["a"]']]) {
    await check(M, `EncryptionContext ${label} → InvalidParameter`, async () => {
      rawError(await raw.v2('Encrypt', { KeyId: needKey(), Plaintext: PT, EncryptionContext: text }).send(), 'InvalidParameter', { param: 'EncryptionContext' });
    });
  }

  // ---- ciphertext errors
  await check(M, 'Decrypt of a blob naming an unknown KeyVersionId → Forbidden.KeyNotFound', async () => {
    const fake = Buffer.concat([Buffer.from(crypto.randomUUID(), 'ascii'), crypto.randomBytes(12 + 8 + 16)]).toString('base64');
    rawError(await raw.v2('Decrypt', { CiphertextBlob: fake }).send(), 'Forbidden.KeyNotFound');
  });
  await check(M, 'Decrypt of non-base64 CiphertextBlob → InvalidParameter', async () => {
    rawError(await raw.v2('Decrypt', { CiphertextBlob: 'not base64 at all!' }).send(), 'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await check(M, 'Decrypt of a truncated blob → InvalidParameter', async () => {
    if (!blob) assert.fail('prerequisite missing: Encrypt');
    const short = Buffer.from(blob, 'base64').subarray(0, 50).toString('base64');
    rawError(await raw.v2('Decrypt', { CiphertextBlob: short, EncryptionContext: JSON.stringify(CTX) }).send(), 'InvalidParameter', { param: 'CiphertextBlob' });
  });

  // ---- XML
  await check(M, 'Format=XML success', async () => {
    const res = await raw.v2('Encrypt', { KeyId: needKey(), Plaintext: PT }, { common: { Format: 'XML' }, shape: 'get' }).send();
    assert.equal(res.status, 200, `status (body ${res.text.slice(0, 300)})`);
    assert.match(String(res.headers['content-type']), /^text\/xml/i, 'Content-Type');
    assert.ok(res.text.startsWith(XML_DECL), 'starts with the XML declaration: ' + res.text.slice(0, 80));
    const rest = res.text.slice(XML_DECL.length).trimStart();
    assert.ok(rest.startsWith('<EncryptResponse>'), 'root <EncryptResponse>: ' + rest.slice(0, 80));
    assert.ok(rest.trimEnd().endsWith('</EncryptResponse>'), 'closes </EncryptResponse>');
    const rid = /<RequestId>([^<]+)<\/RequestId>/.exec(rest);
    assert.ok(rid, 'has <RequestId>');
    assert.equal(res.headers['x-acs-request-id'], rid[1], 'x-acs-request-id header equals RequestId');
    assert.match(rest, /<CiphertextBlob>[A-Za-z0-9+/=]+<\/CiphertextBlob>/, 'has <CiphertextBlob>');
    assert.ok(!/<Code>/.test(rest), 'no <Code> in a success');
  });
  await check(M, 'Format=XML error root <KMS>', async () => {
    const res = await raw.v2('DescribeKey', { KeyId: 'key-doesnotexist' }, { common: { Format: 'XML' } }).send();
    assert.equal(res.status, 404, 'status');
    assert.match(String(res.headers['content-type']), /^text\/xml/i, 'Content-Type');
    assert.ok(res.text.startsWith(XML_DECL), 'starts with the XML declaration: ' + res.text.slice(0, 80));
    const rest = res.text.slice(XML_DECL.length).trimStart();
    assert.ok(rest.startsWith('<KMS>') && rest.trimEnd().endsWith('</KMS>'), 'root <KMS>: ' + rest.slice(0, 120));
    assert.match(rest, /<Code>Forbidden\.KeyNotFound<\/Code>/, 'Code');
    assert.match(rest, /<HttpStatus>404<\/HttpStatus>/, 'HttpStatus');
    assert.match(rest, /<Message>The specified Key is not found\.<\/Message>/, 'Message');
    assert.match(rest, /<RequestId>[^<]+<\/RequestId>/, 'RequestId');
    assert.match(rest, /<HostId>[^<]+<\/HostId>/, 'HostId');
  });

  // ---- authentication and replay
  const stale = new Date(Date.now() - 20 * 60 * 1000);
  await check(M, 'V2 Timestamp 20 min old → IllegalTimestamp', async () => {
    rawError(await raw.v2('DescribeKey', { KeyId: needKey() }, { common: { Timestamp: timestamp(stale) } }).send(), 'IllegalTimestamp');
  });
  await check(M, 'V3 x-acs-date 20 min old → IllegalTimestamp', async () => {
    rawError(await raw.v3('DescribeKey', { KeyId: needKey() }, { dateOverride: timestamp(stale) }).send(), 'IllegalTimestamp');
  });
  await check(M, 'V2 missing Timestamp → IllegalTimestamp', async () => {
    rawError(await raw.v2('DescribeKey', { KeyId: needKey() }, { omit: ['Timestamp'] }).send(), 'IllegalTimestamp');
  });
  await check(M, 'V3 missing x-acs-date → IllegalTimestamp', async () => {
    rawError(await raw.v3('DescribeKey', { KeyId: needKey() }, { omitHeaders: ['x-acs-date'] }).send(), 'IllegalTimestamp');
  });
  await check(M, 'V2 replayed SignatureNonce → SignatureNonceUsed', async () => {
    const r = raw.v2('DescribeKey', { KeyId: needKey() });
    rawOk(await r.send());
    rawError(await r.send(), 'SignatureNonceUsed');
  });
  await check(M, 'V3 replayed x-acs-signature-nonce → SignatureNonceUsed', async () => {
    const r = raw.v3('DescribeKey', { KeyId: needKey() });
    rawOk(await r.send());
    rawError(await r.send(), 'SignatureNonceUsed');
  });
  await check(M, 'V2 nonce reused in another request → SignatureNonceUsed', async () => {
    const n = nonce();
    rawOk(await raw.v2('DescribeKey', { KeyId: needKey() }, { common: { SignatureNonce: n } }).send());
    rawError(await raw.v2('ListKeys', {}, { common: { SignatureNonce: n }, shape: 'get' }).send(), 'SignatureNonceUsed');
  });
  await check(M, 'V2 missing SignatureNonce → MissingParameter', async () => {
    rawError(await raw.v2('DescribeKey', { KeyId: needKey() }, { omit: ['SignatureNonce'] }).send(), 'MissingParameter', { param: 'SignatureNonce' });
  });
  await check(M, 'V3 missing x-acs-signature-nonce → MissingParameter', async () => {
    rawError(await raw.v3('DescribeKey', { KeyId: needKey() }, { omitHeaders: ['x-acs-signature-nonce'] }).send(), 'MissingParameter',
      { messageAny: [expectedMessage('MissingParameter', 'SignatureNonce'), expectedMessage('MissingParameter', 'x-acs-signature-nonce')] });
  });
  await check(M, 'V2 parameter changed after signing → IncompleteSignature', async () => {
    rawError(await raw.v2('Encrypt', { KeyId: needKey(), Plaintext: PT }, { tamper: { Plaintext: PT + 'x' } }).send(), 'IncompleteSignature', { mismatch: true });
  });
  await check(M, 'V2 wrong secret → IncompleteSignature', async () => {
    rawError(await raw.v2('ListKeys', {}, { secret: 'wrong-secret' }).send(), 'IncompleteSignature', { mismatch: true });
  });
  await check(M, 'V2 signed as GET, sent as POST → IncompleteSignature', async () => {
    rawError(await raw.v2('ListKeys', {}, { signMethod: 'GET' }).send(), 'IncompleteSignature', { mismatch: true });
  });
  await check(M, 'V2 no Signature → IncompleteSignature', async () => {
    const r = raw.v2('ListKeys', {});
    r.req.path = r.req.path.replace(/&Signature=[^&]*/, '');
    rawError(await r.send(), 'IncompleteSignature');
  });
  await check(M, 'V2 SignatureMethod=HMAC-SHA256 → IncompleteSignature', async () => {
    rawError(await raw.v2('ListKeys', {}, { common: { SignatureMethod: 'HMAC-SHA256' } }).send(), 'IncompleteSignature');
  });
  await check(M, 'V2 unknown AccessKeyId → InvalidAccessKeyId.NotFound', async () => {
    rawError(await raw.v2('ListKeys', {}, { common: { AccessKeyId: 'LTAIcompatUnknown' + runId } }).send(), 'InvalidAccessKeyId.NotFound');
  });
  await check(M, 'V3 wrong secret → IncompleteSignature', async () => {
    rawError(await raw.v3('ListKeys', {}, { secret: 'wrong-secret' }).send(), 'IncompleteSignature', { mismatch: true });
  });
  await check(M, 'V3 wrong x-acs-content-sha256 → IncompleteSignature', async () => {
    rawError(await raw.v3('ListKeys', {}, { bodyHashOverride: '0'.repeat(64) }).send(), 'IncompleteSignature', { mismatch: true });
  });
  await check(M, 'V3 query changed after signing → IncompleteSignature', async () => {
    const r = raw.v3('DescribeKey', { KeyId: needKey() });
    r.req.path = r.req.path.replace('KeyId=', 'KeyId=x');
    rawError(await r.send(), 'IncompleteSignature', { mismatch: true });
  });

  // ---- action, version, method
  await check(M, 'unknown Action → InvalidAction.NotFound', async () => {
    rawError(await raw.v2('NoSuchAction', {}).send(), 'InvalidAction.NotFound');
  });
  await check(M, 'V3 unknown Action → InvalidAction.NotFound', async () => {
    rawError(await raw.v3('NoSuchAction', {}).send(), 'InvalidAction.NotFound');
  });
  await check(M, 'missing Version → MissingParameter', async () => {
    rawError(await raw.v2('ListKeys', {}, { omit: ['Version'] }).send(), 'MissingParameter', { param: 'Version' });
  });
  await check(M, 'Version=2014-05-26 → InvalidParameter', async () => {
    rawError(await raw.v2('ListKeys', {}, { common: { Version: '2014-05-26' } }).send(), 'InvalidParameter', { param: 'Version' });
  });
  await check(M, 'missing Action → MissingParameter', async () => {
    rawError(await raw.v2('ListKeys', {}, { omit: ['Action'] }).send(), 'MissingParameter', { param: 'Action' });
  });
  await check(M, 'parameter given twice → ParseRequestParameterException', async () => {
    rawError(await raw.v2('DescribeKey', { KeyId: needKey() }, { shape: 'get', extraQuery: 'KeyId=' + needKey() }).send(), 'ParseRequestParameterException');
  });
  await check(M, 'JSON request body → ParseRequestParameterException', async () => {
    const r = raw.v2('ListKeys', {});
    r.req.headers['content-type'] = 'application/json';
    r.req.body = '{"PageSize":1}';
    rawError(await r.send(), 'ParseRequestParameterException');
  });
  await check(M, 'SecurityToken → InvalidParameter', async () => {
    rawError(await raw.v2('ListKeys', { SecurityToken: 'sts-token' }).send(), 'InvalidParameter', { param: 'SecurityToken' });
  });
  await check(M, 'PUT → UnsupportedHTTPMethod', async () => {
    rawError(await raw.v2('ListKeys', {}, { method: 'PUT' }).send(), 'UnsupportedHTTPMethod');
  });
  await check(M, 'DELETE → UnsupportedHTTPMethod', async () => {
    rawError(await raw.v2('ListKeys', {}, { shape: 'get', method: 'DELETE' }).send(), 'UnsupportedHTTPMethod');
  });

  // ---- paging and typing in the raw JSON
  await check(M, 'ListKeys JSON types and wrapping', async () => {
    const b = rawOk(await raw.v2('ListKeys', { PageSize: 1 }, { shape: 'get' }).send());
    assert.equal(typeof b.TotalCount, 'number', 'TotalCount number');
    assert.equal(b.PageNumber, 1, 'PageNumber default 1');
    assert.equal(b.PageSize, 1, 'PageSize');
    assert.ok(Array.isArray(b.Keys.Key) && b.Keys.Key.length === 1, 'Keys.Key is an array even with one element');
    const past = rawOk(await raw.v2('ListKeys', { PageNumber: 100000, PageSize: 100 }).send());
    assert.deepEqual(past.Keys, { Key: [] }, 'a page past the end is an empty wrapped list');
    assert.equal(past.TotalCount, b.TotalCount, 'TotalCount past the end');
  });
  await check(M, 'ListKeys PageNumber=0 → InvalidParameter', async () => {
    rawError(await raw.v2('ListKeys', { PageNumber: 0 }).send(), 'InvalidParameter', { param: 'PageNumber' });
  });
  await check(M, 'ListKeys PageSize=101 → InvalidParameter', async () => {
    rawError(await raw.v2('ListKeys', { PageSize: 101 }).send(), 'InvalidParameter', { param: 'PageSize' });
  });

  // ---- key management on the wire (shapes, limits and boundaries no client changes)
  const send = (action, params, opts) => raw.v2(action, params, opts).send();
  const form = { shape: 'form' }; // long values go in a form body
  let mk;
  await check(M, 'management: CreateKey without Description', async () => {
    mk = rawOk(await send('CreateKey', {})).KeyMetadata;
  });
  const needMk = () => { if (!mk) assert.fail('prerequisite missing: CreateKey'); return mk.KeyId; };
  const uid = () => { needMk(); return mk.Arn.split(':')[3]; };
  const METADATA = ['Arn', 'AutomaticRotation', 'CreationDate', 'Creator', 'DeleteDate', 'Description', 'KeyId', 'KeySpec', 'KeyState',
    'KeyUsage', 'LastRotationDate', 'MaterialExpireTime', 'Origin', 'PrimaryKeyVersion', 'ProtectionLevel'];
  await check(M, 'KeyMetadata carries every field (empty ones as ""), no RotationInterval/NextRotationDate while rotation is Disabled', async () => {
    const d = rawOk(await send('DescribeKey', { KeyId: needMk() })).KeyMetadata;
    for (const [label, md] of [['CreateKey', mk], ['DescribeKey', d]]) {
      for (const f of METADATA) assert.equal(typeof md[f], 'string', `${label} KeyMetadata.${f} is a string`);
      for (const f of ['DeleteDate', 'Description', 'MaterialExpireTime']) assert.equal(md[f], '', `${label} ${f} is ""`);
      assert.equal(md.AutomaticRotation, 'Disabled', `${label} AutomaticRotation`);
      assert.ok(!('RotationInterval' in md) && !('NextRotationDate' in md), `${label} has no RotationInterval/NextRotationDate: ${JSON.stringify(md)}`);
    }
    assert.equal(d.DeletionProtection, 'Disabled', 'DescribeKey DeletionProtection');
    assert.equal(mk.LastRotationDate, mk.CreationDate, 'LastRotationDate is the creation time');
  });
  await check(M, 'empty lists are wrapped: Aliases.Alias, Tags.Tag, TagResources.TagResource', async () => {
    const a = rawOk(await send('ListAliasesByKeyId', { KeyId: needMk() }));
    assert.deepEqual(a.Aliases, { Alias: [] }, 'ListAliasesByKeyId Aliases');
    assert.equal(a.TotalCount, 0, 'TotalCount 0');
    assert.deepEqual(rawOk(await send('ListResourceTags', { KeyId: needMk() })).Tags, { Tag: [] }, 'ListResourceTags Tags');
    const t = rawOk(await send('ListTagResources', { ResourceType: 'key', 'ResourceId.1': needMk() }));
    assert.deepEqual(t.TagResources, { TagResource: [] }, 'ListTagResources TagResources');
    assert.ok(!t.NextToken, 'no NextToken: ' + JSON.stringify(t.NextToken));
    const v = rawOk(await send('ListKeyVersions', { KeyId: needMk() }));
    assert.ok(Array.isArray(v.KeyVersions.KeyVersion) && v.KeyVersions.KeyVersion.length === 1, 'KeyVersions.KeyVersion is an array with one element');
  });
  await check(M, 'Format=XML lists: empty <Aliases></Aliases>/<Tags></Tags>, then <Tags><Tag>, <TagResources><TagResource>, <KeyVersions><KeyVersion>', async () => {
    const xml = async (action, params) => {
      const res = await send(action, params, { common: { Format: 'XML' } });
      assert.equal(res.status, 200, `${action} status (body ${res.text.slice(0, 300)})`);
      assert.ok(res.text.startsWith(XML_DECL + `<${action}Response>`) || res.text.startsWith(XML_DECL + `\n<${action}Response>`),
        `${action}: declaration then <${action}Response>: ${res.text.slice(0, 120)}`);
      return res.text;
    };
    assert.match(await xml('ListAliasesByKeyId', { KeyId: needMk() }), /<Aliases><\/Aliases>/, 'empty <Aliases></Aliases>');
    assert.match(await xml('ListResourceTags', { KeyId: needMk() }), /<Tags><\/Tags>/, 'empty <Tags></Tags>');
    rawOk(await send('TagResource', { KeyId: needMk(), Tags: JSON.stringify([{ TagKey: 'x', TagValue: 'a+b' }]) }));
    assert.match(await xml('ListResourceTags', { KeyId: needMk() }),
      new RegExp(`<Tags><Tag>(?=[\\s\\S]*<KeyId>${needMk()}</KeyId>)(?=[\\s\\S]*<TagKey>x</TagKey>)(?=[\\s\\S]*<TagValue>a\\+b</TagValue>)[\\s\\S]*</Tag></Tags>`), '<Tags><Tag>');
    rawOk(await send('UpdateKeyDescription', { KeyId: needMk(), Description: 'a<b&c>"d\'' }));
    assert.match(await xml('DescribeKey', { KeyId: needMk() }), /<Description>a&lt;b&amp;c&gt;(?:"|&quot;)d(?:'|&apos;)<\/Description>/, 'escaped <Description>');
    assert.match(await xml('ListTagResources', { ResourceType: 'key', 'ResourceId.1': needMk() }), /<TagResources><TagResource>[\s\S]*<ResourceType>key<\/ResourceType>[\s\S]*<\/TagResource><\/TagResources>/, '<TagResources><TagResource>');
    const v = await xml('ListKeyVersions', { KeyId: needMk() });
    assert.match(v, /<KeyVersions><KeyVersion>[\s\S]*<KeyVersionId>[0-9a-f-]{36}<\/KeyVersionId>[\s\S]*<\/KeyVersion><\/KeyVersions>/, '<KeyVersions><KeyVersion>');
    assert.match(v, /<TotalCount>1<\/TotalCount>/, '<TotalCount>1</TotalCount>');
    rawOk(await send('UntagResource', { KeyId: needMk(), TagKeys: '["x"]' }));
  });
  await check(M, 'UpdateKeyDescription of 8192 characters accepted, 8193 → InvalidParameter', async () => {
    rawOk(await send('UpdateKeyDescription', { KeyId: needMk(), Description: 'd'.repeat(8192) }, form));
    assert.equal(rawOk(await send('DescribeKey', { KeyId: needMk() })).KeyMetadata.Description.length, 8192, 'Description length');
    rawError(await send('UpdateKeyDescription', { KeyId: needMk(), Description: 'd'.repeat(8193) }, form), 'InvalidParameter', { param: 'Description' });
    rawOk(await send('UpdateKeyDescription', { KeyId: needMk(), Description: '' }));
  });
  const sizedPolicy = (bytes) => {
    const shell = (pad) => `{"Version":"1","Statement":[{"Sid":"${pad}","Effect":"Allow","Principal":{"RAM":["acs:ram::${uid()}:root"]},"Action":["kms:*"],"Resource":["*"]}]}`;
    return shell('p'.repeat(bytes - shell('').length));
  };
  await check(M, 'SetKeyPolicy of 32768 bytes accepted verbatim, 32769 → InvalidParameter', async () => {
    const p = sizedPolicy(32768);
    rawOk(await send('SetKeyPolicy', { KeyId: needMk(), Policy: p }, form));
    assert.equal(rawOk(await send('GetKeyPolicy', { KeyId: needMk() }, form)).Policy, p, 'Policy verbatim');
    rawError(await send('SetKeyPolicy', { KeyId: needMk(), Policy: sizedPolicy(32769) }, form), 'InvalidParameter', { param: 'Policy' });
  });
  await check(M, 'CreateKey Policy of 32769 bytes → InvalidParameter', async () => {
    rawError(await send('CreateKey', { Policy: sizedPolicy(32769) }, form), 'InvalidParameter', { param: 'Policy' });
  });
  await check(M, 'CreateAlias by key ARN; AliasName of 255 characters accepted, 256 → InvalidParameter', async () => {
    const long = `alias/${runId}-`.padEnd(255, 'a');
    rawOk(await send('CreateAlias', { AliasName: long, KeyId: mk ? mk.Arn : needMk() }));
    const b = rawOk(await send('ListAliasesByKeyId', { KeyId: needMk() }));
    assert.deepEqual(b.Aliases.Alias.map((x) => x.AliasName), [long], 'listed');
    rawError(await send('CreateAlias', { AliasName: long + 'a', KeyId: needMk() }), 'InvalidParameter', { param: 'AliasName' });
    rawOk(await send('DeleteAlias', { AliasName: long }));
  });
  await check(M, 'alias names are case-sensitive', async () => {
    const a = `alias/Case-${runId}`;
    rawOk(await send('CreateAlias', { AliasName: a, KeyId: needMk() }));
    rawOk(await send('CreateAlias', { AliasName: a.toLowerCase(), KeyId: needMk() }));
    rawError(await send('DescribeKey', { KeyId: `alias/CASE-${runId}` }), 'Forbidden.AliasNotFound');
    rawOk(await send('DeleteAlias', { AliasName: a }));
    rawOk(await send('DeleteAlias', { AliasName: a.toLowerCase() }));
  });
  await check(M, 'ScheduleKeyDeletion PendingWindowInDays=366 accepted (DeleteDate ≈ now+366d), CancelKeyDeletion', async () => {
    const k = rawOk(await send('CreateKey', {})).KeyMetadata.KeyId;
    const t0 = Date.now();
    rawOk(await send('ScheduleKeyDeletion', { KeyId: k, PendingWindowInDays: 366 }));
    const md = rawOk(await send('DescribeKey', { KeyId: k })).KeyMetadata;
    const off = Date.parse(md.DeleteDate) - (t0 + 366 * 86400000);
    assert.ok(Math.abs(off) < 120000, `DeleteDate ${md.DeleteDate} ≈ now + 366 days`);
    rawOk(await send('CancelKeyDeletion', { KeyId: k }));
  });
  for (const v of ['7.5', 'seven', '']) {
    await check(M, `ScheduleKeyDeletion PendingWindowInDays=${JSON.stringify(v)} → ${v ? 'InvalidParameter' : 'MissingParameter'}`, async () => {
      rawError(await send('ScheduleKeyDeletion', { KeyId: needMk(), PendingWindowInDays: v }), v ? 'InvalidParameter' : 'MissingParameter', { param: 'PendingWindowInDays' });
    });
  }
  for (const [action, params, param] of [
    ['ListAliases', { PageSize: 101 }, 'PageSize'], ['ListAliases', { PageNumber: 0 }, 'PageNumber'],
    ['ListAliasesByKeyId', { PageSize: 0 }, 'PageSize'], ['ListKeyVersions', { PageSize: 101 }, 'PageSize'], ['ListKeyVersions', { PageNumber: 0 }, 'PageNumber'],
  ]) {
    await check(M, `${action} ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ')} → InvalidParameter`, async () => {
      const p = Object.assign(action === 'ListAliases' ? {} : { KeyId: needMk() }, params);
      rawError(await send(action, p), 'InvalidParameter', { param });
    });
  }
  await check(M, 'ListAliases page past the end: empty wrapped list, true TotalCount', async () => {
    const first = rawOk(await send('ListAliases', { PageSize: 1 }));
    const past = rawOk(await send('ListAliases', { PageNumber: 100000, PageSize: 100 }));
    assert.deepEqual(past.Aliases, { Alias: [] }, 'empty wrapped list');
    assert.equal(past.TotalCount, first.TotalCount, 'TotalCount');
  });
  await check(M, 'booleans in any case: EnableDeletionProtection=TRUE / False accepted, yes → InvalidParameter', async () => {
    rawOk(await send('SetDeletionProtection', { KeyId: needMk(), EnableDeletionProtection: 'TRUE' }));
    assert.equal(rawOk(await send('DescribeKey', { KeyId: needMk() })).KeyMetadata.DeletionProtection, 'Enabled', 'after TRUE');
    rawOk(await send('SetDeletionProtection', { KeyId: needMk(), EnableDeletionProtection: 'False' }));
    assert.equal(rawOk(await send('DescribeKey', { KeyId: needMk() })).KeyMetadata.DeletionProtection, 'Disabled', 'after False');
    rawError(await send('SetDeletionProtection', { KeyId: needMk(), EnableDeletionProtection: 'yes' }), 'InvalidParameter', { param: 'EnableDeletionProtection' });
  });
  await check(M, "another region's key ARN in a management call → Forbidden.KeyNotFound", async () => {
    rawError(await send('DisableKey', { KeyId: `acs:kms:cn-shanghai:${uid()}:key/${needMk()}` }), 'Forbidden.KeyNotFound');
  });
  await check(M, 'TagResources on two keys is all or nothing (second unknown → Forbidden.KeyNotFound, first untouched)', async () => {
    rawError(await send('TagResources', { ResourceType: 'key', 'ResourceId.1': needMk(), 'ResourceId.2': crypto.randomUUID(), 'Tag.1.Key': 'both', 'Tag.1.Value': 'x' }), 'Forbidden.KeyNotFound');
    assert.deepEqual(rawOk(await send('ListResourceTags', { KeyId: needMk() })).Tags, { Tag: [] }, 'first key untouched');
  });
  await check(M, 'tag value of 128 characters accepted, 129 → InvalidParameter; invalid Tags JSON → InvalidParameter', async () => {
    rawOk(await send('TagResource', { KeyId: needMk(), Tags: JSON.stringify([{ TagKey: 'long', TagValue: 'v'.repeat(128) }]) }));
    rawError(await send('TagResource', { KeyId: needMk(), Tags: JSON.stringify([{ TagKey: 'long', TagValue: 'v'.repeat(129) }]) }), 'InvalidParameter', { param: 'Tags' });
    rawError(await send('TagResource', { KeyId: needMk(), Tags: '[{"TagKey":"a"' }), 'InvalidParameter', { param: 'Tags' });
    rawError(await send('CreateKey', { Tags: '{"TagKey":"a","TagValue":"b"}' }), 'InvalidParameter', { param: 'Tags' });
    rawOk(await send('UntagResource', { KeyId: needMk(), TagKeys: '["long"]' }));
  });
  await check(M, 'UntagResources of a reserved tag key (aliyun…) → InvalidParameter', async () => {
    rawError(await send('UntagResources', { ResourceType: 'key', 'ResourceId.1': needMk(), 'TagKey.1': 'aliyunx' }), 'InvalidParameter',
      { messageAny: [expectedMessage('InvalidParameter', 'TagKey.1'), expectedMessage('InvalidParameter', 'TagKey')] });
  });
  await check(M, 'CreateKeyVersion up to 50 versions, the 51st → Rejected.LimitExceeded', async () => {
    const k = rawOk(await send('CreateKey', {})).KeyMetadata.KeyId;
    for (let i = 2; i <= 50; i++) rawOk(await send('CreateKeyVersion', { KeyId: k }));
    rawError(await send('CreateKeyVersion', { KeyId: k }), 'Rejected.LimitExceeded');
    const b = rawOk(await send('ListKeyVersions', { KeyId: k, PageSize: 100 }));
    assert.equal(b.TotalCount, 50, 'TotalCount');
    assert.equal(b.KeyVersions.KeyVersion.length, 50, 'all 50 listed');
  });
  await check(M, 'DescribeKeyVersion without KeyVersionId → MissingParameter', async () => {
    rawError(await send('DescribeKeyVersion', { KeyId: needMk() }), 'MissingParameter', { param: 'KeyVersionId' });
  });
  await check(M, 'UpdateRotationPolicy RotationInterval in seconds and minutes (604800s, 10080m); 604799s → InvalidParameter', async () => {
    rawOk(await send('UpdateRotationPolicy', { KeyId: needMk(), EnableAutomaticRotation: 'true', RotationInterval: '604800s' }));
    assert.equal(rawOk(await send('DescribeKey', { KeyId: needMk() })).KeyMetadata.RotationInterval, '604800s', '604800s');
    rawOk(await send('UpdateRotationPolicy', { KeyId: needMk(), EnableAutomaticRotation: 'true', RotationInterval: '10081m' }));
    assert.equal(rawOk(await send('DescribeKey', { KeyId: needMk() })).KeyMetadata.RotationInterval, '604860s', '10081m');
    rawError(await send('UpdateRotationPolicy', { KeyId: needMk(), EnableAutomaticRotation: 'true', RotationInterval: '604799s' }), 'InvalidParameter', { param: 'RotationInterval' });
    rawOk(await send('UpdateRotationPolicy', { KeyId: needMk(), EnableAutomaticRotation: 'false' }));
  });
  await check(M, 'CreateKey RotationInterval without EnableAutomaticRotation: rotation stays Disabled', async () => {
    const md = rawOk(await send('CreateKey', { RotationInterval: '7d' })).KeyMetadata;
    assert.equal(md.AutomaticRotation, 'Disabled', 'AutomaticRotation');
    assert.ok(!('RotationInterval' in md), 'no RotationInterval');
  });
  await check(M, 'Disabled → ScheduleKeyDeletion → CancelKeyDeletion leaves the key Enabled', async () => {
    const k = rawOk(await send('CreateKey', {})).KeyMetadata.KeyId;
    rawOk(await send('DisableKey', { KeyId: k }));
    rawOk(await send('ScheduleKeyDeletion', { KeyId: k, PendingWindowInDays: 7 }));
    rawOk(await send('CancelKeyDeletion', { KeyId: k }));
    assert.equal(rawOk(await send('DescribeKey', { KeyId: k })).KeyMetadata.KeyState, 'Enabled', 'KeyState');
  });

  // ---- alias forms: accepted where the key is used, Unsupported.Alias where it is managed (DECISIONS.md "Keys and ciphertexts")
  const formAlias = `alias/forms-${runId}`;
  let formsReady = false;
  await check(M, 'alias forms: CreateAlias for the checks below', async () => {
    rawOk(await send('CreateAlias', { AliasName: formAlias, KeyId: needMk() }));
    formsReady = true;
  });
  const aliasArnOf = () => `acs:kms:${REGION}:${uid()}:${formAlias}`;
  const accepted = [
    ['CreateKeyVersion', (a) => ({ KeyId: a })],
    ['ListKeyVersions', (a) => ({ KeyId: a })],
    ['DescribeKeyVersion', (a) => ({ KeyId: a, KeyVersionId: mk.PrimaryKeyVersion })],
    ['GetKeyPolicy', (a) => ({ KeyId: a })],
    ['SetKeyPolicy', (a) => ({ KeyId: a, Policy: sizedPolicy(300) })],
    ['GenerateDataKey', (a) => ({ KeyId: a })],
  ];
  for (const [action, params] of accepted) {
    await check(M, `${action} by alias and by alias ARN`, async () => {
      if (!formsReady) assert.fail('prerequisite missing: CreateAlias');
      for (const a of [formAlias, aliasArnOf()]) {
        const b = rawOk(await send(action, params(a)));
        const kid = b.KeyId || (b.KeyVersion && b.KeyVersion.KeyId) || (b.KeyVersions && b.KeyVersions.KeyVersion[0].KeyId);
        if (kid !== undefined) assert.equal(kid, needMk(), `${action} answers the resolved KeyId`);
      }
    });
  }
  const refused = [
    ['EnableKey', (a) => ({ KeyId: a })],
    ['DisableKey', (a) => ({ KeyId: a })],
    ['CancelKeyDeletion', (a) => ({ KeyId: a })],
    ['UpdateRotationPolicy', (a) => ({ KeyId: a, EnableAutomaticRotation: 'false' })],
    ['SetDeletionProtection', (a) => ({ KeyId: a, EnableDeletionProtection: 'false' })],
    ['UpdateAlias', (a) => ({ AliasName: formAlias, KeyId: a })],
    ['ListAliasesByKeyId', (a) => ({ KeyId: a })],
    ['TagResource', (a) => ({ KeyId: a, Tags: '[{"TagKey":"k","TagValue":"v"}]' })],
    ['UntagResource', (a) => ({ KeyId: a, TagKeys: '["k"]' })],
    ['ListResourceTags', (a) => ({ KeyId: a })],
    ['TagResources', (a) => ({ ResourceType: 'key', 'ResourceId.1': a, 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' })],
    ['UntagResources', (a) => ({ ResourceType: 'key', 'ResourceId.1': a, 'TagKey.1': 'k' })],
    ['ListTagResources', (a) => ({ ResourceType: 'key', 'ResourceId.1': a })],
  ];
  for (const [action, params] of refused) {
    await check(M, `${action} by alias → Unsupported.Alias`, async () => {
      if (!formsReady) assert.fail('prerequisite missing: CreateAlias');
      rawError(await send(action, params(formAlias)), 'Unsupported.Alias');
    });
  }
  await check(M, 'ReEncrypt DestinationKeyId by alias; an unknown alias → Forbidden.AliasNotFound', async () => {
    if (!formsReady) assert.fail('prerequisite missing: CreateAlias');
    const e = rawOk(await send('Encrypt', { KeyId: needMk(), Plaintext: PT }));
    const b = rawOk(await send('ReEncrypt', { CiphertextBlob: e.CiphertextBlob, DestinationKeyId: formAlias }));
    assert.equal(b.KeyId, needMk(), 'KeyId');
    rawError(await send('ReEncrypt', { CiphertextBlob: e.CiphertextBlob, DestinationKeyId: `alias/none-${runId}` }), 'Forbidden.AliasNotFound');
    rawOk(await send('DeleteAlias', { AliasName: formAlias }));
  });

  // ---- concurrency: the same request shapes, sent at once
  const parallel = (n, f) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
  const RACE_CODES = ['Rejected.StateModifiedFailed', 'ServiceUnavailableTemporary'];
  const outcome = (res) => (res.status === 200 && res.json && !res.json.Code ? 'ok' : (res.json && res.json.Code) || `HTTP ${res.status}`);
  await check(M, 'concurrency: 10 CreateKeyVersion at once give distinct versions, consistent listing and primary', async () => {
    const k = rawOk(await send('CreateKey', {})).KeyMetadata.KeyId;
    const rs = await parallel(10, () => send('CreateKeyVersion', { KeyId: k }));
    const made = [];
    for (const r of rs) {
      const o = outcome(r);
      if (o === 'ok') made.push(r.json.KeyVersion.KeyVersionId);
      else assert.ok(RACE_CODES.includes(o), `unexpected answer ${r.status} ${r.text.slice(0, 200)}`);
    }
    assert.ok(made.length >= 1, 'at least one CreateKeyVersion succeeded');
    assert.equal(new Set(made).size, made.length, 'distinct KeyVersionIds');
    const list = rawOk(await send('ListKeyVersions', { KeyId: k, PageSize: 100 }));
    assert.equal(list.TotalCount, 1 + made.length, `TotalCount = 1 + ${made.length} successes`);
    const md = rawOk(await send('DescribeKey', { KeyId: k })).KeyMetadata;
    assert.ok(made.includes(md.PrimaryKeyVersion), 'PrimaryKeyVersion is one of the new versions');
  });
  await check(M, 'concurrency: 25 TagResource of one new tag each at once never leave more than 20 tags', async () => {
    const k = rawOk(await send('CreateKey', {})).KeyMetadata.KeyId;
    const rs = await parallel(25, (i) => send('TagResource', { KeyId: k, Tags: JSON.stringify([{ TagKey: `c${i}`, TagValue: 'v' }]) }));
    let oks = 0;
    for (const r of rs) {
      const o = outcome(r);
      if (o === 'ok') oks++;
      else assert.ok(o === 'Rejected.LimitExceeded' || RACE_CODES.includes(o), `unexpected answer ${r.status} ${r.text.slice(0, 200)}`);
    }
    const tags = rawOk(await send('ListResourceTags', { KeyId: k })).Tags.Tag;
    assert.ok(tags.length <= 20, `${tags.length} tags on the key`);
    assert.equal(tags.length, oks, `tags on the key = successful calls (${oks})`);
  });
  await check(M, 'concurrency: 8 CreateAlias of one name at once: one succeeds, the rest AliasAlreadyExists', async () => {
    const a = `alias/race-${runId}`;
    const rs = await parallel(8, () => send('CreateAlias', { AliasName: a, KeyId: needMk() }));
    const outs = rs.map(outcome);
    assert.equal(outs.filter((o) => o === 'ok').length, 1, 'exactly one success: ' + outs.join(','));
    for (const o of outs) assert.ok(o === 'ok' || o === 'AliasAlreadyExists', 'answers: ' + outs.join(','));
    rawOk(await send('DeleteAlias', { AliasName: a }));
  });
  await check(M, 'concurrency: SetDeletionProtection on and ScheduleKeyDeletion at once never both succeed (5 rounds)', async () => {
    for (let round = 0; round < 5; round++) {
      const k = rawOk(await send('CreateKey', {})).KeyMetadata.KeyId;
      const [p, d] = await Promise.all([
        send('SetDeletionProtection', { KeyId: k, EnableDeletionProtection: 'true' }),
        send('ScheduleKeyDeletion', { KeyId: k, PendingWindowInDays: 7 }),
      ]);
      const po = outcome(p), dout = outcome(d);
      assert.ok(!(po === 'ok' && dout === 'ok'), `round ${round}: both succeeded`);
      const md = rawOk(await send('DescribeKey', { KeyId: k })).KeyMetadata;
      if (md.KeyState === 'PendingDeletion') assert.equal(md.DeletionProtection, 'Disabled', `round ${round}: a PendingDeletion key is not protected`);
      if (md.DeletionProtection === 'Enabled') assert.equal(md.KeyState, 'Enabled', `round ${round}: a protected key is not pending deletion`);
    }
  });
}

// ---------------------------------------------------------------------------------------------------
async function main() {
  let server = null;
  let conn;
  let dll = null;
  const log = (s) => console.log('# ' + s);
  if (process.env.KMS_ENDPOINT) {
    const ep = /^https?:\/\//.test(process.env.KMS_ENDPOINT) ? process.env.KMS_ENDPOINT : 'http://' + process.env.KMS_ENDPOINT;
    if (!process.env.KMS_ACCESS_KEY_ID || !process.env.KMS_ACCESS_KEY_SECRET) {
      console.log('FAIL setup credentials: KMS_ENDPOINT needs KMS_ACCESS_KEY_ID and KMS_ACCESS_KEY_SECRET');
      console.log('0 passed, 1 failed, 0 skipped');
      process.exit(1);
    }
    conn = { endpoint: ep.replace(/\/+$/, ''), accessKeyId: process.env.KMS_ACCESS_KEY_ID, accessKeySecret: process.env.KMS_ACCESS_KEY_SECRET };
    log(`using running server ${conn.endpoint}`);
  } else {
    dll = path.resolve(__dirname, process.env.COFFER_DLL || '../../src/Coffer.Cli/bin/Release/net10.0/coffer.dll');
    const onSignal = (sig) => {
      if (server) server.stopSync();
      counts.failed++;
      console.log(`FAIL setup interrupted: ${sig}`);
      console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
      process.exit(130);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', () => { if (server) server.stopSync(); });
    try {
      server = await startCoffer({ dll, log });
    } catch (e) {
      console.log('FAIL setup start-server: ' + oneLine(e.message));
      console.log('0 passed, 1 failed, 0 skipped');
      process.exit(1);
    }
    conn = { endpoint: server.endpoint, accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret };
  }
  conn.timeoutMs = 10000;
  const ctx = { conn, dll, dataDir: server ? server.dataDir : null };
  log(`run ${runId}`);

  const only = process.env.COMPAT_MODES ? process.env.COMPAT_MODES.split(',').map((s) => s.trim()).filter(Boolean) : MODES;
  const samples = {};
  const modes = {};
  try {
    for (const name of only) {
      if (name === 'terraform-wire') continue;
      if (!MODES.includes(name)) { await check(name, 'mode', () => assert.fail('unknown mode; known: ' + MODES.join(', '))); continue; }
      const r = await runMode(name, ctx);
      modes[name] = r.mode;
      samples[name] = r.sample;
    }
    // Cross-mode: a ciphertext made through one mode decrypts through every other mode.
    for (const dst of Object.keys(modes)) {
      for (const src of Object.keys(modes)) {
        if (src === dst) continue;
        await check(dst, `cross-mode Decrypt of ${src} ciphertext`, async () => {
          const s = samples[src];
          if (!s) assert.fail(`prerequisite missing: Encrypt in ${src}`);
          const b = ok(await modes[dst].call('Decrypt', { CiphertextBlob: s.blob, EncryptionContext: s.ctx }));
          assert.equal(b.Plaintext, s.plaintext, 'Plaintext');
          assert.equal(b.KeyId, s.keyId, 'KeyId');
        });
      }
    }
    // Access control: users, policies, account states and isolation (lib/access.js), then throttling on its own server.
    const modeNames = Object.keys(modes);
    await runAccess(H, ctx, modeNames);
    if (dll && modeNames.length > 0) await runThrottling(H, dll, modeNames, log);
    await runProtocol(ctx);
    await runSyncer(H, ctx.conn);
    await runSecretsProtocol(H, ctx.conn);
    // terraform's own wire shape: POST, common parameters in the query, business parameters in a form body.
    if (!process.env.COMPAT_MODES || only.includes('terraform-wire')) {
      const wire = makeTerraformWire(ctx.conn);
      const wt = { name: wire.name, mode: wire, call: (a, p) => wire.call(a, p) };
      await runTerraform(H, wt);
      await runSecretsTerraform(H, wt);
    }
  } catch (e) {
    counts.failed++;
    console.log('FAIL harness crashed: ' + oneLine(e && e.stack ? e.stack : e));
  } finally {
    if (server) {
      if (process.env.COMPAT_SERVER_LOG === '1') console.log(server.output().split('\n').map((l) => '# server: ' + l).join('\n'));
      await server.stop();
    }
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

main();
