'use strict';
// Replays of what terraform-provider-alicloud sends for alicloud_kms_key, alicloud_kms_alias and
// alicloud_kms_key_version (ALIYUN_KMS_API.md §5.1; provider snapshot 81c43b67: resource_alicloud_kms_key.go,
// resource_alicloud_kms_alias.go, resource_alicloud_kms_key_version.go, service_alicloud_kms{,_v2}.go), through
// any client mode, and through terraform's own wire shape (makeTerraformWire).
//
// Each step is one terraform operation: the calls the provider makes, in its order and with its parameter
// names, then the read the provider does afterwards, checked for the fields it stores.
const assert = require('node:assert/strict');
const { makeRaw } = require('./raw');
const { allAliases, tagRows, tagMap, uidOf, checkVersionList, DAY } = require('./management');

const VERSION = '2016-01-20';

// terraform's wire shape (Go tea-rpc DoRequest, POST): Action, Format=json, Timestamp, Version, SignatureNonce,
// SignatureMethod, SignatureVersion, AccessKeyId and Signature in the query; every business parameter in an
// application/x-www-form-urlencoded body; x-acs-action / x-acs-version headers. Same result convention as
// lib/adapters.js.
function makeTerraformWire(conn) {
  const raw = makeRaw(conn);
  return {
    name: 'terraform-wire', exposesStatus: true, anyAction: true,
    async call(action, params) {
      const biz = {};
      for (const [k, v] of Object.entries(params || {})) {
        if (v === undefined || v === null) continue;
        biz[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
      }
      const r = raw.v2(action, biz, { shape: 'terraform', common: { Format: 'json' } });
      Object.assign(r.req.headers, { 'x-acs-action': action, 'x-acs-version': VERSION, 'user-agent': 'AlibabaCloud (linux; amd64) Go/1.22 Core/0.0.1 TeaDSL/1 Terraform/1.9' });
      let res;
      try { res = await r.send(); } catch (e) { return { ok: false, clientError: true, message: e.message, raw: e }; }
      const j = res.json;
      if (!j || typeof j !== 'object') return { ok: false, clientError: true, message: `non-JSON answer ${res.status}: ${res.text.slice(0, 200)}` };
      if (res.headers['x-acs-request-id'] !== j.RequestId) {
        return { ok: false, clientError: true, message: `x-acs-request-id ${res.headers['x-acs-request-id']} differs from RequestId ${j.RequestId}` };
      }
      if (res.status >= 200 && res.status < 300 && !('Code' in j)) return { ok: true, body: j, status: res.status, headers: res.headers };
      return { ok: false, status: res.status, code: j.Code, message: j.Message, requestId: j.RequestId, data: j };
    },
  };
}

// terraform's alicloud_kms_alias read (KmsService.DescribeKmsAlias): ListAliases RegionId, PageNumber, PageSize 20,
// next page while a page is full. Returns { found, pages }.
async function readAlias(h, call, R, aliasName) {
  const req = Object.assign({}, R, { PageNumber: 1, PageSize: 20 });
  for (let pages = 1; pages <= 1000; pages++) {
    const b = h.ok(await call('ListAliases', req));
    assert.ok(b.Aliases && Array.isArray(b.Aliases.Alias), `page ${pages}: Aliases.Alias is an array`);
    assert.equal(b.PageSize, 20, 'PageSize echoed');
    const list = b.Aliases.Alias;
    assert.ok(list.length <= 20, `page ${pages} has at most 20 items`);
    if (list.length < 1) return { found: null, pages };
    const found = list.find((a) => a.AliasName === aliasName);
    if (found) return { found, pages };
    if (list.length < 20) return { found: null, pages };
    req.PageNumber++;
  }
  assert.fail('ListAliases never ended');
}

async function runTerraform(h, t) {
  const { check, ok, skip } = h;
  const { name, mode, call } = t;
  const T = (step) => `terraform ${step}`;
  // terraform sends RegionId on ListAliases, ListTagResources, TagResources, UntagResources and DescribeKeyVersion;
  // the typed client has no such field (and sends its configured region itself).
  const R = mode.anyAction ? { RegionId: h.REGION } : {};
  const tf = {};
  const key = () => { if (!tf.key) assert.fail('prerequisite missing: alicloud_kms_key create'); return tf.key.KeyId; };
  const policy1 = (uid) => JSON.stringify({ Version: '1', Statement: [{ Sid: 'tf', Effect: 'Allow', Principal: { RAM: [`acs:ram::${uid}:root`] }, Action: ['kms:*'], Resource: ['*'] }] });
  const policy2 = (uid) => `{"Version":"1","Statement":[{"Sid":"tf-updated","Effect":"Allow","Principal":{"RAM":["acs:ram::${uid}:root"]},"Action":["kms:Encrypt","kms:Decrypt"],"Resource":["*"]}]}`;

  // The provider's read: DescribeKey (KmsServiceV2.DescribeKmsKey) then ListTagResources looping on NextToken.
  async function readKey(expect) {
    const md = ok(await call('DescribeKey', { KeyId: key() })).KeyMetadata;
    assert.equal(md.KeyId, key(), 'KeyId');
    assert.equal(md.KeyState, expect.state, 'KeyState (status)');
    if (expect.description !== undefined) assert.equal(md.Description, expect.description, 'Description');
    assert.equal(md.KeySpec, 'Aliyun_AES_256', 'KeySpec');
    assert.equal(md.KeyUsage, 'ENCRYPT/DECRYPT', 'KeyUsage');
    assert.equal(md.Origin, 'Aliyun_KMS', 'Origin');
    assert.equal(md.ProtectionLevel, 'SOFTWARE', 'ProtectionLevel');
    assert.equal(md.AutomaticRotation, expect.rotation, 'AutomaticRotation');
    if (expect.rotation === 'Disabled') {
      assert.ok(md.RotationInterval === undefined || md.RotationInterval === null, 'no RotationInterval while rotation is Disabled');
    } else {
      assert.equal(md.RotationInterval, expect.interval, 'RotationInterval');
      assert.match(String(md.NextRotationDate), h.UTC_SECONDS, 'NextRotationDate');
    }
    assert.match(md.Arn, new RegExp(`^acs:kms:${h.REGION}:\\d{16}:key/${key()}$`), 'Arn');
    assert.match(md.PrimaryKeyVersion, h.GUID, 'PrimaryKeyVersion');
    assert.match(md.LastRotationDate, h.UTC_SECONDS, 'LastRotationDate');
    assert.match(md.CreationDate, h.UTC_SECONDS, 'CreationDate');
    assert.match(md.Creator, /^\d{16}$/, 'Creator');
    assert.equal(md.MaterialExpireTime, '', 'MaterialExpireTime');
    if (expect.state !== 'PendingDeletion') assert.equal(md.DeleteDate, '', 'DeleteDate');
    if (!mode.typed && expect.protection) assert.equal(md.DeletionProtection, expect.protection, 'DeletionProtection');
    if (mode.anyAction && expect.tags) {
      assert.deepEqual(tagMap(await tagRows(h, (a, p) => call(a, Object.assign({}, R, p)), [key()])), expect.tags, 'tags (ListTagResources)');
    }
    return md;
  }

  // ---------------------------------------------------------------- alicloud_kms_key
  await check(name, T('alicloud_kms_key create (CreateKey, SetDeletionProtection) + read'), async () => {
    const full = {
      Description: `terraform compat ${name}`, KeyUsage: 'ENCRYPT/DECRYPT', Origin: 'Aliyun_KMS', ProtectionLevel: 'SOFTWARE',
      RotationInterval: '2592000s', KeySpec: 'Aliyun_AES_256', EnableAutomaticRotation: true,
      Tags: JSON.stringify([{ TagKey: 'Created', TagValue: 'TF' }, { TagKey: 'For', TagValue: 'compat' }]),
    };
    // The Policy names the account, which the harness learns from a first key's ARN.
    const probe = ok(await call('CreateKey', { Description: `terraform compat probe ${name}` })).KeyMetadata;
    tf.uid = uidOf(probe);
    full.Policy = policy1(tf.uid);
    const r = await call('CreateKey', full);
    if (r && r.unsupported) {
      const subset = Object.assign({}, full);
      delete subset.Tags; delete subset.Policy;
      tf.key = ok(await call('CreateKey', subset)).KeyMetadata;
      skip(`${r.reason} (the later steps use a key made without Tags and Policy)`);
    }
    tf.key = ok(r).KeyMetadata;
    assert.equal(tf.key.RotationInterval, '2592000s', 'RotationInterval echoed');
    ok(await call('SetDeletionProtection', { KeyId: key(), DeletionProtectionDescription: 'tf guard', EnableDeletionProtection: true }));
    tf.protected = true;
    const md = await readKey({ state: 'Enabled', description: full.Description, rotation: 'Enabled', interval: '2592000s', protection: 'Enabled',
      tags: { Created: 'TF', For: 'compat' } });
    assert.equal(md.DeletionProtectionDescription, 'tf guard', 'DeletionProtectionDescription');
    assert.equal(ok(await call('GetKeyPolicy', { KeyId: key() })).Policy, full.Policy, 'the CreateKey Policy is stored verbatim');
  });
  await check(name, T('alicloud_kms_key update description, rotation (UpdateKeyDescription, UpdateRotationPolicy) + read'), async () => {
    ok(await call('UpdateKeyDescription', { KeyId: key(), Description: `terraform compat ${name} v2` }));
    ok(await call('UpdateRotationPolicy', { KeyId: key(), EnableAutomaticRotation: true, RotationInterval: '604800s' }));
    await readKey({ state: 'Enabled', description: `terraform compat ${name} v2`, rotation: 'Enabled', interval: '604800s' });
  });
  await check(name, T('alicloud_kms_key update deletion_protection Disabled (SetDeletionProtection) + read'), async () => {
    ok(await call('SetDeletionProtection', { KeyId: key(), DeletionProtectionDescription: 'tf guard', EnableDeletionProtection: false }));
    tf.protected = false;
    await readKey({ state: 'Enabled', rotation: 'Enabled', interval: '604800s', protection: 'Disabled' });
  });
  await check(name, T('alicloud_kms_key update policy (SetKeyPolicy) + GetKeyPolicy'), async () => {
    if (!tf.uid) assert.fail('prerequisite missing: alicloud_kms_key create');
    const p = policy2(tf.uid);
    ok(await call('SetKeyPolicy', { KeyId: key(), Policy: p }));
    assert.equal(ok(await call('GetKeyPolicy', { KeyId: key() })).Policy, p, 'Policy verbatim');
  });
  await check(name, T('alicloud_kms_key update tags (UntagResources, TagResources) + read'), async () => {
    ok(await call('UntagResources', Object.assign({ 'ResourceId.1': key() }, R, { ResourceType: 'key', 'TagKey.1': 'For' })));
    ok(await call('TagResources', Object.assign({ 'ResourceId.1': key() }, R,
      { ResourceType: 'key', 'Tag.1.Key': 'Created', 'Tag.1.Value': 'TF2', 'Tag.2.Key': 'Env', 'Tag.2.Value': 'Test' })));
    await readKey({ state: 'Enabled', rotation: 'Enabled', interval: '604800s', tags: { Created: 'TF2', Env: 'Test' } });
  });
  await check(name, T('alicloud_kms_key update status Disabled then Enabled (DisableKey, EnableKey) + read'), async () => {
    ok(await call('DescribeKey', { KeyId: key() }));
    ok(await call('DisableKey', { KeyId: key() }));
    assert.equal(ok(await call('DescribeKey', { KeyId: key() })).KeyMetadata.KeyState, 'Disabled', 'state refresh sees Disabled');
    ok(await call('EnableKey', { KeyId: key() }));
    assert.equal(ok(await call('DescribeKey', { KeyId: key() })).KeyMetadata.KeyState, 'Enabled', 'state refresh sees Enabled');
    await readKey({ state: 'Enabled', rotation: 'Enabled', interval: '604800s' });
  });
  await check(name, T('alicloud_kms_key update automatic_rotation Disabled (UpdateRotationPolicy with RotationInterval) + read'), async () => {
    ok(await call('UpdateRotationPolicy', { KeyId: key(), EnableAutomaticRotation: false, RotationInterval: '604800s' }));
    await readKey({ state: 'Enabled', rotation: 'Disabled' });
  });
  await check(name, T('alicloud_kms_key destroy (ScheduleKeyDeletion 7) + read shows PendingDeletion'), async () => {
    const t0 = Date.now();
    if (tf.protected) ok(await call('SetDeletionProtection', { KeyId: key(), EnableDeletionProtection: false }));
    ok(await call('ScheduleKeyDeletion', { KeyId: key(), PendingWindowInDays: 7 }));
    const md = await readKey({ state: 'PendingDeletion', rotation: 'Disabled' });
    const off = Date.parse(md.DeleteDate) - (t0 + 7 * DAY);
    assert.ok(Math.abs(off) < 120000, `DeleteDate ${md.DeleteDate} ≈ now + 7 days`);
  });

  // ---------------------------------------------------------------- alicloud_kms_alias
  const aliasName = `alias/tf-${name}-${h.runId}`;
  await check(name, T('alicloud_kms_alias create (CreateAlias) + read (ListAliases PageSize 20 paging)'), async () => {
    const ka1 = ok(await call('CreateKey', { Description: `terraform alias target 1 ${name}` })).KeyMetadata;
    tf.ka1 = ka1.KeyId;
    tf.ka2 = ok(await call('CreateKey', { Description: `terraform alias target 2 ${name}` })).KeyMetadata.KeyId;
    // Enough aliases before ours that terraform's read has to walk past full pages of 20.
    const total = ok(await call('ListAliases', { PageSize: 1 })).TotalCount;
    for (let i = total; i < 45; i++) ok(await call('CreateAlias', { AliasName: `alias/tf-fill-${h.runId}-${name}-${i}`, KeyId: tf.ka1 }));
    ok(await call('CreateAlias', { AliasName: aliasName, KeyId: tf.ka1 }));
    tf.alias = true;
    const { found, pages } = await readAlias(h, call, R, aliasName);
    assert.ok(found, `${aliasName} found by paging`);
    const index = (await allAliases(h, call)).findIndex((a) => a.AliasName === aliasName);
    assert.ok(index >= 20, `the alias is item ${index + 1} of the listing, past the first page of 20`);
    assert.equal(pages, Math.floor(index / 20) + 1, `the read walked to the page holding item ${index + 1}`);
    assert.equal(found.KeyId, tf.ka1, 'KeyId');
    assert.equal(found.AliasArn, `acs:kms:${h.REGION}:${uidOf(ka1)}:${aliasName}`, 'AliasArn');
  });
  await check(name, T('alicloud_kms_alias update (UpdateAlias) + read'), async () => {
    if (!tf.alias) assert.fail('prerequisite missing: CreateAlias');
    ok(await call('UpdateAlias', { AliasName: aliasName, KeyId: tf.ka2 }));
    const { found } = await readAlias(h, call, R, aliasName);
    assert.ok(found, 'alias still found');
    assert.equal(found.KeyId, tf.ka2, 'KeyId after UpdateAlias');
  });
  await check(name, T('alicloud_kms_alias delete (DeleteAlias) + read finds nothing'), async () => {
    if (!tf.alias) assert.fail('prerequisite missing: CreateAlias');
    ok(await call('DeleteAlias', { AliasName: aliasName }));
    const { found } = await readAlias(h, call, R, aliasName);
    assert.equal(found, null, 'alias gone');
  });

  // ---------------------------------------------------------------- alicloud_kms_key_version
  await check(name, T('alicloud_kms_key_version create (CreateKeyVersion) + read (DescribeKeyVersion)'), async () => {
    tf.kv = ok(await call('CreateKey', { Description: `terraform key version ${name}` })).KeyMetadata;
    const b = ok(await call('CreateKeyVersion', { KeyId: tf.kv.KeyId }));
    const id = `${b.KeyVersion.KeyId}:${b.KeyVersion.KeyVersionId}`; // the resource ID terraform stores
    const [kid, vid] = id.split(':');
    assert.equal(kid, tf.kv.KeyId, 'KeyVersion.KeyId');
    assert.match(vid, h.GUID, 'KeyVersion.KeyVersionId');
    tf.v2 = vid;
    const d = ok(await call('DescribeKeyVersion', Object.assign({}, R, { KeyId: kid, KeyVersionId: vid })));
    assert.equal(d.KeyVersion.KeyId, kid, 'KeyId');
    assert.equal(d.KeyVersion.KeyVersionId, vid, 'KeyVersionId');
    assert.match(d.KeyVersion.CreationDate, h.UTC_SECONDS, 'CreationDate');
  });
  await check(name, T('data alicloud_kms_key_versions (ListKeyVersions PageSize 50)'), async () => {
    if (!tf.kv || !tf.v2) assert.fail('prerequisite missing: CreateKeyVersion');
    const b = ok(await call('ListKeyVersions', { KeyId: tf.kv.KeyId, PageSize: 50, PageNumber: 1 }));
    checkVersionList(b.KeyVersions.KeyVersion, [tf.kv.PrimaryKeyVersion, tf.v2], 'ListKeyVersions');
  });
}

module.exports = { makeTerraformWire, runTerraform };
