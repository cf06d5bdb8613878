'use strict';
// Key management scenario, run once per client mode (after run.js's crypto scenario):
//   lifecycle (description, enable/disable, deletion protection, deletion window, policies),
//   aliases (CLIENTS.md §7.3 step 4), versions and rotation, tags (batch and legacy), ReEncrypt.
// Every expected code comes from run.js's ERRORS table through h.expectError.
//
// h: the helpers of run.js (check, ok, expectError, skip, checkBlob, regexes, REGION, runId).
// t: { name, mode, call, st, CTX, PT, need } for this mode; st.k1 is the mode's first key and st.sample
//    its Encrypt sample (both stay Enabled: the cross-mode Decrypt uses them afterwards).
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const DAY = 24 * 3600 * 1000;

// Account UID from a key ARN acs:kms:<region>:<uid>:key/<id>.
const uidOf = (md) => String(md.Arn).split(':')[3];
const time = (s, what) => {
  const ms = Date.parse(s);
  assert.ok(Number.isFinite(ms), `${what} is not a time: ${JSON.stringify(s)}`);
  return ms;
};
const defaultPolicy = (uid) => ({
  Version: '1',
  Statement: [{ Effect: 'Allow', Principal: { RAM: [`acs:ram::${uid}:root`] }, Action: ['kms:*'], Resource: ['*'] }],
});

// Every alias of the account, by paging ListAliases.
async function allAliases(h, call, pageSize = 100) {
  const out = [];
  for (let page = 1; page <= 1000; page++) {
    const b = h.ok(await call('ListAliases', { PageNumber: page, PageSize: pageSize }));
    assert.ok(b.Aliases && Array.isArray(b.Aliases.Alias), 'Aliases.Alias is an array: ' + JSON.stringify(b).slice(0, 200));
    assert.equal(typeof b.TotalCount, 'number', 'TotalCount is a number');
    assert.equal(b.PageNumber, page, 'PageNumber echoed as a number');
    assert.equal(b.PageSize, pageSize, 'PageSize echoed as a number');
    out.push(...plain(b.Aliases.Alias));
    if (b.Aliases.Alias.length < pageSize || out.length >= b.TotalCount) break;
  }
  return out;
}

async function aliasesOf(h, call, keyId) {
  const b = h.ok(await call('ListAliasesByKeyId', { KeyId: keyId, PageSize: 100 }));
  assert.ok(b.Aliases && Array.isArray(b.Aliases.Alias), 'Aliases.Alias is an array: ' + JSON.stringify(b).slice(0, 200));
  assert.equal(typeof b.TotalCount, 'number', 'TotalCount is a number');
  return plain(b.Aliases.Alias);
}

// The rows ListTagResources gives for some keys, or secrets with resourceType 'secret' (all pages).
async function tagRows(h, call, ids, resourceType = 'key') {
  const params = { ResourceType: resourceType };
  ids.forEach((id, i) => { params[`ResourceId.${i + 1}`] = id; });
  const rows = [];
  for (let i = 0; i < 100; i++) {
    const b = h.ok(await call('ListTagResources', params));
    assert.ok(b.TagResources && Array.isArray(b.TagResources.TagResource), 'TagResources.TagResource is an array: ' + JSON.stringify(b).slice(0, 200));
    rows.push(...plain(b.TagResources.TagResource));
    if (!b.NextToken) return rows;
    params.NextToken = b.NextToken;
  }
  assert.fail('ListTagResources NextToken never ran out');
}

// Some clients parse JSON into null-prototype objects, which deepEqual tells apart from literals.
const plain = (x) => JSON.parse(JSON.stringify(x));

// Listing order is by creation time (whole seconds on the wire) then ID, so versions made in the same second
// may come in either order: check that the list is ordered by CreationDate and holds exactly the expected IDs.
function checkVersionList(list, ids, what) {
  const dates = list.map((v) => v.CreationDate);
  assert.deepEqual(dates, [...dates].sort(), `${what}: ordered by CreationDate, oldest first`);
  assert.deepEqual(list.map((v) => v.KeyVersionId).sort(), [...ids].sort(), `${what}: the versions`);
}
// Tags have no contractual order: compare sorted.
const byTag = (rows) => plain(rows).sort((a, b) => (a.ResourceId || a.KeyId || '').localeCompare(b.ResourceId || b.KeyId || '') || (a.TagKey < b.TagKey ? -1 : a.TagKey > b.TagKey ? 1 : 0));

const tagMap = (rows) => Object.fromEntries(rows.map((r) => [r.TagKey, r.TagValue]));

