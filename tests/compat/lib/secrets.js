'use strict';
// Secrets Manager (ALIYUN_KMS_API.md §3.11, §4.12; DECISIONS.md "Secrets"), three parts:
//   runSecrets(h, t)          once per client mode: the Generic secret life cycle, versions and stages, paging,
//                             policies, GetRandomPassword, recovery window, managed types, key state, tags.
//   runSecretsTerraform(h, t) terraform's alicloud_kms_secret (§5.1; provider resource_alicloud_kms_secret.go):
//                             create, read, update value/stages/description/tags, policy, delete with and without
//                             force; per mode and as terraform-wire.
//   runSyncer(h, conn)        a secret syncer (§5.2): GetSecretValue with VersionStage, FetchExtendedConfig and
//                             Format=XML through openapi-client's V2 path (string body), parsed as XML; then the XML
//                             error bodies (root <KMS>) checked as golden bodies through the signing test client.
// h: run.js's helpers; t: { name, mode, call } as in lib/management.js.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { makeRaw } = require('./raw');
const { uidOf, defaultPolicy, DAY, tagRows } = require('./management');

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const plain = (x) => JSON.parse(JSON.stringify(x));
const sorted = (a) => [...a].sort();
const stagesOf = (b) => {
  assert.ok(b.VersionStages && Array.isArray(b.VersionStages.VersionStage), 'VersionStages.VersionStage is an array: ' + JSON.stringify(b).slice(0, 300));
  return sorted(plain(b.VersionStages.VersionStage));
};
const tagsOf = (b) => {
  assert.ok(b.Tags && Array.isArray(b.Tags.Tag), 'Tags.Tag is an array: ' + JSON.stringify(b).slice(0, 300));
  return Object.fromEntries(plain(b.Tags.Tag).map((x) => [x.TagKey, x.TagValue]));
};
const near = (iso, ms, what) => {
  const t = Date.parse(iso);
  assert.ok(Number.isFinite(t), `${what} is not a time: ${JSON.stringify(iso)}`);
  assert.ok(Math.abs(t - ms) < 120000, `${what} ${iso} ≈ ${new Date(ms).toISOString()}`);
};
const empty = (v) => v === undefined || v === null || v === '';

const secretTagRows = (h, call, names) => tagRows(h, call, names, 'secret');

// ====================================================================================== per client mode
async function runSecrets(h, t) {
  const { check, ok, expectError, skip } = h;
  const { name, mode, call } = t;
  const S = (step) => `secrets ${step}`;
  const base = `compat/${h.runId}/${name}`;
  const s = {}; // facts of this section
  const need = (v, what) => { if (!v) assert.fail(`prerequisite missing: ${what}`); return v; };
  const TEXT = `text value ${name} ü <&> "q" 'a'`;
  const BIN = crypto.randomBytes(48).toString('base64');
  const n1 = `${base}/text`, n2 = `${base}/binary`;
  const arnRe = (n) => new RegExp(`^acs:kms:${h.REGION}:\\d{16}:secret/${n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  const get = async (params) => ok(await call('GetSecretValue', params));

  await check(name, S('CreateKey for EncryptionKeyId'), async () => {
    s.key = ok(await call('CreateKey', { Description: `compat secrets ${name}` })).KeyMetadata;
  });
  await check(name, S('CreateSecret Generic text with VersionId, Description, Tags, EncryptionKeyId'), async () => {
    const key = need(s.key, 'CreateKey');
    const b = ok(await call('CreateSecret', { SecretName: n1, VersionId: 'v1', SecretData: TEXT, SecretDataType: 'text',
      Description: `compat secret ${name}`, EncryptionKeyId: key.KeyId, Tags: [{ TagKey: 'Env', TagValue: 'compat' }, { TagKey: 'Mode', TagValue: name }] }));
    assert.equal(b.SecretName, n1, 'SecretName');
    assert.equal(b.VersionId, 'v1', 'VersionId');
    assert.match(b.Arn, arnRe(n1), 'Arn');
    if (!mode.typed) assert.equal(b.SecretType, 'Generic', 'SecretType');
    s.n1 = n1; s.arn1 = b.Arn;
  });
  await check(name, S('CreateSecret binary without EncryptionKeyId'), async () => {
    const b = ok(await call('CreateSecret', { SecretName: n2, VersionId: 'b1', SecretData: BIN, SecretDataType: 'binary' }));
    assert.equal(b.SecretName, n2, 'SecretName');
    assert.equal(b.VersionId, 'b1', 'VersionId');
    s.n2 = n2;
  });
  const N1 = () => need(s.n1, 'CreateSecret text');
  const N2 = () => need(s.n2, 'CreateSecret binary');

  await check(name, S('secret name with every allowed special character (a+b=c@d.e_f-g/h) round trips'), async () => {
    const n = `${base}/a+b=c@d.e_f-g/h`;
    const b = ok(await call('CreateSecret', { SecretName: n, VersionId: 'v+1=@', SecretData: 'x+y=z&w%20' }));
    assert.equal(b.SecretName, n, 'SecretName');
    const v = await get({ SecretName: n });
    assert.equal(v.SecretName, n, 'SecretName read back');
    assert.equal(v.VersionId, 'v+1=@', 'VersionId read back');
    assert.equal(v.SecretData, 'x+y=z&w%20', 'SecretData read back');
    ok(await call('DeleteSecret', { SecretName: n, ForceDeleteWithoutRecovery: 'true' }));
  });
  await check(name, S('DescribeSecret (FetchTags): metadata, EncryptionKeyId, tags, no value'), async () => {
    const b = ok(await call('DescribeSecret', { SecretName: N1(), FetchTags: 'true' }));
    assert.equal(b.SecretName, N1(), 'SecretName');
    assert.equal(b.Arn, s.arn1, 'Arn equals CreateSecret');
    assert.equal(b.Description, `compat secret ${name}`, 'Description');
    assert.equal(b.EncryptionKeyId, s.key.KeyId, 'EncryptionKeyId');
    assert.match(b.CreateTime, h.UTC_SECONDS, 'CreateTime');
    assert.match(b.UpdateTime, h.UTC_SECONDS, 'UpdateTime');
    assert.ok(empty(b.PlannedDeleteTime), 'no PlannedDeleteTime');
    assert.deepEqual(tagsOf(b), { Env: 'compat', Mode: name }, 'Tags');
    assert.ok(!('SecretData' in b), 'no SecretData');
    if (!mode.typed) assert.equal(b.SecretType, 'Generic', 'SecretType');
  });
  await check(name, S('DescribeSecret of a secret on the service key: EncryptionKeyId ""'), async () => {
    const b = ok(await call('DescribeSecret', { SecretName: N2() }));
    assert.equal(b.EncryptionKeyId, '', 'EncryptionKeyId');
  });
  await check(name, S('GetSecretValue default (ACSCurrent)'), async () => {
    const b = await get({ SecretName: N1() });
    assert.equal(b.SecretName, N1(), 'SecretName');
    assert.equal(b.SecretData, TEXT, 'SecretData');
    assert.equal(b.SecretDataType, 'text', 'SecretDataType');
    assert.equal(b.VersionId, 'v1', 'VersionId');
    assert.deepEqual(stagesOf(b), ['ACSCurrent'], 'VersionStages');
    assert.match(b.CreateTime, h.UTC_SECONDS, 'CreateTime');
    if (!mode.typed) assert.equal(b.SecretType, 'Generic', 'SecretType');
  });
  await check(name, S('GetSecretValue by secret ARN'), async () => {
    const b = await get({ SecretName: need(s.arn1, 'CreateSecret text') });
    assert.equal(b.SecretName, N1(), 'SecretName');
    assert.equal(b.SecretData, TEXT, 'SecretData');
  });
  await check(name, S('GetSecretValue binary'), async () => {
    const b = await get({ SecretName: N2() });
    assert.equal(b.SecretDataType, 'binary', 'SecretDataType');
    assert.equal(b.SecretData, BIN, 'SecretData');
  });
  await check(name, S('GetSecretValue FetchExtendedConfig=true (Generic: no rotation fields)'), async () => {
    const r = await call('GetSecretValue', { SecretName: N1(), FetchExtendedConfig: true });
    const b = ok(r);
    assert.equal(b.SecretData, TEXT, 'SecretData');
    assert.ok(empty(b.NextRotationDate) && empty(b.RotationInterval), 'no rotation for a Generic secret');
  });

  await check(name, S('PutSecretValue v2: new ACSCurrent, v1 → ACSPrevious'), async () => {
    const b = ok(await call('PutSecretValue', { SecretName: N1(), VersionId: 'v2', SecretData: TEXT + ' 2' }));
    assert.equal(b.SecretName, N1(), 'SecretName');
    assert.equal(b.VersionId, 'v2', 'VersionId');
    assert.deepEqual(stagesOf(b), ['ACSCurrent'], 'VersionStages');
    const cur = await get({ SecretName: N1() });
    assert.equal(cur.VersionId, 'v2', 'ACSCurrent is v2');
    assert.equal(cur.SecretData, TEXT + ' 2', 'SecretData of v2');
    s.v2 = true;
  });
  await check(name, S('GetSecretValue VersionStage=ACSPrevious and VersionId=v1'), async () => {
    need(s.v2, 'PutSecretValue v2');
    const p = await get({ SecretName: N1(), VersionStage: 'ACSPrevious' });
    assert.equal(p.VersionId, 'v1', 'ACSPrevious is v1');
    assert.equal(p.SecretData, TEXT, 'SecretData of v1');
    assert.deepEqual(stagesOf(p), ['ACSPrevious'], 'VersionStages of v1');
    const v = await get({ SecretName: N1(), VersionId: 'v1' });
    assert.equal(v.SecretData, TEXT, 'by VersionId');
    assert.deepEqual(stagesOf(v), ['ACSPrevious'], 'VersionStages by VersionId');
  });
  await check(name, S('PutSecretValue same VersionId, same data → success; other data → Rejected.ResourceExist'), async () => {
    need(s.v2, 'PutSecretValue v2');
    const b = ok(await call('PutSecretValue', { SecretName: N1(), VersionId: 'v2', SecretData: TEXT + ' 2' }));
    assert.equal(b.VersionId, 'v2', 'VersionId');
    expectError(mode, await call('PutSecretValue', { SecretName: N1(), VersionId: 'v2', SecretData: 'other' }), 'Rejected.ResourceExist');
    assert.equal((await get({ SecretName: N1() })).SecretData, TEXT + ' 2', 'value unchanged');
  });
  await check(name, S('ListSecretVersionIds after v3: v1 stage-less, listed only with IncludeDeprecated'), async () => {
    need(s.v2, 'PutSecretValue v2');
    ok(await call('PutSecretValue', { SecretName: N1(), VersionId: 'v3', SecretData: TEXT + ' 3' }));
    s.v3 = true;
    const b = ok(await call('ListSecretVersionIds', { SecretName: N1() }));
    assert.equal(b.SecretName, N1(), 'SecretName');
    assert.equal(typeof b.TotalCount, 'number', 'TotalCount is a number');
    assert.equal(b.PageSize, 20, 'PageSize default 20');
    const rows = plain(b.VersionIds.VersionId);
    const byId = Object.fromEntries(rows.map((r) => [r.VersionId, sorted(r.VersionStages.VersionStage)]));
    assert.deepEqual(byId, { v2: ['ACSPrevious'], v3: ['ACSCurrent'] }, 'versions with a stage');
    for (const r of rows) assert.match(r.CreateTime, h.UTC_SECONDS, 'CreateTime');
    const all = ok(await call('ListSecretVersionIds', { SecretName: N1(), IncludeDeprecated: 'true' }));
    const allById = Object.fromEntries(plain(all.VersionIds.VersionId).map((r) => [r.VersionId, sorted(r.VersionStages.VersionStage)]));
    assert.deepEqual(allById, { v1: [], v2: ['ACSPrevious'], v3: ['ACSCurrent'] }, 'IncludeDeprecated lists v1 without stages');
    assert.equal(all.TotalCount, 3, 'TotalCount with IncludeDeprecated');
  });
  await check(name, S('UpdateSecretVersionStage: add a custom stage, move it, remove it'), async () => {
    need(s.v3, 'PutSecretValue v3');
    ok(await call('UpdateSecretVersionStage', { SecretName: N1(), VersionStage: 'Staging', MoveToVersion: 'v1' }));
    assert.equal((await get({ SecretName: N1(), VersionStage: 'Staging' })).VersionId, 'v1', 'Staging on v1');
    const b = ok(await call('UpdateSecretVersionStage', { SecretName: N1(), VersionStage: 'Staging', RemoveFromVersion: 'v1', MoveToVersion: 'v2' }));
    assert.equal(b.SecretName, N1(), 'SecretName');
    const st = await get({ SecretName: N1(), VersionStage: 'Staging' });
    assert.equal(st.VersionId, 'v2', 'Staging moved to v2');
    assert.deepEqual(stagesOf(st), ['ACSPrevious', 'Staging'], 'v2 stages');
    const list = ok(await call('ListSecretVersionIds', { SecretName: N1() }));
    assert.deepEqual(plain(list.VersionIds.VersionId).map((r) => r.VersionId).sort(), ['v2', 'v3'], 'v1 stage-less again');
    ok(await call('UpdateSecretVersionStage', { SecretName: N1(), VersionStage: 'Staging', RemoveFromVersion: 'v2' }));
    expectError(mode, await call('GetSecretValue', { SecretName: N1(), VersionStage: 'Staging' }), 'Forbidden.ResourceNotFound');
  });
  await check(name, S('UpdateSecretVersionStage ACSCurrent v3 → v1: v3 becomes ACSPrevious'), async () => {
    need(s.v3, 'PutSecretValue v3');
    ok(await call('UpdateSecretVersionStage', { SecretName: N1(), VersionStage: 'ACSCurrent', RemoveFromVersion: 'v3', MoveToVersion: 'v1' }));
    assert.equal((await get({ SecretName: N1() })).VersionId, 'v1', 'ACSCurrent on v1');
    assert.equal((await get({ SecretName: N1(), VersionStage: 'ACSPrevious' })).VersionId, 'v3', 'ACSPrevious on v3');
    ok(await call('UpdateSecretVersionStage', { SecretName: N1(), VersionStage: 'ACSCurrent', RemoveFromVersion: 'v1', MoveToVersion: 'v3' }));
    assert.equal((await get({ SecretName: N1() })).VersionId, 'v3', 'ACSCurrent back on v3');
  });
  await check(name, S('BatchGetSecretValue: two values, one Forbidden.ResourceNotFound in Errors'), async () => {
    const missing = `${base}/missing`;
    const r = await call('BatchGetSecretValue', { SecretsList: [{ SecretName: N1() }, { SecretName: N2() }, { SecretName: missing }] });
    const b = ok(r);
    assert.ok(Array.isArray(b.SecretValues), 'SecretValues is a bare array: ' + JSON.stringify(b).slice(0, 300));
    assert.ok(Array.isArray(b.Errors), 'Errors is a bare array');
    const vals = Object.fromEntries(plain(b.SecretValues).map((v) => [v.SecretName, v]));
    assert.deepEqual(Object.keys(vals).sort(), [N1(), N2()].sort(), 'SecretValues names');
    assert.equal(vals[N2()].SecretData, BIN, 'binary SecretData');
    assert.equal(vals[N2()].SecretDataType, 'binary', 'SecretDataType');
    assert.deepEqual(stagesOf(vals[N2()]), ['ACSCurrent'], 'VersionStages');
    assert.equal(b.Errors.length, 1, 'one error');
    const e = b.Errors[0];
    assert.equal(e.SecretName, missing, 'Errors SecretName');
    assert.equal(e.Code, 'Forbidden.ResourceNotFound', 'Errors Code');
    assert.equal(e.HttpStatus, 404, 'Errors HttpStatus is the number 404');
    assert.equal(e.Message, h.expectedMessage('Forbidden.ResourceNotFound'), 'Errors Message');
  });

  await check(name, S('ListSecrets PageSize=2 paging finds this mode\'s secrets once each'), async () => {
    const seen = [];
    let total;
    for (let page = 1; page <= 500; page++) {
      const b = ok(await call('ListSecrets', { PageNumber: page, PageSize: 2 }));
      assert.equal(b.PageNumber, page, 'PageNumber echoed as a number');
      assert.equal(b.PageSize, 2, 'PageSize echoed as a number');
      assert.equal(typeof b.TotalCount, 'number', 'TotalCount is a number');
      assert.ok(b.SecretList && Array.isArray(b.SecretList.Secret), 'SecretList.Secret is an array');
      total = b.TotalCount;
      const items = plain(b.SecretList.Secret);
      for (const x of items) {
        assert.match(x.CreateTime, h.UTC_SECONDS, 'item CreateTime');
        seen.push(x.SecretName);
      }
      if (items.length < 2) break;
    }
    assert.equal(seen.length, total, 'items seen = TotalCount');
    assert.equal(new Set(seen).size, seen.length, 'no secret twice');
    for (const n of [N1(), N2()]) assert.ok(seen.includes(n), `${n} listed`);
    const past = ok(await call('ListSecrets', { PageNumber: Math.ceil(total / 2) + 1, PageSize: 2 }));
    assert.deepEqual(plain(past.SecretList.Secret), [], 'a page past the end is empty');
    assert.equal(past.TotalCount, total, 'with the true TotalCount');
  });
  await check(name, S('ListSecrets Filters SecretName'), async () => {
    if (mode.typed) skip('ListSecretsRequest of @alicloud/kms20160120 1.2.0 has no field Filters');
    const b = ok(await call('ListSecrets', { Filters: [{ Key: 'SecretName', Values: [`${base}/`] }], PageSize: 100 }));
    assert.deepEqual(plain(b.SecretList.Secret).map((x) => x.SecretName).sort(), [N1(), N2()].sort(), 'filtered names');
  });
  await check(name, S('UpdateSecret Description + DescribeSecret'), async () => {
    const b = ok(await call('UpdateSecret', { SecretName: N1(), Description: `updated ${name}` }));
    assert.equal(b.SecretName, N1(), 'SecretName');
    assert.equal(ok(await call('DescribeSecret', { SecretName: N1() })).Description, `updated ${name}`, 'Description');
  });
  await check(name, S('GetSecretPolicy default, SetSecretPolicy verbatim, PolicyName=other → Forbidden.ResourceNotFound'), async () => {
    const uid = uidOf(need(s.key, 'CreateKey'));
    const d = ok(await call('GetSecretPolicy', { SecretName: N1() }));
    assert.equal(d.Policy, JSON.stringify(defaultPolicy(uid)), 'the default policy text of DECISIONS.md');
    const p = `{"Version":"1","Statement":[{"Sid":"compat ${name}","Effect":"Allow","Principal":{"RAM":["acs:ram::${uid}:root"]},"Action":["kms:GetSecretValue"],"Resource":["*"]}]}`;
    ok(await call('SetSecretPolicy', { SecretName: N1(), Policy: p }));
    assert.equal(ok(await call('GetSecretPolicy', { SecretName: N1() })).Policy, p, 'Policy verbatim');
    expectError(mode, await call('GetSecretPolicy', { SecretName: N1(), PolicyName: 'other' }), 'Forbidden.ResourceNotFound');
  });

  await check(name, S('GetRandomPassword default 32 characters'), async () => {
    const b = ok(await call('GetRandomPassword', {}));
    assert.equal(typeof b.RandomPassword, 'string', 'RandomPassword');
    assert.equal(b.RandomPassword.length, 32, 'length 32');
  });
  await check(name, S('GetRandomPassword length 12, ExcludeCharacters, ExcludePunctuation, RequireEachIncludedType'), async () => {
    for (let i = 0; i < 5; i++) {
      const p = ok(await call('GetRandomPassword', { PasswordLength: '12', ExcludeCharacters: 'abcXYZ019', ExcludePunctuation: 'true', RequireEachIncludedType: 'true' })).RandomPassword;
      assert.equal(p.length, 12, 'length 12');
      assert.match(p, /^[A-Za-z0-9]+$/, 'no punctuation: ' + p);
      assert.ok(!/[abcXYZ019]/.test(p), 'excluded characters absent: ' + p);
      assert.ok(/[a-z]/.test(p) && /[A-Z]/.test(p) && /[0-9]/.test(p), 'each included class present: ' + p);
    }
    const d = ok(await call('GetRandomPassword', { PasswordLength: '8', ExcludeLowercase: 'true', ExcludeUppercase: 'true', ExcludePunctuation: 'true' })).RandomPassword;
    assert.match(d, /^[0-9]{8}$/, 'digits only: ' + d);
    const q = ok(await call('GetRandomPassword', { PasswordLength: '128', ExcludeLowercase: 'true', ExcludeUppercase: 'true', ExcludeNumbers: 'true', RequireEachIncludedType: 'true' })).RandomPassword;
    assert.equal(q.length, 128, 'length 128');
    assert.match(q, /^[!-/:-@[-`{-~]+$/, 'punctuation only: ' + q);
  });
  for (const n of ['7', '129']) {
    await check(name, S(`GetRandomPassword PasswordLength=${n} → InvalidParameter`), async () => {
      expectError(mode, await call('GetRandomPassword', { PasswordLength: n }), 'InvalidParameter', { param: 'PasswordLength' });
    });
  }

  // ---- errors
  await check(name, S('GetSecretValue / DescribeSecret unknown secret → Forbidden.ResourceNotFound'), async () => {
    expectError(mode, await call('GetSecretValue', { SecretName: `${base}/nope` }), 'Forbidden.ResourceNotFound');
    expectError(mode, await call('DescribeSecret', { SecretName: `${base}/nope` }), 'Forbidden.ResourceNotFound');
  });
  await check(name, S('GetSecretValue unknown VersionId → Forbidden.ResourceNotFound'), async () => {
    expectError(mode, await call('GetSecretValue', { SecretName: N1(), VersionId: 'nope' }), 'Forbidden.ResourceNotFound');
  });
  await check(name, S('CreateSecret of a taken name → Rejected.ResourceExist'), async () => {
    expectError(mode, await call('CreateSecret', { SecretName: N1(), VersionId: 'x1', SecretData: 'x' }), 'Rejected.ResourceExist');
  });
  await check(name, S('CreateSecret without SecretData → MissingParameter'), async () => {
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/nodata`, VersionId: 'x1' }), 'MissingParameter', { param: 'SecretData' });
  });
  await check(name, S('CreateSecret SecretType=Rds → Rejected.UnsupportedOperation'), async () => {
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/rds`, VersionId: 'r1', SecretType: 'Rds',
      SecretData: '{"Accounts":[{"AccountName":"u","AccountPassword":"p"}]}',
      ExtendedConfig: '{"SecretSubType":"SingleUser","DBInstanceId":"rm-x","CustomData":{}}' }), 'Rejected.UnsupportedOperation');
    expectError(mode, await call('DescribeSecret', { SecretName: `${base}/rds` }), 'Forbidden.ResourceNotFound');
  });
  await check(name, S('RotateSecret → Rejected.UnsupportedOperation'), async () => {
    expectError(mode, await call('RotateSecret', { SecretName: N1(), VersionId: 'rot1' }), 'Rejected.UnsupportedOperation');
  });
  await check(name, S('UpdateSecretRotationPolicy → Rejected.UnsupportedOperation'), async () => {
    expectError(mode, await call('UpdateSecretRotationPolicy', { SecretName: N1(), EnableAutomaticRotation: true, RotationInterval: '7d' }), 'Rejected.UnsupportedOperation');
  });
  await check(name, S('DisableKey on the EncryptionKeyId → GetSecretValue, PutSecretValue Rejected.Disabled; EnableKey → works'), async () => {
    const key = need(s.key, 'CreateKey').KeyId;
    ok(await call('DisableKey', { KeyId: key }));
    try {
      expectError(mode, await call('GetSecretValue', { SecretName: N1() }), 'Rejected.Disabled');
      expectError(mode, await call('PutSecretValue', { SecretName: N1(), VersionId: 'vd', SecretData: 'x' }), 'Rejected.Disabled');
      ok(await call('DescribeSecret', { SecretName: N1() }));
      assert.equal((await get({ SecretName: N2() })).SecretData, BIN, 'a secret on the service key still works');
    } finally {
      ok(await call('EnableKey', { KeyId: key }));
    }
    assert.equal((await get({ SecretName: N1() })).VersionId, 'v3', 'works again');
  });

  // ---- tags (ResourceType=secret)
  await check(name, S('TagResources / ListTagResources / UntagResources ResourceType=secret'), async () => {
    ok(await call('TagResources', { ResourceType: 'secret', 'ResourceId.1': N1(), 'ResourceId.2': N2(), 'Tag.1.Key': 'Team', 'Tag.1.Value': 'sec' }));
    const rows = await secretTagRows(h, call, [N1(), N2()]);
    for (const r of rows) assert.equal(r.ResourceType, 'secret', 'ResourceType');
    const got = rows.map((r) => `${r.ResourceId}|${r.TagKey}=${r.TagValue}`).sort();
    assert.deepEqual(got, [`${N1()}|Env=compat`, `${N1()}|Mode=${name}`, `${N1()}|Team=sec`, `${N2()}|Team=sec`].sort(), 'rows');
    ok(await call('UntagResources', { ResourceType: 'secret', 'ResourceId.1': N2(), 'TagKey.1': 'Team' }));
    assert.deepEqual(tagsOf(ok(await call('DescribeSecret', { SecretName: N2(), FetchTags: 'true' }))), {}, 'tags of the binary secret after UntagResources');
    assert.deepEqual(tagsOf(ok(await call('DescribeSecret', { SecretName: N1(), FetchTags: 'true' }))), { Env: 'compat', Mode: name, Team: 'sec' }, 'DescribeSecret FetchTags');
  });

  // ---- deletion
  await check(name, S('DeleteSecret RecoveryWindowInDays=7 → PlannedDeleteTime ≈ now+7d; GetSecretValue Rejected.ResourceInDeleteWindow'), async () => {
    const t0 = Date.now();
    const b = ok(await call('DeleteSecret', { SecretName: N2(), RecoveryWindowInDays: '7' }));
    assert.equal(b.SecretName, N2(), 'SecretName');
    near(b.PlannedDeleteTime, t0 + 7 * DAY, 'PlannedDeleteTime');
    s.deleted = b.PlannedDeleteTime;
    expectError(mode, await call('GetSecretValue', { SecretName: N2() }), 'Rejected.ResourceInDeleteWindow');
  });
  await check(name, S('in the recovery window: DescribeSecret and ListSecrets work; PutSecretValue, UpdateSecret, CreateSecret → Rejected.ResourceInDeleteWindow'), async () => {
    const when = need(s.deleted, 'DeleteSecret');
    const d = ok(await call('DescribeSecret', { SecretName: N2() }));
    assert.equal(d.PlannedDeleteTime, when, 'DescribeSecret PlannedDeleteTime');
    let item;
    for (let page = 1; page <= 100 && !item; page++) {
      const l = plain(ok(await call('ListSecrets', { PageSize: 100, PageNumber: page })).SecretList.Secret);
      item = l.find((x) => x.SecretName === N2());
      if (l.length < 100) break;
    }
    assert.ok(item, 'ListSecrets lists the secret in its recovery window');
    assert.equal(item.PlannedDeleteTime, when, 'ListSecrets PlannedDeleteTime');
    expectError(mode, await call('PutSecretValue', { SecretName: N2(), VersionId: 'b2', SecretData: 'x' }), 'Rejected.ResourceInDeleteWindow');
    expectError(mode, await call('UpdateSecret', { SecretName: N2(), Description: 'x' }), 'Rejected.ResourceInDeleteWindow');
    expectError(mode, await call('CreateSecret', { SecretName: N2(), VersionId: 'b9', SecretData: 'x' }), 'Rejected.ResourceInDeleteWindow');
  });
  await check(name, S('RestoreSecret → GetSecretValue works again, PlannedDeleteTime cleared'), async () => {
    need(s.deleted, 'DeleteSecret');
    const b = ok(await call('RestoreSecret', { SecretName: N2() }));
    assert.equal(b.SecretName, N2(), 'SecretName');
    assert.equal((await get({ SecretName: N2() })).SecretData, BIN, 'SecretData');
    assert.ok(empty(ok(await call('DescribeSecret', { SecretName: N2() })).PlannedDeleteTime), 'PlannedDeleteTime cleared');
  });
  await check(name, S('DeleteSecret ForceDeleteWithoutRecovery=true → Forbidden.ResourceNotFound; the name is free again'), async () => {
    const b = ok(await call('DeleteSecret', { SecretName: N2(), ForceDeleteWithoutRecovery: 'true' }));
    assert.equal(b.SecretName, N2(), 'SecretName');
    expectError(mode, await call('GetSecretValue', { SecretName: N2() }), 'Forbidden.ResourceNotFound');
    expectError(mode, await call('DescribeSecret', { SecretName: N2() }), 'Forbidden.ResourceNotFound');
    expectError(mode, await call('RestoreSecret', { SecretName: N2() }), 'Forbidden.ResourceNotFound');
    ok(await call('CreateSecret', { SecretName: N2(), VersionId: 'again', SecretData: 'again' }));
    assert.equal((await get({ SecretName: N2() })).VersionId, 'again', 'new secret of the same name');
  });
}