async function runManagement(h, t) {
  const { check, ok, expectError, skip } = h;
  const { name, mode, call, st, PT, need } = t;
  const CTX = t.CTX;
  const CTX2 = { purpose: 'reencrypt', run: h.runId, mode: name };
  const describeKey = async (id) => ok(await call('DescribeKey', { KeyId: id })).KeyMetadata;
  const createKey = async (params) => {
    const md = ok(await call('CreateKey', params)).KeyMetadata;
    st.keys.push(md.KeyId);
    return md;
  };
  const m = {}; // this section's keys and facts

  // ================================================================ 1. lifecycle
  await check(name, 'lifecycle: CreateKey + Encrypt', async () => {
    m.kl = await createKey({ Description: `compat lifecycle ${name}` });
    const e = ok(await call('Encrypt', { KeyId: m.kl.KeyId, Plaintext: PT }));
    m.klBlob = e.CiphertextBlob;
  });
  const KL = () => need(m.kl, 'lifecycle CreateKey').KeyId;

  await check(name, 'UpdateKeyDescription + DescribeKey', async () => {
    const d = `${h.SPECIAL_DESCRIPTION} updated ${name}`;
    ok(await call('UpdateKeyDescription', { KeyId: KL(), Description: d }));
    assert.equal((await describeKey(KL())).Description, d, 'Description after UpdateKeyDescription');
  });
  await check(name, 'UpdateKeyDescription empty Description clears it', async () => {
    ok(await call('UpdateKeyDescription', { KeyId: KL(), Description: '' }));
    assert.equal((await describeKey(KL())).Description, '', 'Description after clearing');
  });
  await check(name, 'UpdateKeyDescription without Description → MissingParameter', async () => {
    expectError(mode, await call('UpdateKeyDescription', { KeyId: KL() }), 'MissingParameter', { param: 'Description' });
  });

  await check(name, 'DisableKey (twice) → DescribeKey Disabled', async () => {
    ok(await call('DisableKey', { KeyId: KL() }));
    ok(await call('DisableKey', { KeyId: KL() }));
    assert.equal((await describeKey(KL())).KeyState, 'Disabled', 'KeyState');
  });
  await check(name, 'Encrypt on a Disabled key → Rejected.Disabled', async () => {
    expectError(mode, await call('Encrypt', { KeyId: KL(), Plaintext: PT }), 'Rejected.Disabled');
  });
  await check(name, 'Decrypt on a Disabled key → Rejected.Disabled', async () => {
    expectError(mode, await call('Decrypt', { CiphertextBlob: need(m.klBlob, 'lifecycle Encrypt') }), 'Rejected.Disabled');
  });
  await check(name, 'Disabled key: UpdateKeyDescription, TagResource, ListKeyVersions work', async () => {
    ok(await call('UpdateKeyDescription', { KeyId: KL(), Description: 'disabled but described' }));
    ok(await call('TagResource', { KeyId: KL(), Tags: JSON.stringify([{ TagKey: 'state', TagValue: 'disabled' }]) }));
    ok(await call('ListKeyVersions', { KeyId: KL() }));
  });
  await check(name, 'CreateKeyVersion on a Disabled key → Rejected.Disabled', async () => {
    expectError(mode, await call('CreateKeyVersion', { KeyId: KL() }), 'Rejected.Disabled');
  });
  await check(name, 'UpdateRotationPolicy on a Disabled key → Rejected.Disabled', async () => {
    expectError(mode, await call('UpdateRotationPolicy', { KeyId: KL(), EnableAutomaticRotation: true, RotationInterval: '7d' }), 'Rejected.Disabled');
  });
  await check(name, 'EnableKey (twice) → Enabled, Encrypt and Decrypt work', async () => {
    ok(await call('EnableKey', { KeyId: KL() }));
    ok(await call('EnableKey', { KeyId: KL() }));
    assert.equal((await describeKey(KL())).KeyState, 'Enabled', 'KeyState');
    ok(await call('Encrypt', { KeyId: KL(), Plaintext: PT }));
    assert.equal(ok(await call('Decrypt', { CiphertextBlob: need(m.klBlob, 'lifecycle Encrypt') })).Plaintext, PT, 'Plaintext');
  });

  await check(name, 'SetDeletionProtection without EnableDeletionProtection → MissingParameter', async () => {
    expectError(mode, await call('SetDeletionProtection', { KeyId: KL() }), 'MissingParameter', { param: 'EnableDeletionProtection' });
  });
  await check(name, 'DisableKey / EnableKey by key ARN', async () => {
    const arn = need(m.kl, 'CreateKey').Arn;
    ok(await call('DisableKey', { KeyId: arn }));
    assert.equal((await describeKey(KL())).KeyState, 'Disabled', 'KeyState after DisableKey by ARN');
    ok(await call('EnableKey', { KeyId: arn }));
    assert.equal((await describeKey(KL())).KeyState, 'Enabled', 'KeyState after EnableKey by ARN');
  });
  await check(name, 'SetDeletionProtection on → DescribeKey DeletionProtection Enabled', async () => {
    ok(await call('SetDeletionProtection', { KeyId: KL(), EnableDeletionProtection: true, DeletionProtectionDescription: 'compat guard' }));
    m.protected = true;
    const md = await describeKey(KL());
    if (mode.typed) skip('the typed DescribeKey model of @alicloud/kms20160120 1.2.0 drops DeletionProtection');
    assert.equal(md.DeletionProtection, 'Enabled', 'DeletionProtection');
    assert.equal(md.DeletionProtectionDescription, 'compat guard', 'DeletionProtectionDescription');
  });
  await check(name, 'ScheduleKeyDeletion of a protected key → Rejected.StateModifiedFailed', async () => {
    if (!m.protected) skip('needs SetDeletionProtection, which this mode cannot call');
    expectError(mode, await call('ScheduleKeyDeletion', { KeyId: KL(), PendingWindowInDays: 7 }), 'Rejected.StateModifiedFailed');
    assert.equal((await describeKey(KL())).KeyState, 'Enabled', 'KeyState stays Enabled');
  });
  await check(name, 'SetDeletionProtection off by ProtectedResourceArn → DeletionProtection Disabled', async () => {
    try {
      ok(await call('SetDeletionProtection', { ProtectedResourceArn: need(m.kl, 'CreateKey').Arn, EnableDeletionProtection: false }));
    } finally {
      if (mode.supports('SetDeletionProtection')) await call('SetDeletionProtection', { KeyId: KL(), EnableDeletionProtection: false }); // later steps need it off
    }
    const md = await describeKey(KL());
    if (mode.typed) skip('the typed DescribeKey model drops DeletionProtection');
    assert.equal(md.DeletionProtection, 'Disabled', 'DeletionProtection');
  });

  for (const days of [6, 367]) {
    await check(name, `ScheduleKeyDeletion PendingWindowInDays=${days} → InvalidParameter`, async () => {
      expectError(mode, await call('ScheduleKeyDeletion', { KeyId: KL(), PendingWindowInDays: days }), 'InvalidParameter', { param: 'PendingWindowInDays' });
    });
  }
  await check(name, 'ScheduleKeyDeletion without PendingWindowInDays → MissingParameter', async () => {
    expectError(mode, await call('ScheduleKeyDeletion', { KeyId: KL() }), 'MissingParameter', { param: 'PendingWindowInDays' });
  });
  const aliasL = `alias/compat-${name}-${h.runId}-lifecycle`;
  await check(name, 'lifecycle: CreateAlias on the key', async () => {
    ok(await call('CreateAlias', { AliasName: aliasL, KeyId: KL() }));
    m.aliasL = true;
  });
  await check(name, 'ScheduleKeyDeletion 7 → PendingDeletion, DeleteDate ≈ now+7d', async () => {
    const t0 = Date.now();
    ok(await call('ScheduleKeyDeletion', { KeyId: KL(), PendingWindowInDays: 7 }));
    m.pending = true;
    const md = await describeKey(KL());
    assert.equal(md.KeyState, 'PendingDeletion', 'KeyState');
    assert.match(md.DeleteDate, h.UTC_SECONDS, 'DeleteDate format');
    const off = time(md.DeleteDate, 'DeleteDate') - (t0 + 7 * DAY);
    assert.ok(Math.abs(off) < 120000, `DeleteDate ${md.DeleteDate} is ${Math.round(off / 1000)} s away from now+7d`);
  });
  await check(name, 'Encrypt on a PendingDeletion key → Rejected.PendingDeletion', async () => {
    expectError(mode, await call('Encrypt', { KeyId: KL(), Plaintext: PT }), 'Rejected.PendingDeletion');
  });
  await check(name, 'EnableKey on a PendingDeletion key → Rejected.StateModifiedFailed', async () => {
    expectError(mode, await call('EnableKey', { KeyId: KL() }), 'Rejected.StateModifiedFailed');
  });
  await check(name, 'DisableKey on a PendingDeletion key → Rejected.StateModifiedFailed', async () => {
    expectError(mode, await call('DisableKey', { KeyId: KL() }), 'Rejected.StateModifiedFailed');
  });
  await check(name, 'ScheduleKeyDeletion twice → Rejected.StateModifiedFailed', async () => {
    expectError(mode, await call('ScheduleKeyDeletion', { KeyId: KL(), PendingWindowInDays: 7 }), 'Rejected.StateModifiedFailed');
  });
  await check(name, 'UpdateKeyDescription on a PendingDeletion key → Rejected.PendingDeletion', async () => {
    expectError(mode, await call('UpdateKeyDescription', { KeyId: KL(), Description: 'x' }), 'Rejected.PendingDeletion');
  });
  const pendingRejects = [
    ['Decrypt', () => ({ CiphertextBlob: need(m.klBlob, 'lifecycle Encrypt') }), 'Rejected.PendingDeletion'],
    ['TagResource', () => ({ KeyId: KL(), Tags: JSON.stringify([{ TagKey: 'k', TagValue: 'v' }]) }), 'Rejected.PendingDeletion'],
    ['TagResources', () => ({ ResourceType: 'key', 'ResourceId.1': KL(), 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }), 'Rejected.PendingDeletion'],
    ['UntagResources', () => ({ ResourceType: 'key', 'ResourceId.1': KL(), 'TagKey.1': 'state' }), 'Rejected.PendingDeletion'],
    ['SetKeyPolicy', () => ({ KeyId: KL(), Policy: JSON.stringify(defaultPolicy(uidOf(need(m.kl, 'CreateKey')))) }), 'Rejected.PendingDeletion'],
    ['SetDeletionProtection', () => ({ KeyId: KL(), EnableDeletionProtection: true }), 'Rejected.PendingDeletion'],
    ['CreateKeyVersion', () => ({ KeyId: KL() }), 'Rejected.PendingDeletion'],
    ['UpdateRotationPolicy', () => ({ KeyId: KL(), EnableAutomaticRotation: true, RotationInterval: '7d' }), 'Rejected.PendingDeletion'],
    ['CreateAlias', () => ({ AliasName: `${aliasL}-2`, KeyId: KL() }), 'Rejected.StateModifiedFailed'],
  ];
  for (const [action, params, code] of pendingRejects) {
    await check(name, `${action} on a PendingDeletion key → ${code}`, async () => {
      if (!m.pending) assert.fail('prerequisite missing: ScheduleKeyDeletion');
      expectError(mode, await call(action, params()), code);
    });
  }
  await check(name, 'UpdateAlias to a PendingDeletion key → Rejected.PendingDeletion', async () => {
    if (!m.pending) assert.fail('prerequisite missing: ScheduleKeyDeletion');
    const a = `alias/compat-${name}-${h.runId}-retarget`;
    ok(await call('CreateAlias', { AliasName: a, KeyId: need(st.k1, 'CreateKey').KeyId }));
    try {
      expectError(mode, await call('UpdateAlias', { AliasName: a, KeyId: KL() }), 'Rejected.PendingDeletion');
    } finally {
      await call('DeleteAlias', { AliasName: a });
    }
  });
  await check(name, 'PendingDeletion key: GetKeyPolicy, ListKeyVersions, DescribeKeyVersion, ListResourceTags, ListAliasesByKeyId, DeleteAlias work', async () => {
    if (!m.pending) assert.fail('prerequisite missing: ScheduleKeyDeletion');
    const md = await describeKey(KL());
    if (mode.supports('GetKeyPolicy')) ok(await call('GetKeyPolicy', { KeyId: KL() }));
    ok(await call('ListKeyVersions', { KeyId: KL() }));
    ok(await call('DescribeKeyVersion', { KeyId: KL(), KeyVersionId: md.PrimaryKeyVersion }));
    ok(await call('ListResourceTags', { KeyId: KL() }));
    const aliases = await aliasesOf(h, call, KL());
    assert.ok(aliases.some((a) => a.AliasName === aliasL), 'ListAliasesByKeyId lists the alias of the pending key');
    ok(await call('DeleteAlias', { AliasName: aliasL }));
  });
  await check(name, 'CancelKeyDeletion → Enabled, DeleteDate empty, old ciphertext decrypts', async () => {
    ok(await call('CancelKeyDeletion', { KeyId: KL() }));
    m.pending = false;
    const md = await describeKey(KL());
    assert.equal(md.KeyState, 'Enabled', 'KeyState');
    assert.equal(md.DeleteDate, '', 'DeleteDate is "" again');
    assert.equal(ok(await call('Decrypt', { CiphertextBlob: need(m.klBlob, 'lifecycle Encrypt') })).Plaintext, PT, 'Plaintext');
  });
  await check(name, 'CancelKeyDeletion on an Enabled key → Rejected.StateModifiedFailed', async () => {
    expectError(mode, await call('CancelKeyDeletion', { KeyId: KL() }), 'Rejected.StateModifiedFailed');
  });

  await check(name, 'GetKeyPolicy default policy names the account uid', async () => {
    const b = ok(await call('GetKeyPolicy', { KeyId: KL() }));
    assert.equal(typeof b.Policy, 'string', 'Policy is JSON text');
    assert.equal(b.Policy, JSON.stringify(defaultPolicy(uidOf(need(m.kl, 'CreateKey')))), 'the default policy text of DECISIONS.md');
    const d = ok(await call('GetKeyPolicy', { KeyId: KL(), PolicyName: 'default' }));
    assert.equal(d.Policy, b.Policy, 'PolicyName=default gives the same policy');
  });
  await check(name, 'SetKeyPolicy then GetKeyPolicy returns it verbatim', async () => {
    const uid = uidOf(need(m.kl, 'CreateKey'));
    const policy = `{\n  "Version":"1",\n\t"Statement": [ {"Sid":"compat-${name}-${h.runId}", "Effect":"Allow", "Principal":{"RAM":["acs:ram::${uid}:root"]}, "Action":["kms:*"], "Resource":["*"]} ]\n}`;
    ok(await call('SetKeyPolicy', { KeyId: KL(), Policy: policy }));
    assert.equal(ok(await call('GetKeyPolicy', { KeyId: KL() })).Policy, policy, 'Policy verbatim');
  });
  await check(name, 'GetKeyPolicy PolicyName=other → Forbidden.ResourceNotFound', async () => {
    expectError(mode, await call('GetKeyPolicy', { KeyId: KL(), PolicyName: 'other' }), 'Forbidden.ResourceNotFound');
  });
  await check(name, 'SetKeyPolicy PolicyName=other → Forbidden.ResourceNotFound', async () => {
    const policy = JSON.stringify(defaultPolicy(uidOf(need(m.kl, 'CreateKey'))));
    expectError(mode, await call('SetKeyPolicy', { KeyId: KL(), Policy: policy, PolicyName: 'other' }), 'Forbidden.ResourceNotFound');
  });

  await check(name, 'key policy Deny kms:Encrypt → Encrypt Forbidden.NoPermission 403 (seed Message), Decrypt still works; removing the statement restores Encrypt', async () => {
    const uid = uidOf(need(m.kl, 'CreateKey'));
    const allowRoot = { Effect: 'Allow', Principal: { RAM: [`acs:ram::${uid}:root`] }, Action: ['kms:*'], Resource: ['*'] };
    const deny = { Sid: `compat-deny-${name}`, Effect: 'Deny', Principal: { RAM: [`acs:ram::${uid}:root`] }, Action: ['kms:Encrypt'], Resource: ['*'] };
    ok(await call('SetKeyPolicy', { KeyId: KL(), Policy: JSON.stringify({ Version: '1', Statement: [allowRoot, deny] }) }));
    try {
      expectError(mode, await call('Encrypt', { KeyId: KL(), Plaintext: PT }), 'Forbidden.NoPermission');
      assert.equal(ok(await call('Decrypt', { CiphertextBlob: need(m.klBlob, 'lifecycle Encrypt') })).Plaintext, PT, 'Decrypt still works');
    } finally {
      ok(await call('SetKeyPolicy', { KeyId: KL(), Policy: JSON.stringify({ Version: '1', Statement: [allowRoot] }) }));
    }
    assert.equal(typeof ok(await call('Encrypt', { KeyId: KL(), Plaintext: PT })).CiphertextBlob, 'string', 'Encrypt works again');
  });

  // ================================================================ 2. aliases (CLIENTS.md §7.3 step 4)
  const alias = `alias/compat-${name}-${h.runId}`;
  const K1 = () => need(st.k1, 'CreateKey').KeyId;
  const aliasArn = () => `acs:kms:${h.REGION}:${uidOf(need(st.k1, 'CreateKey'))}:${alias}`;
  await check(name, 'alias: CreateKey K2', async () => {
    m.k2 = await createKey({ Description: `compat alias target ${name}` });
  });
  const K2 = () => need(m.k2, 'CreateKey K2').KeyId;

  await check(name, 'CreateAlias', async () => {
    ok(await call('CreateAlias', { AliasName: alias, KeyId: K1() }));
    m.alias = true;
  });
  await check(name, 'ListAliases contains the alias with AliasArn', async () => {
    need(m.alias, 'CreateAlias');
    const found = (await allAliases(h, call)).filter((a) => a.AliasName === alias);
    assert.equal(found.length, 1, `${alias} listed once`);
    assert.deepEqual(found[0], { AliasArn: aliasArn(), AliasName: alias, KeyId: K1() }, 'alias item');
  });
  await check(name, 'ListAliasesByKeyId K1 contains it', async () => {
    need(m.alias, 'CreateAlias');
    const items = await aliasesOf(h, call, K1());
    assert.deepEqual(items.filter((a) => a.AliasName === alias), [{ AliasArn: aliasArn(), AliasName: alias, KeyId: K1() }], 'alias item');
  });
  await check(name, 'CreateAlias duplicate → AliasAlreadyExists', async () => {
    need(m.alias, 'CreateAlias');
    expectError(mode, await call('CreateAlias', { AliasName: alias, KeyId: K2() }), 'AliasAlreadyExists');
  });
  await check(name, 'DescribeKey by alias', async () => {
    need(m.alias, 'CreateAlias');
    assert.equal((await describeKey(alias)).KeyId, K1(), 'resolved KeyId');
  });
  await check(name, 'Encrypt by alias returns the target KeyId', async () => {
    need(m.alias, 'CreateAlias');
    const e = ok(await call('Encrypt', { KeyId: alias, Plaintext: PT }));
    assert.equal(e.KeyId, K1(), 'KeyId');
    assert.equal(ok(await call('Decrypt', { CiphertextBlob: e.CiphertextBlob })).KeyId, K1(), 'Decrypt KeyId');
  });
  await check(name, 'Encrypt by alias ARN returns the target KeyId', async () => {
    need(m.alias, 'CreateAlias');
    assert.equal(ok(await call('Encrypt', { KeyId: aliasArn(), Plaintext: PT })).KeyId, K1(), 'KeyId');
  });
  await check(name, 'GetKeyPolicy by alias', async () => {
    need(m.alias, 'CreateAlias');
    const b = ok(await call('GetKeyPolicy', { KeyId: alias }));
    assert.deepEqual(JSON.parse(b.Policy), defaultPolicy(uidOf(st.k1)), 'default policy of K1');
  });
  await check(name, 'CreateAlias with KeyId=alias/... → Unsupported.Alias', async () => {
    need(m.alias, 'CreateAlias');
    expectError(mode, await call('CreateAlias', { AliasName: `${alias}-2`, KeyId: alias }), 'Unsupported.Alias');
  });
  await check(name, 'UpdateKeyDescription with KeyId=alias/... → Unsupported.Alias', async () => {
    need(m.alias, 'CreateAlias');
    expectError(mode, await call('UpdateKeyDescription', { KeyId: alias, Description: 'x' }), 'Unsupported.Alias');
  });
  await check(name, 'ScheduleKeyDeletion with KeyId=alias/... → Unsupported.Alias', async () => {
    need(m.alias, 'CreateAlias');
    const r = await call('ScheduleKeyDeletion', { KeyId: alias, PendingWindowInDays: 7 });
    if (r && r.ok) await call('CancelKeyDeletion', { KeyId: K1() }); // K1 must stay usable for the cross-mode checks
    expectError(mode, r, 'Unsupported.Alias');
    assert.equal((await describeKey(K1())).KeyState, 'Enabled', 'K1 stays Enabled');
  });
  await check(name, 'UpdateAlias to K2', async () => {
    need(m.alias, 'CreateAlias');
    ok(await call('UpdateAlias', { AliasName: alias, KeyId: K2() }));
    assert.deepEqual((await aliasesOf(h, call, K2())).filter((a) => a.AliasName === alias),
      [{ AliasArn: aliasArn(), AliasName: alias, KeyId: K2() }], 'ListAliasesByKeyId K2');
    assert.ok(!(await aliasesOf(h, call, K1())).some((a) => a.AliasName === alias), 'ListAliasesByKeyId K1 no longer has it');
    assert.equal(ok(await call('Encrypt', { KeyId: alias, Plaintext: PT })).KeyId, K2(), 'Encrypt by alias now uses K2');
  });
  await check(name, 'DeleteAlias', async () => {
    need(m.alias, 'CreateAlias');
    ok(await call('DeleteAlias', { AliasName: alias }));
    assert.ok(!(await allAliases(h, call)).some((a) => a.AliasName === alias), 'gone from ListAliases');
    assert.ok(!(await aliasesOf(h, call, K2())).some((a) => a.AliasName === alias), 'gone from ListAliasesByKeyId');
    m.aliasDeleted = true;
  });
  await check(name, 'Encrypt by a deleted alias → Forbidden.AliasNotFound', async () => {
    need(m.aliasDeleted, 'DeleteAlias');
    expectError(mode, await call('Encrypt', { KeyId: alias, Plaintext: PT }), 'Forbidden.AliasNotFound');
  });
  await check(name, 'DeleteAlias / UpdateAlias of a deleted alias → Forbidden.AliasNotFound', async () => {
    need(m.aliasDeleted, 'DeleteAlias');
    expectError(mode, await call('DeleteAlias', { AliasName: alias }), 'Forbidden.AliasNotFound');
    expectError(mode, await call('UpdateAlias', { AliasName: alias, KeyId: K1() }), 'Forbidden.AliasNotFound');
  });
  for (const bad of ['alias/acs-x', 'noprefix', 'alias/bad name', 'alias/']) {
    await check(name, `CreateAlias AliasName=${JSON.stringify(bad)} → InvalidParameter`, async () => {
      expectError(mode, await call('CreateAlias', { AliasName: bad, KeyId: K1() }), 'InvalidParameter', { param: 'AliasName' });
    });
  }
  await check(name, 'CreateAlias for an unknown key → Forbidden.KeyNotFound', async () => {
    expectError(mode, await call('CreateAlias', { AliasName: `${alias}-3`, KeyId: crypto.randomUUID() }), 'Forbidden.KeyNotFound');
  });

  // ================================================================ 3. versions and rotation
  await check(name, 'version: CreateKey + Encrypt with version 1', async () => {
    m.kv = await createKey({ Description: `compat versions ${name}` });
    const e = ok(await call('Encrypt', { KeyId: m.kv.KeyId, Plaintext: PT, EncryptionContext: CTX }));
    assert.equal(e.KeyVersionId, m.kv.PrimaryKeyVersion, 'KeyVersionId');
    m.v1 = e.KeyVersionId;
    m.v1Blob = e.CiphertextBlob;
  });
  const KV = () => need(m.kv, 'version CreateKey').KeyId;
  await check(name, 'CreateKeyVersion → new PrimaryKeyVersion', async () => {
    const b = ok(await call('CreateKeyVersion', { KeyId: KV() }));
    assert.ok(b.KeyVersion && typeof b.KeyVersion === 'object', 'KeyVersion object');
    assert.equal(b.KeyVersion.KeyId, KV(), 'KeyVersion.KeyId');
    assert.match(b.KeyVersion.KeyVersionId, h.GUID, 'KeyVersion.KeyVersionId');
    assert.notEqual(b.KeyVersion.KeyVersionId, m.v1, 'a new version');
    assert.match(b.KeyVersion.CreationDate, h.UTC_SECONDS, 'KeyVersion.CreationDate');
    m.v2 = b.KeyVersion.KeyVersionId;
    const md = await describeKey(KV());
    assert.equal(md.PrimaryKeyVersion, m.v2, 'DescribeKey PrimaryKeyVersion');
    assert.match(md.LastRotationDate, h.UTC_SECONDS, 'LastRotationDate');
    assert.ok(time(md.LastRotationDate, 'LastRotationDate') >= time(m.kv.CreationDate, 'CreationDate'), 'LastRotationDate moved');
    const e = ok(await call('Encrypt', { KeyId: KV(), Plaintext: PT }));
    assert.equal(e.KeyVersionId, m.v2, 'Encrypt uses the new version');
    h.checkBlob(e.CiphertextBlob, m.v2, PT);
  });
  await check(name, 'ciphertext of the old version still decrypts', async () => {
    const d = ok(await call('Decrypt', { CiphertextBlob: need(m.v1Blob, 'version Encrypt'), EncryptionContext: CTX }));
    assert.equal(d.Plaintext, PT, 'Plaintext');
    assert.equal(d.KeyId, KV(), 'KeyId');
    assert.equal(d.KeyVersionId, m.v1, 'KeyVersionId of the old version');
  });
  await check(name, 'DescribeKeyVersion', async () => {
    const b = ok(await call('DescribeKeyVersion', { KeyId: KV(), KeyVersionId: need(m.v1, 'version 1') }));
    assert.equal(b.KeyVersion.KeyId, KV(), 'KeyId');
    assert.equal(b.KeyVersion.KeyVersionId, m.v1, 'KeyVersionId');
    assert.match(b.KeyVersion.CreationDate, h.UTC_SECONDS, 'CreationDate');
  });
  await check(name, 'ListKeyVersions (wrapped KeyVersions.KeyVersion, numbers, oldest first)', async () => {
    const b = ok(await call('ListKeyVersions', { KeyId: KV() }));
    assert.ok(b.KeyVersions && Array.isArray(b.KeyVersions.KeyVersion), 'KeyVersions.KeyVersion is an array: ' + JSON.stringify(b).slice(0, 200));
    assert.equal(b.TotalCount, 2, 'TotalCount is the number 2');
    assert.equal(b.PageNumber, 1, 'PageNumber is the number 1');
    assert.equal(b.PageSize, 10, 'PageSize is the number 10 (default)');
    checkVersionList(b.KeyVersions.KeyVersion, [need(m.v1, 'v1'), need(m.v2, 'v2')], 'ListKeyVersions');
    for (const v of b.KeyVersions.KeyVersion) {
      assert.equal(v.KeyId, KV(), 'item KeyId');
      assert.match(v.CreationDate, h.UTC_SECONDS, 'item CreationDate');
    }
    const p2 = ok(await call('ListKeyVersions', { KeyId: KV(), PageNumber: 2, PageSize: 1 }));
    assert.deepEqual(p2.KeyVersions.KeyVersion.map((v) => v.KeyVersionId), [b.KeyVersions.KeyVersion[1].KeyVersionId], 'PageNumber=2 PageSize=1 is the second item');
    assert.equal(p2.TotalCount, 2, 'TotalCount on page 2');
  });
  await check(name, 'DescribeKeyVersion unknown version → Forbidden.KeyVersionNotFound', async () => {
    expectError(mode, await call('DescribeKeyVersion', { KeyId: KV(), KeyVersionId: crypto.randomUUID() }), 'Forbidden.KeyVersionNotFound');
  });
  await check(name, "DescribeKeyVersion of another key's version → Forbidden.KeyVersionNotFound", async () => {
    expectError(mode, await call('DescribeKeyVersion', { KeyId: KV(), KeyVersionId: need(st.k1, 'CreateKey').PrimaryKeyVersion }), 'Forbidden.KeyVersionNotFound');
  });

  await check(name, 'UpdateRotationPolicy 7d → AutomaticRotation Enabled, 604800s, NextRotationDate', async () => {
    ok(await call('UpdateRotationPolicy', { KeyId: KV(), EnableAutomaticRotation: true, RotationInterval: '7d' }));
    const md = await describeKey(KV());
    assert.equal(md.AutomaticRotation, 'Enabled', 'AutomaticRotation');
    assert.equal(md.RotationInterval, '604800s', 'RotationInterval');
    assert.match(String(md.NextRotationDate), h.UTC_SECONDS, 'NextRotationDate');
    assert.equal(time(md.NextRotationDate, 'NextRotationDate') - time(md.LastRotationDate, 'LastRotationDate'), 7 * DAY,
      `NextRotationDate ${md.NextRotationDate} = LastRotationDate ${md.LastRotationDate} + 7d`);
  });
  await check(name, 'UpdateRotationPolicy 336h → 1209600s', async () => {
    ok(await call('UpdateRotationPolicy', { KeyId: KV(), EnableAutomaticRotation: true, RotationInterval: '336h' }));
    assert.equal((await describeKey(KV())).RotationInterval, '1209600s', 'RotationInterval');
  });
  await check(name, 'UpdateRotationPolicy 730d → 63072000s', async () => {
    ok(await call('UpdateRotationPolicy', { KeyId: KV(), EnableAutomaticRotation: true, RotationInterval: '730d' }));
    assert.equal((await describeKey(KV())).RotationInterval, '63072000s', 'RotationInterval');
  });
  for (const bad of ['6d', '731d', 'abc']) {
    await check(name, `UpdateRotationPolicy RotationInterval=${bad} → InvalidParameter`, async () => {
      expectError(mode, await call('UpdateRotationPolicy', { KeyId: KV(), EnableAutomaticRotation: true, RotationInterval: bad }),
        'InvalidParameter', { param: 'RotationInterval' });
    });
  }
  await check(name, 'UpdateRotationPolicy enable without RotationInterval → MissingParameter', async () => {
    expectError(mode, await call('UpdateRotationPolicy', { KeyId: KV(), EnableAutomaticRotation: true }), 'MissingParameter', { param: 'RotationInterval' });
  });
  await check(name, 'UpdateRotationPolicy disable → Disabled, no RotationInterval/NextRotationDate', async () => {
    ok(await call('UpdateRotationPolicy', { KeyId: KV(), EnableAutomaticRotation: false }));
    const md = await describeKey(KV());
    assert.equal(md.AutomaticRotation, 'Disabled', 'AutomaticRotation');
    assert.ok(md.RotationInterval === undefined || md.RotationInterval === null, 'no RotationInterval: ' + JSON.stringify(md.RotationInterval));
    assert.ok(md.NextRotationDate === undefined || md.NextRotationDate === null, 'no NextRotationDate: ' + JSON.stringify(md.NextRotationDate));
  });
  await check(name, 'CreateKey EnableAutomaticRotation=true RotationInterval=8d → 691200s', async () => {
    const md = await createKey({ EnableAutomaticRotation: true, RotationInterval: '8d', Description: `compat rotating ${name}` });
    assert.equal(md.AutomaticRotation, 'Enabled', 'AutomaticRotation');
    assert.equal(md.RotationInterval, '691200s', 'RotationInterval');
    assert.match(String(md.NextRotationDate), h.UTC_SECONDS, 'NextRotationDate');
    assert.equal(time(md.NextRotationDate, 'NextRotationDate') - time(md.LastRotationDate, 'LastRotationDate'), 8 * DAY, 'NextRotationDate = LastRotationDate + 8d');
    const d = await describeKey(md.KeyId);
    for (const f of ['AutomaticRotation', 'RotationInterval', 'NextRotationDate', 'LastRotationDate']) assert.equal(d[f], md[f], `DescribeKey ${f}`);
    m.rotating = md;
  });
  await check(name, 'DisableKey on a rotating key → AutomaticRotation Suspended; EnableKey → Enabled', async () => {
    const id = need(m.rotating, 'CreateKey with rotation').KeyId;
    ok(await call('DisableKey', { KeyId: id }));
    const d = await describeKey(id);
    assert.equal(d.AutomaticRotation, 'Suspended', 'AutomaticRotation while Disabled');
    assert.equal(d.RotationInterval, '691200s', 'RotationInterval kept while Suspended');
    ok(await call('EnableKey', { KeyId: id }));
    const e = await describeKey(id);
    assert.equal(e.AutomaticRotation, 'Enabled', 'AutomaticRotation after EnableKey');
    assert.equal(e.RotationInterval, '691200s', 'RotationInterval after EnableKey');
  });
  await check(name, 'CreateKey EnableAutomaticRotation=true without RotationInterval → MissingParameter', async () => {
    expectError(mode, await call('CreateKey', { EnableAutomaticRotation: true }), 'MissingParameter', { param: 'RotationInterval' });
  });

  // ================================================================ 4. tags
  await check(name, 'tag: CreateKey', async () => {
    m.kt = await createKey({ Description: `compat tags ${name}` });
  });
  const KT = () => need(m.kt, 'tag CreateKey').KeyId;
  const row = (id, k, v) => ({ ResourceId: id, ResourceType: 'key', TagKey: k, TagValue: v });
  await check(name, 'TagResources (ResourceId.1, Tag.N.Key/Value) → ListTagResources rows', async () => {
    ok(await call('TagResources', { ResourceType: 'key', 'ResourceId.1': KT(), 'Tag.1.Key': 'env', 'Tag.1.Value': 'compat', 'Tag.2.Key': 'mode', 'Tag.2.Value': name }));
    m.batchTags = true;
    assert.deepEqual(byTag(await tagRows(h, call, [KT()])), [row(KT(), 'env', 'compat'), row(KT(), 'mode', name)], 'rows');
  });
  await check(name, 'TagResources on an existing tag key overwrites its value', async () => {
    if (!m.batchTags && mode.supports && !mode.supports('TagResources')) skip('@alicloud/kms20160120 1.2.0 has no TagResources');
    need(m.batchTags, 'TagResources');
    ok(await call('TagResources', { ResourceType: 'key', 'ResourceId.1': KT(), 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' }));
    assert.deepEqual(byTag(await tagRows(h, call, [KT()])), [row(KT(), 'env', 'prod'), row(KT(), 'mode', name)], 'rows');
  });
  await check(name, 'UntagResources TagKey.1', async () => {
    if (!m.batchTags && mode.supports && !mode.supports('TagResources')) skip('@alicloud/kms20160120 1.2.0 has no TagResources');
    need(m.batchTags, 'TagResources');
    ok(await call('UntagResources', { ResourceType: 'key', 'ResourceId.1': KT(), 'TagKey.1': 'env', 'TagKey.2': 'absent-key' }));
    assert.deepEqual(await tagRows(h, call, [KT()]), [row(KT(), 'mode', name)], 'rows');
  });
  await check(name, 'tag key and value with every allowed special character round trip', async () => {
    if (!m.batchTags && !mode.supports('TagResources')) skip('@alicloud/kms20160120 1.2.0 has no TagResources');
    const k = 'k/\\_-.+=:@1';
    const v = 'v/\\_-.+=:@A';
    ok(await call('TagResources', { ResourceType: 'key', 'ResourceId.1': KT(), 'Tag.1.Key': k, 'Tag.1.Value': v }));
    const rows = await tagRows(h, call, [KT()]);
    assert.ok(rows.some((r) => r.TagKey === k && r.TagValue === v), `row ${k}=${v} in ${JSON.stringify(rows)}`);
    ok(await call('UntagResources', { ResourceType: 'key', 'ResourceId.1': KT(), 'TagKey.1': k }));
    assert.ok(!(await tagRows(h, call, [KT()])).some((r) => r.TagKey === k), 'removed again');
  });
  await check(name, 'ListTagResources with a Tag.1.Key filter', async () => {
    if (!m.batchTags && !mode.supports('TagResources')) skip('@alicloud/kms20160120 1.2.0 has no ListTagResources');
    const b = ok(await call('ListTagResources', { ResourceType: 'key', 'ResourceId.1': KT(), 'ResourceId.2': K1(), 'Tag.1.Key': 'mode' }));
    assert.deepEqual(plain(b.TagResources.TagResource), [row(KT(), 'mode', name)], 'only the matching row');
  });
  await check(name, 'TagResource (legacy Tags JSON) → ListResourceTags', async () => {
    ok(await call('TagResource', { KeyId: KT(), Tags: JSON.stringify([{ TagKey: 'team', TagValue: 'kms' }, { TagKey: 'tier', TagValue: 'gold' }]) }));
    const b = ok(await call('ListResourceTags', { KeyId: KT() }));
    assert.ok(b.Tags && Array.isArray(b.Tags.Tag), 'Tags.Tag is an array: ' + JSON.stringify(b).slice(0, 200));
    const want = [{ KeyId: KT(), TagKey: 'team', TagValue: 'kms' }, { KeyId: KT(), TagKey: 'tier', TagValue: 'gold' }];
    if (m.batchTags) want.unshift({ KeyId: KT(), TagKey: 'mode', TagValue: name });
    assert.deepEqual(byTag(b.Tags.Tag), want, 'Tags.Tag');
  });
  await check(name, 'UntagResource (legacy TagKeys JSON)', async () => {
    ok(await call('UntagResource', { KeyId: KT(), TagKeys: JSON.stringify(['team']) }));
    const keys = ok(await call('ListResourceTags', { KeyId: KT() })).Tags.Tag.map((x) => x.TagKey);
    assert.deepEqual(keys.sort(), m.batchTags ? ['mode', 'tier'] : ['tier'], 'tag keys left');
  });
  await check(name, 'UntagResources All=true removes every tag', async () => {
    const md = await createKey({ Description: `compat untag all ${name}` });
    ok(await call('TagResource', { KeyId: md.KeyId, Tags: JSON.stringify([{ TagKey: 'a', TagValue: '1' }, { TagKey: 'b', TagValue: '2' }]) }));
    ok(await call('UntagResources', { ResourceType: 'key', 'ResourceId.1': md.KeyId, All: true }));
    assert.deepEqual(plain(ok(await call('ListResourceTags', { KeyId: md.KeyId })).Tags.Tag), [], 'no tags left');
  });
  await check(name, 'CreateKey with Tags JSON → tags listed', async () => {
    const md = await createKey({ Description: `compat created with tags ${name}`, Tags: JSON.stringify([{ TagKey: 'owner', TagValue: name }, { TagKey: 'env', TagValue: 'compat' }]) });
    const b = ok(await call('ListResourceTags', { KeyId: md.KeyId }));
    assert.deepEqual(byTag(b.Tags.Tag), [{ KeyId: md.KeyId, TagKey: 'env', TagValue: 'compat' }, { KeyId: md.KeyId, TagKey: 'owner', TagValue: name }], 'ListResourceTags');
    assert.deepEqual(byTag(await tagRows(h, call, [md.KeyId])), [row(md.KeyId, 'env', 'compat'), row(md.KeyId, 'owner', name)], 'ListTagResources');
  });
  const tags = (n, prefix = 't') => Array.from({ length: n }, (_, i) => ({ TagKey: `${prefix}${String(i + 1).padStart(2, '0')}`, TagValue: `v${i + 1}` }));
  await check(name, 'a 21st tag on a key → Rejected.LimitExceeded', async () => {
    const md = await createKey({ Description: `compat tag quota ${name}` });
    ok(await call('TagResource', { KeyId: md.KeyId, Tags: JSON.stringify(tags(20)) }));
    expectError(mode, await call('TagResource', { KeyId: md.KeyId, Tags: JSON.stringify([{ TagKey: 'one-more', TagValue: 'x' }]) }), 'Rejected.LimitExceeded');
    ok(await call('TagResource', { KeyId: md.KeyId, Tags: JSON.stringify([{ TagKey: 't01', TagValue: 'overwritten' }]) }));
    const list = ok(await call('ListResourceTags', { KeyId: md.KeyId })).Tags.Tag;
    assert.equal(list.length, 20, 'still 20 tags');
    assert.equal(list.find((x) => x.TagKey === 't01').TagValue, 'overwritten', 'overwriting at the quota works');
    m.fullKey = md.KeyId;
  });
  await check(name, 'TagResources a 21st tag → Rejected.LimitExceeded', async () => {
    const id = need(m.fullKey, 'a key with 20 tags');
    expectError(mode, await call('TagResources', { ResourceType: 'key', 'ResourceId.1': id, 'Tag.1.Key': 'one-more', 'Tag.1.Value': 'x' }), 'Rejected.LimitExceeded');
  });
  await check(name, 'CreateKey with 21 Tags → Rejected.LimitExceeded', async () => {
    expectError(mode, await call('CreateKey', { Description: 'compat 21 tags', Tags: JSON.stringify(tags(21)) }), 'Rejected.LimitExceeded');
  });
  await check(name, 'TagResource with 21 Tags → Rejected.LimitExceeded', async () => {
    expectError(mode, await call('TagResource', { KeyId: KT(), Tags: JSON.stringify(tags(21, 'q')) }), 'Rejected.LimitExceeded');
  });
  await check(name, 'TagResources tag key aliyun-x → InvalidParameter', async () => {
    expectError(mode, await call('TagResources', { ResourceType: 'key', 'ResourceId.1': KT(), 'Tag.1.Key': 'aliyun-x', 'Tag.1.Value': 'v' }),
      'InvalidParameter', { messageAny: [h.expectedMessage('InvalidParameter', 'Tag.1.Key'), h.expectedMessage('InvalidParameter', 'Tag')] });
  });
  await check(name, 'TagResource tag key aliyun-x → InvalidParameter', async () => {
    expectError(mode, await call('TagResource', { KeyId: KT(), Tags: JSON.stringify([{ TagKey: 'aliyun-x', TagValue: 'v' }]) }), 'InvalidParameter', { param: 'Tags' });
  });
  await check(name, 'CreateKey tag key aliyun-x → InvalidParameter', async () => {
    expectError(mode, await call('CreateKey', { Tags: JSON.stringify([{ TagKey: 'aliyun-x', TagValue: 'v' }]) }), 'InvalidParameter', { param: 'Tags' });
  });
  await check(name, 'ListTagResources pages with NextToken (11 keys × 20 tags)', async () => {
    if (!mode.anyAction) skip('@alicloud/kms20160120 1.2.0 has no ListTagResources');
    const ids = [];
    for (let i = 0; i < 11; i++) ids.push((await createKey({ Description: `compat paging ${name} ${i}`, Tags: JSON.stringify(tags(20, 'p')) })).KeyId);
    const params = { ResourceType: 'key' };
    ids.forEach((id, i) => { params[`ResourceId.${i + 1}`] = id; });
    const first = ok(await call('ListTagResources', params));
    assert.equal(first.TagResources.TagResource.length, 200, 'first page has 200 rows (the default page)');
    assert.ok(typeof first.NextToken === 'string' && first.NextToken.length > 0, 'NextToken on a full first page');
    const rows = await tagRows(h, call, ids);
    assert.equal(rows.length, 220, 'every row over all pages');
    const seen = new Set(rows.map((r) => `${r.ResourceId}/${r.TagKey}`));
    assert.equal(seen.size, 220, 'no row twice');
    for (const id of ids) for (const tg of tags(20, 'p')) assert.ok(seen.has(`${id}/${tg.TagKey}`), `row ${id}/${tg.TagKey}`);
  });

  // ================================================================ 5. ReEncrypt
  await check(name, 'ReEncrypt to another key and context', async () => {
    const s = need(st.sample, 'Encrypt');
    const kv = await describeKey(KV());
    const b = ok(await call('ReEncrypt', { CiphertextBlob: s.blob, SourceEncryptionContext: s.ctx, DestinationKeyId: KV(), DestinationEncryptionContext: CTX2 }));
    assert.equal(b.KeyId, KV(), 'KeyId is the destination key');
    assert.equal(b.KeyVersionId, kv.PrimaryKeyVersion, "KeyVersionId is the destination's primary version");
    h.checkBlob(b.CiphertextBlob, b.KeyVersionId, s.plaintext);
    const d = ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob, EncryptionContext: CTX2 }));
    assert.equal(d.Plaintext, s.plaintext, 'Plaintext');
    assert.equal(d.KeyId, KV(), 'Decrypt KeyId');
    assert.equal(d.KeyVersionId, b.KeyVersionId, 'Decrypt KeyVersionId');
    expectError(mode, await call('Decrypt', { CiphertextBlob: b.CiphertextBlob, EncryptionContext: s.ctx }), 'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await check(name, 'ReEncrypt with DestinationKeyId a key ARN, no contexts', async () => {
    const e = ok(await call('Encrypt', { KeyId: K2(), Plaintext: PT }));
    const b = ok(await call('ReEncrypt', { CiphertextBlob: e.CiphertextBlob, DestinationKeyId: need(m.kv, 'version CreateKey').Arn }));
    assert.equal(b.KeyId, KV(), 'resolved KeyId');
    assert.equal(ok(await call('Decrypt', { CiphertextBlob: b.CiphertextBlob })).Plaintext, PT, 'Plaintext');
  });
  await check(name, 'ReEncrypt with a wrong source context → InvalidParameter', async () => {
    const s = need(st.sample, 'Encrypt');
    expectError(mode, await call('ReEncrypt', { CiphertextBlob: s.blob, SourceEncryptionContext: CTX2, DestinationKeyId: KV() }), 'InvalidParameter', { param: 'CiphertextBlob' });
  });
  await check(name, 'ReEncrypt without DestinationKeyId → MissingParameter', async () => {
    expectError(mode, await call('ReEncrypt', { CiphertextBlob: need(st.sample, 'Encrypt').blob }), 'MissingParameter', { param: 'DestinationKeyId' });
  });
  await check(name, 'ReEncrypt DryRun=true → DryRunOperationError', async () => {
    const s = need(st.sample, 'Encrypt');
    expectError(mode, await call('ReEncrypt', { CiphertextBlob: s.blob, SourceEncryptionContext: s.ctx, DestinationKeyId: KV(), DryRun: 'true' }), 'DryRunOperationError');
  });
  await check(name, 'ReEncrypt from a Disabled source key → Rejected.Disabled', async () => {
    const e = ok(await call('Encrypt', { KeyId: K2(), Plaintext: PT }));
    ok(await call('DisableKey', { KeyId: K2() }));
    try {
      expectError(mode, await call('ReEncrypt', { CiphertextBlob: e.CiphertextBlob, DestinationKeyId: KV() }), 'Rejected.Disabled');
    } finally {
      await call('EnableKey', { KeyId: K2() });
    }
  });
  await check(name, 'ReEncrypt to a Disabled key → Rejected.Disabled', async () => {
    const s = need(st.sample, 'Encrypt');
    ok(await call('DisableKey', { KeyId: K2() }));
    try {
      expectError(mode, await call('ReEncrypt', { CiphertextBlob: s.blob, SourceEncryptionContext: s.ctx, DestinationKeyId: K2() }), 'Rejected.Disabled');
    } finally {
      await call('EnableKey', { KeyId: K2() });
    }
  });

  return m;
}

module.exports = { runManagement, allAliases, tagRows, tagMap, uidOf, defaultPolicy, checkVersionList, DAY };