// ====================================================================================== terraform alicloud_kms_secret
async function runSecretsTerraform(h, t) {
  const { check, ok, expectError, skip } = h;
  const { name, mode, call } = t;
  const T = (step) => `terraform alicloud_kms_secret ${step}`;
  const R = mode.anyAction ? { RegionId: h.REGION } : {};
  const tf = {};
  const sn = `tf-${h.runId}-${name}`;
  const secret = () => { if (!tf.created) assert.fail('prerequisite missing: alicloud_kms_secret create'); return sn; };

  // The provider's read: DescribeSecret (DescribeKmsSecret, FetchTags) then GetSecretValue (SecretName only).
  async function read(expect) {
    const d = ok(await call('DescribeSecret', { SecretName: secret(), FetchTags: 'true' }));
    assert.equal(d.SecretName, secret(), 'secret_name');
    assert.match(d.Arn, new RegExp(`^acs:kms:${h.REGION}:\\d{16}:secret/${sn}$`), 'arn');
    assert.equal(d.Description, expect.description, 'description');
    assert.equal(d.EncryptionKeyId, expect.keyId, 'encryption_key_id');
    assert.ok(empty(d.PlannedDeleteTime), 'planned_delete_time empty');
    if (!mode.typed) assert.equal(d.SecretType, 'Generic', 'secret_type');
    assert.deepEqual(tagsOf(d), expect.tags, 'tags');
    const v = ok(await call('GetSecretValue', { SecretName: secret() }));
    assert.equal(v.SecretData, expect.data, 'secret_data');
    assert.equal(v.SecretDataType, 'text', 'secret_data_type');
    assert.equal(v.VersionId, expect.versionId, 'version_id');
    assert.deepEqual(stagesOf(v), sorted(expect.stages || ['ACSCurrent']), 'version_stages');
  }

  await check(name, T('create (CreateSecret with Tags JSON, EncryptionKeyId) + read'), async () => {
    tf.key = ok(await call('CreateKey', { Description: `terraform secret key ${name}` })).KeyMetadata.KeyId;
    const b = ok(await call('CreateSecret', { Description: `tf secret ${name}`, EncryptionKeyId: tf.key, SecretData: 'tf-value-1',
      SecretDataType: 'text', SecretName: sn, Tags: JSON.stringify([{ TagKey: 'Created', TagValue: 'TF' }, { TagKey: 'For', TagValue: 'compat' }]), VersionId: '000000000001' }));
    assert.equal(b.SecretName, sn, 'the resource ID is the SecretName of the answer');
    tf.created = true;
    await read({ description: `tf secret ${name}`, keyId: tf.key, tags: { Created: 'TF', For: 'compat' }, data: 'tf-value-1', versionId: '000000000001' });
  });
  await check(name, T('update secret_data + version_id (PutSecretValue SecretName, SecretData, VersionId) + read'), async () => {
    ok(await call('PutSecretValue', { SecretName: secret(), SecretData: 'tf-value-2', VersionId: '000000000002' }));
    await read({ description: `tf secret ${name}`, keyId: tf.key, tags: { Created: 'TF', For: 'compat' }, data: 'tf-value-2', versionId: '000000000002' });
    tf.v2 = true;
  });
  await check(name, T('update with version_stages (PutSecretValue VersionStages JSON array) + read'), async () => {
    if (!tf.v2) assert.fail('prerequisite missing: update secret_data');
    ok(await call('PutSecretValue', { SecretName: secret(), SecretData: 'tf-value-3', VersionId: '000000000003', VersionStages: JSON.stringify(['ACSCurrent', 'tf-stage']) }));
    await read({ description: `tf secret ${name}`, keyId: tf.key, tags: { Created: 'TF', For: 'compat' }, data: 'tf-value-3', versionId: '000000000003', stages: ['ACSCurrent', 'tf-stage'] });
    assert.equal(ok(await call('GetSecretValue', { SecretName: secret(), VersionStage: 'ACSPrevious' })).VersionId, '000000000002', 'the old current is ACSPrevious');
  });
  await check(name, T('update description (UpdateSecret) + read'), async () => {
    ok(await call('UpdateSecret', { SecretName: secret(), Description: `tf secret ${name} v2` }));
    await read({ description: `tf secret ${name} v2`, keyId: tf.key, tags: { Created: 'TF', For: 'compat' }, data: 'tf-value-3', versionId: '000000000003', stages: ['ACSCurrent', 'tf-stage'] });
  });
  await check(name, T('update tags (UntagResources, TagResources ResourceType=secret) + read'), async () => {
    ok(await call('UntagResources', Object.assign({ 'ResourceId.1': secret() }, R, { ResourceType: 'secret', 'TagKey.1': 'For' })));
    ok(await call('TagResources', Object.assign({ 'ResourceId.1': secret() }, R,
      { ResourceType: 'secret', 'Tag.1.Key': 'Created', 'Tag.1.Value': 'TF2', 'Tag.2.Key': 'Env', 'Tag.2.Value': 'Test' })));
    await read({ description: `tf secret ${name} v2`, keyId: tf.key, tags: { Created: 'TF2', Env: 'Test' }, data: 'tf-value-3', versionId: '000000000003', stages: ['ACSCurrent', 'tf-stage'] });
  });
  await check(name, T('policy (SetSecretPolicy + GetSecretPolicy)'), async () => {
    const p = '{"Version":"1","Statement":[{"Sid":"tf","Effect":"Allow","Principal":{"RAM":["*"]},"Action":["kms:GetSecretValue"],"Resource":["*"]}]}';
    ok(await call('SetSecretPolicy', { SecretName: secret(), Policy: p, PolicyName: 'default' }));
    assert.equal(ok(await call('GetSecretPolicy', { SecretName: secret(), PolicyName: 'default' })).Policy, p, 'Policy verbatim');
  });
  await check(name, T('delete without force (ForceDeleteWithoutRecovery=false, RecoveryWindowInDays=30) → PlannedDeleteTime, restorable'), async () => {
    const t0 = Date.now();
    const b = ok(await call('DeleteSecret', { SecretName: secret(), ForceDeleteWithoutRecovery: 'false', RecoveryWindowInDays: 30 }));
    near(b.PlannedDeleteTime, t0 + 30 * DAY, 'PlannedDeleteTime');
    const d = ok(await call('DescribeSecret', { SecretName: secret(), FetchTags: 'true' }));
    assert.equal(d.PlannedDeleteTime, b.PlannedDeleteTime, 'planned_delete_time on read');
    ok(await call('RestoreSecret', { SecretName: secret() }));
  });
  await check(name, T('delete with force (ForceDeleteWithoutRecovery=true, RecoveryWindowInDays=30) → read gone, repeated delete Forbidden.ResourceNotFound'), async () => {
    ok(await call('DeleteSecret', { SecretName: secret(), ForceDeleteWithoutRecovery: 'true', RecoveryWindowInDays: 30 }));
    expectError(mode, await call('DescribeSecret', { SecretName: secret(), FetchTags: 'true' }), 'Forbidden.ResourceNotFound');
    expectError(mode, await call('DeleteSecret', { SecretName: secret(), ForceDeleteWithoutRecovery: 'true', RecoveryWindowInDays: 30 }), 'Forbidden.ResourceNotFound');
  });
  await check(name, T('data alicloud_kms_secret_versions (ListSecretVersionIds + GetSecretValue by VersionId)'), async () => {
    const n = `${sn}-versions`;
    ok(await call('CreateSecret', { SecretName: n, SecretData: 'a', VersionId: 'one' }));
    ok(await call('PutSecretValue', { SecretName: n, SecretData: 'b', VersionId: 'two' }));
    const l = ok(await call('ListSecretVersionIds', { SecretName: n, IncludeDeprecated: 'false' }));
    const ids = plain(l.VersionIds.VersionId).map((r) => r.VersionId).sort();
    assert.deepEqual(ids, ['one', 'two'], 'VersionIds');
    for (const [id, data] of [['one', 'a'], ['two', 'b']]) {
      assert.equal(ok(await call('GetSecretValue', { SecretName: n, VersionId: id })).SecretData, data, `SecretData of ${id}`);
    }
    ok(await call('DeleteSecret', { SecretName: n, ForceDeleteWithoutRecovery: 'true' }));
  });
}

// ====================================================================================== secret syncer (XML)
// Minimal XML reading for the flat bodies Coffer writes: text of a child element, and all texts of a tag.
const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d))).replace(/&amp;/g, '&');
const xmlText = (xml, tag) => { const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml); return m ? unescapeXml(m[1]) : undefined; };
const xmlAll = (xml, tag) => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => unescapeXml(m[1]));

async function runSyncer(h, conn) {
  const { check } = h;
  const M = 'syncer';
  const raw = makeRaw(conn);
  const json = async (action, params) => {
    const res = await raw.v2(action, params).send();
    assert.ok(res.status === 200 && res.json && !res.json.Code, `${action}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.json;
  };
  const sn = `sync/${h.runId}/db-password`;
  const VALUE1 = `p@ss <w0rd> & "quotes" 'apos' ü ${h.runId}`;
  const VALUE2 = `rotated & <new> ${h.runId}`;
  let ready = false, keyId;

  // openapi-client's V2 path as a generated client for a custom format would call it: Format=XML in the query,
  // bodyType 'string' (the body is handed back unparsed).
  const OpenApi = require('@alicloud/openapi-client');
  const OU = require('@alicloud/openapi-util').default;
  const { RuntimeOptions } = require('@alicloud/tea-util');
  const u = new URL(conn.endpoint);
  const client = new OpenApi.default(new OpenApi.Config({ accessKeyId: conn.accessKeyId, accessKeySecret: conn.accessKeySecret,
    endpoint: u.host, protocol: u.protocol.replace(':', ''), regionId: h.REGION, signatureAlgorithm: 'v2', readTimeout: 10000, connectTimeout: 10000 }));
  const xmlCall = async (action, query) => {
    const p = new OpenApi.Params({ action, version: '2016-01-20', protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK',
      style: 'RPC', reqBodyType: 'formData', bodyType: 'string' });
    const r = await client.callApi(p, new OpenApi.OpenApiRequest({ query: OU.query(Object.assign({}, query, { Format: 'XML' })) }),
      new RuntimeOptions({ readTimeout: 10000, connectTimeout: 10000 }));
    assert.equal(r.statusCode, 200, 'HTTP status');
    assert.equal(typeof r.body, 'string', 'string body');
    assert.match(String(r.headers['content-type']), /^text\/xml/i, 'Content-Type');
    assert.ok(r.body.startsWith(XML_DECL), 'starts with the XML declaration: ' + r.body.slice(0, 80));
    const rest = r.body.slice(XML_DECL.length).trim();
    assert.ok(rest.startsWith(`<${action}Response>`) && rest.endsWith(`</${action}Response>`), `root <${action}Response>: ` + rest.slice(0, 120));
    assert.ok(!/<Code>/.test(rest), 'no <Code> in a success');
    assert.equal(xmlText(rest, 'RequestId'), r.headers['x-acs-request-id'], 'RequestId equals the x-acs-request-id header');
    return rest;
  };

  await check(M, 'setup: CreateKey, CreateSecret v1 with XML-special characters, PutSecretValue v2', async () => {
    keyId = (await json('CreateKey', { Description: 'syncer' })).KeyMetadata.KeyId;
    await json('CreateSecret', { SecretName: sn, VersionId: 'v1', SecretData: VALUE1, EncryptionKeyId: keyId });
    await json('PutSecretValue', { SecretName: sn, VersionId: 'v2', SecretData: VALUE2 });
    ready = true;
  });
  const needReady = () => { if (!ready) assert.fail('prerequisite missing: setup'); };
  await check(M, 'openapi-client V2 Format=XML GetSecretValue VersionStage=ACSCurrent FetchExtendedConfig=true', async () => {
    needReady();
    const x = await xmlCall('GetSecretValue', { SecretName: sn, VersionStage: 'ACSCurrent', FetchExtendedConfig: 'true' });
    assert.equal(xmlText(x, 'SecretName'), sn, 'SecretName');
    assert.equal(xmlText(x, 'SecretData'), VALUE2, 'SecretData (escaped and read back)');
    assert.equal(xmlText(x, 'SecretDataType'), 'text', 'SecretDataType');
    assert.equal(xmlText(x, 'VersionId'), 'v2', 'VersionId');
    assert.equal(xmlText(x, 'SecretType'), 'Generic', 'SecretType');
    assert.match(xmlText(x, 'CreateTime') || '', h.UTC_SECONDS, 'CreateTime');
    assert.match(x, /<VersionStages><VersionStage>ACSCurrent<\/VersionStage><\/VersionStages>/, '<VersionStages><VersionStage>');
  });
  await check(M, 'openapi-client V2 Format=XML GetSecretValue VersionStage=ACSPrevious', async () => {
    needReady();
    const x = await xmlCall('GetSecretValue', { SecretName: sn, VersionStage: 'ACSPrevious' });
    assert.equal(xmlText(x, 'SecretData'), VALUE1, 'SecretData of v1');
    assert.equal(xmlText(x, 'VersionId'), 'v1', 'VersionId');
    assert.deepEqual(xmlAll(x, 'VersionStage'), ['ACSPrevious'], 'VersionStages');
  });
  await check(M, 'openapi-client V2 Format=XML ListSecretVersionIds: <VersionIds><VersionId> with nested stages', async () => {
    needReady();
    const x = await xmlCall('ListSecretVersionIds', { SecretName: sn });
    assert.match(x, /<VersionIds><VersionId>[\s\S]*<\/VersionId><\/VersionIds>/, '<VersionIds><VersionId>');
    assert.deepEqual(xmlAll(x, 'VersionStage').sort(), ['ACSCurrent', 'ACSPrevious'], 'stages');
    assert.equal(xmlText(x, 'TotalCount'), '2', 'TotalCount');
  });

  // Golden XML error bodies (the npm clients read errors as JSON, so the signing test client reads them).
  async function xmlError(action, params, code, status, message) {
    const res = await raw.v2(action, params, { common: { Format: 'XML' } }).send();
    assert.equal(res.status, status, `HTTP status (body ${res.text.slice(0, 300)})`);
    assert.match(String(res.headers['content-type']), /^text\/xml/i, 'Content-Type');
    const rid = res.headers['x-acs-request-id'];
    assert.ok(rid, 'x-acs-request-id header');
    const host = /<HostId>([^<]+)<\/HostId>/.exec(res.text);
    assert.ok(host, 'has <HostId>: ' + res.text.slice(0, 300));
    assert.notEqual(host[1], `kms.${h.REGION}.aliyuncs.com`, 'HostId names the node');
    // Element order as in the JSON error body; text escaped as Coffer writes it (" as &quot;).
    const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const golden = `${XML_DECL}<KMS><RequestId>${rid}</RequestId><HostId>${host[1]}</HostId><Code>${code}</Code>`
      + `<Message>${esc(message)}</Message><HttpStatus>${status}</HttpStatus></KMS>`;
    assert.equal(res.text.replace(/>\s+</g, '><').trim(), golden, 'golden body');
  }
  const E = (code, param) => h.expectedMessage(code, param);
  await check(M, 'XML error: GetSecretValue unknown secret → <KMS> Forbidden.ResourceNotFound 404', async () => {
    await xmlError('GetSecretValue', { SecretName: `sync/${h.runId}/nope`, VersionStage: 'ACSCurrent' }, 'Forbidden.ResourceNotFound', 404, E('Forbidden.ResourceNotFound'));
  });
  await check(M, 'XML error: GetSecretValue without SecretName → <KMS> MissingParameter 400', async () => {
    await xmlError('GetSecretValue', { VersionStage: 'ACSCurrent' }, 'MissingParameter', 400, E('MissingParameter', 'SecretName'));
  });
  await check(M, 'XML error: PutSecretValue existing VersionId, other data → <KMS> Rejected.ResourceExist 409', async () => {
    needReady();
    await xmlError('PutSecretValue', { SecretName: sn, VersionId: 'v1', SecretData: 'different' }, 'Rejected.ResourceExist', 409, E('Rejected.ResourceExist'));
  });
  await check(M, 'XML error: GetSecretValue with the key Disabled → <KMS> Rejected.Disabled 409', async () => {
    needReady();
    await json('DisableKey', { KeyId: keyId });
    try {
      await xmlError('GetSecretValue', { SecretName: sn, VersionStage: 'ACSCurrent' }, 'Rejected.Disabled', 409, E('Rejected.Disabled'));
    } finally {
      await json('EnableKey', { KeyId: keyId });
    }
  });
  await check(M, 'XML error: GetSecretValue in the recovery window → <KMS> Rejected.ResourceInDeleteWindow 409', async () => {
    needReady();
    await json('DeleteSecret', { SecretName: sn, RecoveryWindowInDays: '7' });
    await xmlError('GetSecretValue', { SecretName: sn, VersionStage: 'ACSCurrent' }, 'Rejected.ResourceInDeleteWindow', 409, E('Rejected.ResourceInDeleteWindow'));
  });
}

// ====================================================================================== hand-signed limits and races
// Secrets rules the clients above do not reach: parameter limits, window rules, version and stage quotas,
// concurrency. Hand-signed V2 requests, in the adapter result convention so h.ok / h.expectError apply.
function rawMode(conn) {
  const raw = makeRaw(conn);
  return {
    name: 'secrets-protocol', exposesStatus: true, anyAction: true,
    async call(action, params) {
      const biz = {};
      for (const [k, v] of Object.entries(params || {})) {
        if (v === undefined || v === null) continue;
        biz[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
      }
      let res;
      try { res = await raw.v2(action, biz).send(); } catch (e) { return { ok: false, clientError: true, message: e.message, raw: e }; }
      const j = res.json;
      if (!j || typeof j !== 'object') return { ok: false, clientError: true, message: `non-JSON answer ${res.status}: ${res.text.slice(0, 200)}` };
      if (res.status === 200 && !('Code' in j)) return { ok: true, body: j, status: res.status, headers: res.headers };
      return { ok: false, status: res.status, code: j.Code, message: j.Message, requestId: j.RequestId, data: j };
    },
  };
}

async function runSecretsProtocol(h, conn) {
  const { check, ok, expectError } = h;
  const mode = rawMode(conn);
  const M = mode.name;
  const call = (a, p) => mode.call(a, p);
  const base = `proto/${h.runId}`;
  const get = async (p) => ok(await call('GetSecretValue', p));
  const create = async (n, extra = {}) => ok(await call('CreateSecret', Object.assign({ SecretName: n, VersionId: 'v1', SecretData: 'd1' }, extra)));
  const parallel = (n, f) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
  const RACE_CODES = ['Rejected.StateModifiedFailed', 'ServiceUnavailableTemporary'];

  await check(M, 'CreateSecret SecretName limits: 192 characters accepted; 193, a space, acs/… → InvalidParameter', async () => {
    const long = `${base}/`.padEnd(192, 'n');
    assert.equal(ok(await call('CreateSecret', { SecretName: long, VersionId: 'v1', SecretData: 'x' })).SecretName, long, '192 accepted');
    for (const bad of [long + 'n', `${base}/a b`, `acs/${h.runId}`]) {
      expectError(mode, await call('CreateSecret', { SecretName: bad, VersionId: 'v1', SecretData: 'x' }), 'InvalidParameter', { param: 'SecretName' });
    }
  });
  await check(M, 'CreateSecret VersionId of 64 characters accepted, 65 → InvalidParameter', async () => {
    ok(await call('CreateSecret', { SecretName: `${base}/vid64`, VersionId: 'v'.repeat(64), SecretData: 'x' }));
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/vid65`, VersionId: 'v'.repeat(65), SecretData: 'x' }), 'InvalidParameter', { param: 'VersionId' });
  });
  await check(M, 'CreateSecret SecretData of 30720 bytes round trips, 30721 → InvalidParameter', async () => {
    const big = crypto.randomBytes(15360).toString('hex');
    ok(await call('CreateSecret', { SecretName: `${base}/big`, VersionId: 'v1', SecretData: big }));
    assert.equal((await get({ SecretName: `${base}/big` })).SecretData, big, 'SecretData');
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/big2`, VersionId: 'v1', SecretData: big + 'x' }), 'InvalidParameter', { param: 'SecretData' });
  });
  await check(M, 'SecretData limit counts UTF-8 bytes: 10240 × € (30720 bytes) in a form body round trips, one more byte → InvalidParameter', async () => {
    // In the query this value would need a 92 KiB request line, over the 64 KiB limit: a form body carries it.
    const raw = makeRaw(conn);
    const send = async (params) => {
      const res = await raw.v2('CreateSecret', params, { shape: 'form' }).send();
      return res.status === 200 && res.json && !res.json.Code ? { ok: true, body: res.json, status: 200 }
        : { ok: false, status: res.status, code: res.json && res.json.Code, message: res.json && res.json.Message, requestId: res.json && res.json.RequestId };
    };
    const euro = '€'.repeat(10240);
    ok(await send({ SecretName: `${base}/euro`, VersionId: 'v1', SecretData: euro }));
    assert.equal((await get({ SecretName: `${base}/euro` })).SecretData, euro, 'SecretData');
    expectError(mode, await send({ SecretName: `${base}/euro2`, VersionId: 'v1', SecretData: euro + 'a' }), 'InvalidParameter', { param: 'SecretData' });
  });
  await check(M, 'CreateSecret SecretDataType=other → InvalidParameter', async () => {
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/dt`, VersionId: 'v1', SecretData: 'x', SecretDataType: 'json' }), 'InvalidParameter', { param: 'SecretDataType' });
  });
  await check(M, 'CreateSecret EncryptionKeyId by alias: DescribeSecret names the key; unknown key → Forbidden.KeyNotFound; Disabled key → Rejected.Disabled', async () => {
    const k = ok(await call('CreateKey', {})).KeyMetadata.KeyId;
    ok(await call('CreateAlias', { AliasName: `alias/sec-${h.runId}`, KeyId: k }));
    ok(await call('CreateSecret', { SecretName: `${base}/byalias2`, VersionId: 'v1', SecretData: 'x', EncryptionKeyId: `alias/sec-${h.runId}` }));
    assert.equal(ok(await call('DescribeSecret', { SecretName: `${base}/byalias2` })).EncryptionKeyId, k, 'EncryptionKeyId is the key ID');
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/nokey`, VersionId: 'v1', SecretData: 'x', EncryptionKeyId: crypto.randomUUID() }), 'Forbidden.KeyNotFound');
    ok(await call('DisableKey', { KeyId: k }));
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/diskey`, VersionId: 'v1', SecretData: 'x', EncryptionKeyId: k }), 'Rejected.Disabled');
    ok(await call('EnableKey', { KeyId: k }));
  });
  await check(M, 'CreateSecret with 21 Tags → Rejected.LimitExceeded; EnableAutomaticRotation=true → Rejected.UnsupportedOperation', async () => {
    const tags = Array.from({ length: 21 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/tags21`, VersionId: 'v1', SecretData: 'x', Tags: tags }), 'Rejected.LimitExceeded');
    expectError(mode, await call('CreateSecret', { SecretName: `${base}/rot`, VersionId: 'v1', SecretData: 'x', EnableAutomaticRotation: 'true', RotationInterval: '7d' }), 'Rejected.UnsupportedOperation');
  });
  await check(M, 'GetSecretValue DryRun=true → DryRunOperationError', async () => {
    await create(`${base}/dry`);
    expectError(mode, await call('GetSecretValue', { SecretName: `${base}/dry`, DryRun: 'true' }), 'DryRunOperationError');
  });
  await check(M, 'PutSecretValue again with the ACSPrevious VersionId and its data: success, stages unchanged', async () => {
    const n = `${base}/idem`;
    await create(n);
    ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v2', SecretData: 'd2' }));
    ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v1', SecretData: 'd1' }));
    assert.equal((await get({ SecretName: n })).VersionId, 'v2', 'ACSCurrent still v2');
    assert.equal((await get({ SecretName: n, VersionStage: 'ACSPrevious' })).VersionId, 'v1', 'ACSPrevious still v1');
  });
  await check(M, 'PutSecretValue VersionStages ["Custom"] leaves ACSCurrent; {"VersionStage":[...]} form accepted', async () => {
    const n = `${base}/custom`;
    await create(n);
    const b = ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v2', SecretData: 'd2', VersionStages: '["Custom"]' }));
    assert.deepEqual(sorted(b.VersionStages.VersionStage), ['Custom'], 'VersionStages');
    assert.equal((await get({ SecretName: n })).VersionId, 'v1', 'ACSCurrent still v1');
    assert.equal((await get({ SecretName: n, VersionStage: 'Custom' })).VersionId, 'v2', 'Custom on v2');
    ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v3', SecretData: 'd3', VersionStages: '{"VersionStage":["ACSCurrent"]}' }));
    assert.equal((await get({ SecretName: n })).VersionId, 'v3', 'ACSCurrent on v3');
    assert.equal((await get({ SecretName: n, VersionStage: 'ACSPrevious' })).VersionId, 'v1', 'ACSPrevious on v1');
  });
  await check(M, 'UpdateSecretVersionStage: removing ACSCurrent → MissingParameter MoveToVersion; unknown version → Forbidden.ResourceNotFound', async () => {
    const n = `${base}/stages`;
    await create(n);
    expectError(mode, await call('UpdateSecretVersionStage', { SecretName: n, VersionStage: 'ACSCurrent', RemoveFromVersion: 'v1' }), 'MissingParameter', { param: 'MoveToVersion' });
    expectError(mode, await call('UpdateSecretVersionStage', { SecretName: n, VersionStage: 'Custom', MoveToVersion: 'nope' }), 'Forbidden.ResourceNotFound');
    assert.equal((await get({ SecretName: n })).VersionId, 'v1', 'ACSCurrent unchanged');
  });
  await check(M, '10 versions per secret: the 11th PutSecretValue drops the oldest stage-less version', async () => {
    const n = `${base}/ten`;
    await create(n);
    for (let i = 2; i <= 11; i++) ok(await call('PutSecretValue', { SecretName: n, VersionId: `v${i}`, SecretData: `d${i}` }));
    const all = ok(await call('ListSecretVersionIds', { SecretName: n, IncludeDeprecated: 'true', PageSize: 100 }));
    const ids = plain(all.VersionIds.VersionId).map((r) => r.VersionId);
    assert.equal(all.TotalCount, 10, 'TotalCount');
    assert.ok(!ids.includes('v1'), 'v1 dropped: ' + ids.join(','));
    expectError(mode, await call('GetSecretValue', { SecretName: n, VersionId: 'v1' }), 'Forbidden.ResourceNotFound');
    assert.equal((await get({ SecretName: n })).VersionId, 'v11', 'ACSCurrent v11');
  });
  await check(M, '8 stage labels per secret: a 9th → Rejected.LimitExceeded', async () => {
    const n = `${base}/eight`;
    await create(n);
    ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v2', SecretData: 'd2' })); // ACSCurrent + ACSPrevious
    for (let i = 1; i <= 6; i++) ok(await call('UpdateSecretVersionStage', { SecretName: n, VersionStage: `L${i}`, MoveToVersion: 'v1' }));
    expectError(mode, await call('UpdateSecretVersionStage', { SecretName: n, VersionStage: 'L7', MoveToVersion: 'v1' }), 'Rejected.LimitExceeded');
    expectError(mode, await call('PutSecretValue', { SecretName: n, VersionId: 'v3', SecretData: 'd3', VersionStages: '["L8"]' }), 'Rejected.LimitExceeded');
  });
  await check(M, 'ListSecretVersionIds PageSize=1 paging; PageSize=101 → InvalidParameter', async () => {
    const n = `${base}/vpages`;
    await create(n);
    ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v2', SecretData: 'd2' }));
    const seen = [];
    for (let p = 1; p <= 3; p++) {
      const b = ok(await call('ListSecretVersionIds', { SecretName: n, PageNumber: p, PageSize: 1 }));
      assert.equal(b.TotalCount, 2, 'TotalCount');
      seen.push(...plain(b.VersionIds.VersionId).map((r) => r.VersionId));
    }
    assert.deepEqual(seen.sort(), ['v1', 'v2'], 'each version once');
    expectError(mode, await call('ListSecretVersionIds', { SecretName: n, PageSize: 101 }), 'InvalidParameter', { param: 'PageSize' });
  });
  await check(M, 'DeleteSecret RecoveryWindowInDays 6 and 31 → InvalidParameter; default window 30 days', async () => {
    const n = `${base}/window`;
    await create(n);
    for (const d of ['6', '31']) expectError(mode, await call('DeleteSecret', { SecretName: n, RecoveryWindowInDays: d }), 'InvalidParameter', { param: 'RecoveryWindowInDays' });
    const t0 = Date.now();
    near(ok(await call('DeleteSecret', { SecretName: n })).PlannedDeleteTime, t0 + 30 * DAY, 'PlannedDeleteTime');
  });
  await check(M, 'in the recovery window: UpdateSecretVersionStage, tag calls, a second DeleteSecret, BatchGetSecretValue entries → Rejected.ResourceInDeleteWindow; forced delete works', async () => {
    const n = `${base}/inwindow`;
    await create(n);
    ok(await call('DeleteSecret', { SecretName: n, RecoveryWindowInDays: 7 }));
    const W = 'Rejected.ResourceInDeleteWindow';
    expectError(mode, await call('UpdateSecretVersionStage', { SecretName: n, VersionStage: 'X', MoveToVersion: 'v1' }), W);
    expectError(mode, await call('TagResources', { ResourceType: 'secret', 'ResourceId.1': n, 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }), W);
    expectError(mode, await call('UntagResources', { ResourceType: 'secret', 'ResourceId.1': n, 'TagKey.1': 'k' }), W);
    expectError(mode, await call('DeleteSecret', { SecretName: n, RecoveryWindowInDays: 7 }), W);
    expectError(mode, await call('GetSecretValue', { SecretName: n, VersionId: 'v1' }), W);
    const batch = ok(await call('BatchGetSecretValue', { SecretsList: JSON.stringify([{ SecretName: n }]) }));
    assert.deepEqual(plain(batch.SecretValues), [], 'BatchGetSecretValue: no value');
    assert.deepEqual(plain(batch.Errors).map((e) => [e.SecretName, e.Code, e.HttpStatus, e.Message]), [[n, W, 409, h.expectedMessage(W)]], 'BatchGetSecretValue Errors');
    assert.equal(ok(await call('ListSecretVersionIds', { SecretName: n })).TotalCount, 1, 'ListSecretVersionIds works');
    ok(await call('GetSecretPolicy', { SecretName: n }));
    ok(await call('DeleteSecret', { SecretName: n, ForceDeleteWithoutRecovery: 'true' }));
    expectError(mode, await call('DescribeSecret', { SecretName: n }), 'Forbidden.ResourceNotFound');
  });
  await check(M, 'ListTagResources ResourceType=key lists no secret, ResourceType=secret no key; ResourceType=other → InvalidParameter', async () => {
    const n = `${base}/tagged`;
    await create(n, { Tags: '[{"TagKey":"only","TagValue":"secret"}]' });
    const keyRows = await call('ListTagResources', { ResourceType: 'key', 'ResourceId.1': n });
    if (keyRows.ok) assert.deepEqual(plain(keyRows.body.TagResources.TagResource), [], 'a secret name as a key resource');
    else assert.ok(['Forbidden.KeyNotFound', 'InvalidParameter'].includes(keyRows.code), 'a secret name as a key: ' + keyRows.code);
    const rows = await secretTagRows(h, call, [n]);
    assert.deepEqual(rows.map((r) => [r.ResourceId, r.ResourceType, r.TagKey, r.TagValue]), [[n, 'secret', 'only', 'secret']], 'rows');
    expectError(mode, await call('ListTagResources', { ResourceType: 'certificate', 'ResourceId.1': n }), 'InvalidParameter', { param: 'ResourceType' });
  });
  await check(M, 'ListTagResources ResourceType=secret pages with NextToken (11 secrets × 20 tags)', async () => {
    const names = [];
    for (let i = 0; i < 11; i++) {
      const n = `${base}/tp${String(i).padStart(2, '0')}`;
      names.push(n);
      await create(n, { Tags: JSON.stringify(Array.from({ length: 20 }, (_, j) => ({ TagKey: `k${String(j).padStart(2, '0')}`, TagValue: `v${i}` }))) });
    }
    const params = { ResourceType: 'secret' };
    names.forEach((n, i) => { params[`ResourceId.${i + 1}`] = n; });
    const rows = [];
    let pages = 0;
    for (;;) {
      const b = ok(await call('ListTagResources', params));
      pages++;
      assert.ok(b.TagResources.TagResource.length <= 200, 'at most 200 rows a page');
      rows.push(...plain(b.TagResources.TagResource));
      if (!b.NextToken) break;
      assert.ok(pages < 10, 'NextToken never ran out');
      params.NextToken = b.NextToken;
    }
    assert.equal(pages, 2, 'two pages');
    const got = rows.map((r) => `${r.ResourceId}|${r.TagKey}=${r.TagValue}|${r.ResourceType}`).sort();
    const want = names.flatMap((n, i) => Array.from({ length: 20 }, (_, j) => `${n}|k${String(j).padStart(2, '0')}=v${i}|secret`)).sort();
    assert.deepEqual(got, want, 'every row once');
    for (const n of names) ok(await call('DeleteSecret', { SecretName: n, ForceDeleteWithoutRecovery: 'true' }));
  });
  await check(M, 'TagResources on an unknown secret → Forbidden.ResourceNotFound', async () => {
    expectError(mode, await call('TagResources', { ResourceType: 'secret', 'ResourceId.1': `${base}/none`, 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }), 'Forbidden.ResourceNotFound');
  });
  await check(M, 'SetSecretPolicy of 32768 bytes stored, 32769 → InvalidParameter', async () => {
    const n = `${base}/policy`;
    await create(n);
    const sized = (len) => { const head = '{"Version":"1","Statement":[{"Sid":"'; const tail = '","Effect":"Allow","Principal":"*","Action":"kms:GetSecretValue","Resource":"*"}]}'; return head + 'x'.repeat(len - head.length - tail.length) + tail; };
    ok(await call('SetSecretPolicy', { SecretName: n, Policy: sized(32768) }));
    assert.equal(ok(await call('GetSecretPolicy', { SecretName: n })).Policy, sized(32768), '32768 bytes stored');
    expectError(mode, await call('SetSecretPolicy', { SecretName: n, Policy: sized(32769) }), 'InvalidParameter', { param: 'Policy' });
  });
  await check(M, 'XML DescribeSecret FetchTags <Tags><Tag>; BatchGetSecretValue bare arrays repeat their element', async () => {
    const n = `${base}/xmlt`;
    await create(n, { Tags: '[{"TagKey":"a","TagValue":"b"}]' });
    const raw = makeRaw(conn);
    const d = (await raw.v2('DescribeSecret', { SecretName: n, FetchTags: 'true' }, { common: { Format: 'XML' } }).send()).text;
    assert.match(d, /<Tags><Tag><TagKey>a<\/TagKey><TagValue>b<\/TagValue><\/Tag><\/Tags>|<Tags><Tag><TagValue>b<\/TagValue><TagKey>a<\/TagKey><\/Tag><\/Tags>/, '<Tags><Tag>: ' + d.slice(0, 400));
    const b = (await raw.v2('BatchGetSecretValue', { SecretsList: JSON.stringify([{ SecretName: n }, { SecretName: `${base}/none` }]) }, { common: { Format: 'XML' } }).send()).text;
    assert.ok(b.startsWith(XML_DECL), 'XML declaration');
    assert.match(b, /<SecretValues>[\s\S]*<SecretName>[^<]*xmlt<\/SecretName>[\s\S]*<\/SecretValues>/, '<SecretValues> element: ' + b.slice(0, 400));
    assert.match(b, /<Errors>[\s\S]*<Code>Forbidden\.ResourceNotFound<\/Code>[\s\S]*<\/Errors>/, '<Errors> element');
  });
  await check(M, 'secret ARN: DescribeSecret and TagResources by ARN; another region\'s or account\'s ARN → Forbidden.ResourceNotFound', async () => {
    const n = `${base}/arn`;
    const arn = (await create(n)).Arn;
    assert.equal(ok(await call('DescribeSecret', { SecretName: arn })).SecretName, n, 'by ARN');
    ok(await call('TagResources', { ResourceType: 'secret', 'ResourceId.1': arn, 'Tag.1.Key': 'byarn', 'Tag.1.Value': 'yes' }));
    assert.deepEqual(tagsOf(ok(await call('DescribeSecret', { SecretName: n, FetchTags: 'true' }))), { byarn: 'yes' }, 'TagResources by secret ARN');
    const [, , , uid] = arn.split(':');
    expectError(mode, await call('GetSecretValue', { SecretName: `acs:kms:cn-shanghai:${uid}:secret/${n}` }), 'Forbidden.ResourceNotFound');
    expectError(mode, await call('GetSecretValue', { SecretName: `acs:kms:${h.REGION}:1111222233334444:secret/${n}` }), 'Forbidden.ResourceNotFound');
  });
  await check(M, 'force-deleted then re-created name starts clean: no old tags, policy or versions', async () => {
    const n = `${base}/reborn`;
    await create(n, { Tags: '[{"TagKey":"old","TagValue":"x"}]', Policy: '{"Version":"1","Statement":[]}' });
    ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v2', SecretData: 'd2' }));
    ok(await call('UpdateSecretVersionStage', { SecretName: n, VersionStage: 'Custom', MoveToVersion: 'v1' }));
    ok(await call('DeleteSecret', { SecretName: n, ForceDeleteWithoutRecovery: 'true' }));
    const c = await create(n, { VersionId: 'n1', SecretData: 'new' });
    assert.equal(c.VersionId, 'n1', 'VersionId');
    assert.deepEqual(tagsOf(ok(await call('DescribeSecret', { SecretName: n, FetchTags: 'true' }))), {}, 'no old tags');
    assert.deepEqual(await secretTagRows(h, call, [n]), [], 'no old ListTagResources rows');
    const uid = c.Arn.split(':')[3];
    assert.equal(ok(await call('GetSecretPolicy', { SecretName: n })).Policy, JSON.stringify(defaultPolicy(uid)), 'default policy again');
    const all = ok(await call('ListSecretVersionIds', { SecretName: n, IncludeDeprecated: 'true' }));
    assert.deepEqual(plain(all.VersionIds.VersionId).map((r) => r.VersionId), ['n1'], 'only the new version');
    expectError(mode, await call('GetSecretValue', { SecretName: n, VersionStage: 'Custom' }), 'Forbidden.ResourceNotFound');
    expectError(mode, await call('GetSecretValue', { SecretName: n, VersionStage: 'ACSPrevious' }), 'Forbidden.ResourceNotFound');
  });
  await check(M, 'CreateSecret Policy is stored verbatim (and enforced: its Deny refuses GetSecretValue)', async () => {
    const n = `${base}/withpolicy`;
    const p = '{"Version":"1","Statement":[{"Effect":"Deny","Principal":{"RAM":["*"]},"Action":["kms:GetSecretValue"],"Resource":["*"]}]}';
    await create(n, { Policy: p });
    assert.equal(ok(await call('GetSecretPolicy', { SecretName: n })).Policy, p, 'Policy');
    expectError(mode, await call('GetSecretValue', { SecretName: n }), 'Forbidden.NoPermission');
  });
  await check(M, 'UpdateSecretVersionStage ACSCurrent onto the ACSPrevious version swaps the two', async () => {
    const n = `${base}/swap`;
    await create(n);
    ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v2', SecretData: 'd2' }));
    ok(await call('UpdateSecretVersionStage', { SecretName: n, VersionStage: 'ACSCurrent', RemoveFromVersion: 'v2', MoveToVersion: 'v1' }));
    const rows = plain(ok(await call('ListSecretVersionIds', { SecretName: n, IncludeDeprecated: 'true' })).VersionIds.VersionId);
    const map = Object.fromEntries(rows.map((r) => [r.VersionId, sorted(r.VersionStages.VersionStage)]));
    assert.deepEqual(map, { v1: ['ACSCurrent'], v2: ['ACSPrevious'] }, 'stages');
  });
  await check(M, 'secret tags: 20 accepted, a 21st → Rejected.LimitExceeded; reserved aliyun… key → InvalidParameter', async () => {
    const n = `${base}/tagq`;
    await create(n);
    const p = { ResourceType: 'secret', 'ResourceId.1': n };
    for (let i = 1; i <= 20; i++) { p[`Tag.${i}.Key`] = `k${i}`; p[`Tag.${i}.Value`] = 'v'; }
    ok(await call('TagResources', p));
    expectError(mode, await call('TagResources', { ResourceType: 'secret', 'ResourceId.1': n, 'Tag.1.Key': 'k21', 'Tag.1.Value': 'v' }), 'Rejected.LimitExceeded');
    const r = await call('TagResources', { ResourceType: 'secret', 'ResourceId.1': n, 'Tag.1.Key': 'aliyunx', 'Tag.1.Value': 'v' });
    expectError(mode, r, 'InvalidParameter', { messageAny: [h.expectedMessage('InvalidParameter', 'Tag.1.Key'), h.expectedMessage('InvalidParameter', 'Tag')] });
    assert.equal(Object.keys(tagsOf(ok(await call('DescribeSecret', { SecretName: n, FetchTags: 'true' })))).length, 20, '20 tags');
  });
  await check(M, 'ListSecrets Filters TagKey and FetchTags', async () => {
    const n = `${base}/filt`;
    await create(n, { Tags: `[{"TagKey":"filt-${h.runId}","TagValue":"yes"}]` });
    const b = ok(await call('ListSecrets', { Filters: JSON.stringify([{ Key: 'TagKey', Values: [`filt-${h.runId}`] }]), FetchTags: 'true', PageSize: 100 }));
    const items = plain(b.SecretList.Secret);
    assert.deepEqual(items.map((x) => x.SecretName), [n], 'filtered');
    assert.deepEqual(tagsOf(items[0]), { [`filt-${h.runId}`]: 'yes' }, 'item Tags');
    assert.equal(b.TotalCount, 1, 'TotalCount');
  });
  await check(M, 'BatchGetSecretValue 21 entries → InvalidParameter; VersionStage per entry', async () => {
    const n = `${base}/batch`;
    await create(n);
    ok(await call('PutSecretValue', { SecretName: n, VersionId: 'v2', SecretData: 'd2' }));
    const b = ok(await call('BatchGetSecretValue', { SecretsList: JSON.stringify([{ SecretName: n, VersionStage: 'ACSPrevious' }]) }));
    assert.equal(b.SecretValues[0].VersionId, 'v1', 'ACSPrevious entry');
    const list = JSON.stringify(Array.from({ length: 21 }, () => ({ SecretName: n })));
    expectError(mode, await call('BatchGetSecretValue', { SecretsList: list }), 'InvalidParameter', { param: 'SecretsList' });
  });
  await check(M, 'EncryptionKeyId PendingDeletion → GetSecretValue Rejected.PendingDeletion; CancelKeyDeletion → works', async () => {
    const k = ok(await call('CreateKey', {})).KeyMetadata.KeyId;
    const n = `${base}/pdkey`;
    await create(n, { EncryptionKeyId: k });
    ok(await call('ScheduleKeyDeletion', { KeyId: k, PendingWindowInDays: 7 }));
    expectError(mode, await call('GetSecretValue', { SecretName: n }), 'Rejected.PendingDeletion');
    ok(await call('CancelKeyDeletion', { KeyId: k }));
    assert.equal((await get({ SecretName: n })).SecretData, 'd1', 'works again');
  });
  await check(M, 'GetRandomPassword with every class excluded → InvalidParameter', async () => {
    const r = await call('GetRandomPassword', { ExcludeLowercase: 'true', ExcludeUppercase: 'true', ExcludeNumbers: 'true', ExcludePunctuation: 'true' });
    if (r.ok) assert.fail('success with an empty alphabet: ' + JSON.stringify(r.body));
    assert.equal(r.code, 'InvalidParameter', 'Code ' + r.code + ' ' + r.message);
    assert.equal(r.status, 400, 'status');
  });
  await check(M, 'concurrency: 8 PutSecretValue of new versions at once leave one ACSCurrent and one ACSPrevious', async () => {
    const n = `${base}/race-put`;
    await create(n);
    const rs = await parallel(8, (i) => call('PutSecretValue', { SecretName: n, VersionId: `p${i}`, SecretData: `d${i}` }));
    const made = [];
    for (const r of rs) {
      if (r.ok) made.push(r.body.VersionId);
      else assert.ok(RACE_CODES.includes(r.code), `unexpected answer ${r.status} ${r.code}`);
    }
    assert.ok(made.length >= 1, 'at least one PutSecretValue succeeded');
    const rows = plain(ok(await call('ListSecretVersionIds', { SecretName: n, IncludeDeprecated: 'true', PageSize: 100 })).VersionIds.VersionId);
    assert.equal(rows.length, 1 + made.length, 'versions = 1 + successes');
    const holders = (st) => rows.filter((r) => r.VersionStages.VersionStage.includes(st)).map((r) => r.VersionId);
    assert.equal(holders('ACSCurrent').length, 1, 'one ACSCurrent: ' + JSON.stringify(rows));
    assert.equal(holders('ACSPrevious').length, 1, 'one ACSPrevious: ' + JSON.stringify(rows));
    assert.ok(made.includes(holders('ACSCurrent')[0]), 'ACSCurrent is one of the new versions');
  });
  await check(M, 'concurrency: 8 CreateSecret of one name at once: one succeeds, the rest Rejected.ResourceExist', async () => {
    const n = `${base}/race-create`;
    const rs = await parallel(8, (i) => call('CreateSecret', { SecretName: n, VersionId: `c${i}`, SecretData: `d${i}` }));
    const outs = rs.map((r) => (r.ok ? 'ok' : r.code || r.message));
    assert.equal(outs.filter((o) => o === 'ok').length, 1, 'exactly one success: ' + outs.join(','));
    for (const o of outs) assert.ok(o === 'ok' || o === 'Rejected.ResourceExist', 'answers: ' + outs.join(','));
  });
  await check(M, 'concurrency: DeleteSecret and PutSecretValue at once: never a new version on a secret in its window', async () => {
    for (let round = 0; round < 3; round++) {
      const n = `${base}/race-del-${round}`;
      await create(n);
      const [d, p] = await Promise.all([
        call('DeleteSecret', { SecretName: n, RecoveryWindowInDays: 7 }),
        call('PutSecretValue', { SecretName: n, VersionId: 'v2', SecretData: 'd2' }),
      ]);
      assert.ok(d.ok, `round ${round}: DeleteSecret ${d.code}`);
      assert.ok(p.ok || ['Rejected.ResourceInDeleteWindow', ...RACE_CODES].includes(p.code), `round ${round}: PutSecretValue ${p.code}`);
      ok(await call('RestoreSecret', { SecretName: n }));
      const cur = await get({ SecretName: n });
      assert.equal(cur.VersionId, p.ok ? 'v2' : 'v1', `round ${round}: ACSCurrent matches the PutSecretValue answer`);
    }
  });
}

module.exports = { runSecrets, runSecretsTerraform, runSyncer, runSecretsProtocol };
