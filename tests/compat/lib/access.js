'use strict';
// Access control through every client mode (issue 6; DECISIONS.md order of checks step 11 and 14, "Errors"):
// identities, policies and account states are set up with the admin CLI (dotnet <COFFER_DLL> user|policy|
// access-key|account ... --data <the harness server's folder>) while the server runs, then exercised through each
// official client:
//   - a user AccessKey with a policy allowing key A Encrypts with A and gets Forbidden.NoPermission with key B,
//     and with an unknown key (no 404 for what it may not touch);
//   - an explicit Deny beats an Allow; a user AccessKey disabled with `coffer access-key disable` is Forbidden.AccessKey;
//   - an account created by `coffer account create` answers Forbidden.KmsServiceNotEnabled until OpenKmsService;
//   - each state set by `coffer account set-state` answers its seed row; DescribeAccountKmsStatus reports it;
//   - another account's key ARN is Forbidden.KeyNotFound for its administrator.
// runThrottling starts a dedicated server with low COFFER_RATE_LIMIT_* settings and checks that each client
// surfaces Rejected.Throttling 429 on a burst (none retries it away).
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const { makeMode } = require('./adapters');
const { startCoffer } = require('./server');

const STATES = [
  ['InDebt', 'Forbidden.InDebt', 'InDebt'],
  ['InDebtOverdue', 'Forbidden.InDebtOverdue', 'InDebt'],
  ['ProhibitedByRiskControl', 'Forbidden.ProhibitedByRiskControl', 'Suspended'],
  ['UbsmsInvalidUserid', 'Forbidden.UbsmsInvalidUserid', 'Suspended'],
  ['UbsmsInvalidBid', 'Forbidden.UbsmsInvalidBid', 'Suspended'],
];

// Runs `dotnet <dll> ...args --data <dataDir>` and parses its JSON output.
function cli(dll, dataDir, args, { json = true } = {}) {
  return new Promise((resolve, reject) => {
    execFile('dotnet', [dll, ...args, '--data', dataDir], { timeout: 120000, env: Object.assign({}, process.env, { DOTNET_NOLOGO: '1' }) },
      (error, stdout, stderr) => {
        if (error) { reject(new Error(`coffer ${args.join(' ')} failed: ${stderr || error.message}`)); return; }
        if (!json) { resolve(stdout); return; }
        try { resolve(JSON.parse(stdout)); } catch { reject(new Error(`coffer ${args.join(' ')} printed no JSON: ${stdout}`)); }
      });
  });
}

const policy = (...statements) => JSON.stringify({ Version: '1', Statement: statements });

async function runAccess(h, ctx, names) {
  const { check, ok, expectError, skip } = h;
  const { conn, dll, dataDir } = ctx;
  const A = 'access';
  const s = {};
  const need = (v, what) => { if (!v) assert.fail(`prerequisite missing: ${what}`); return v; };
  const admin = makeMode('pop-core-post', conn);
  const modeFor = (name, pair) => makeMode(name, Object.assign({}, conn, { accessKeyId: pair.AccessKeyId, accessKeySecret: pair.AccessKeySecret }));

  await check(A, 'setup: keys, users, policies and accounts through the CLI', async () => {
    if (!dataDir) skip('KMS_ENDPOINT names a server whose data folder the harness cannot reach');
    s.keyA = ok(await admin.call('CreateKey', { Description: `compat access A ${h.runId}` })).KeyMetadata;
    s.keyB = ok(await admin.call('CreateKey', { Description: `compat access B ${h.runId}` })).KeyMetadata;
    const uid = s.keyA.Arn.split(':')[3];
    const allowed = `compat-allowed-${h.runId}`;
    await cli(dll, dataDir, ['user', 'create', allowed]);
    await cli(dll, dataDir, ['policy', 'attach', '--user', allowed, '--name', 'encrypt-a', '--document',
      policy({ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey'], Resource: [`acs:kms:*:${uid}:key/${s.keyA.KeyId}`] })]);
    s.allowed = await cli(dll, dataDir, ['access-key', 'create', '--user', allowed]);
    assert.equal(s.allowed.Principal, `acs:ram::${uid}:user/${allowed}`, 'the pair belongs to the user');
    const denied = `compat-denied-${h.runId}`;
    await cli(dll, dataDir, ['user', 'create', denied]);
    await cli(dll, dataDir, ['policy', 'attach', '--user', denied, '--name', 'all', '--document',
      policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })]);
    await cli(dll, dataDir, ['policy', 'attach', '--user', denied, '--name', 'deny-a', '--document',
      policy({ Effect: 'Deny', Action: 'kms:Encrypt', Resource: s.keyA.Arn })]);
    s.denied = await cli(dll, dataDir, ['access-key', 'create', '--user', denied]);
    s.disabled = await cli(dll, dataDir, ['access-key', 'create', '--user', allowed]);
    await cli(dll, dataDir, ['access-key', 'disable', s.disabled.AccessKeyId], { json: false });
    s.closed = await cli(dll, dataDir, ['account', 'create']);
    assert.equal(s.closed.Status, 'NotOpened', 'a created account starts closed');
    s.stated = await cli(dll, dataDir, ['account', 'create']);
    await cli(dll, dataDir, ['account', 'set-state', s.stated.AccountId, 'Opened']);
  });
  if (!dataDir) return;

  for (const name of names) {
    await check(name, `${A}: user Encrypts with the key its policy allows`, async () => {
      const b = ok(await modeFor(name, need(s.allowed, 'user pair')).call('Encrypt', { KeyId: s.keyA.KeyId, Plaintext: 'aGVsbG8=' }));
      assert.equal(b.KeyId, s.keyA.KeyId, 'KeyId');
    });
    await check(name, `${A}: user Encrypt with another key → Forbidden.NoPermission`, async () => {
      const m = modeFor(name, need(s.allowed, 'user pair'));
      expectError(m, await m.call('Encrypt', { KeyId: s.keyB.KeyId, Plaintext: 'aGVsbG8=' }), 'Forbidden.NoPermission');
    });
    await check(name, `${A}: user DescribeKey of an unknown key → Forbidden.NoPermission, not a 404`, async () => {
      const m = modeFor(name, need(s.allowed, 'user pair'));
      expectError(m, await m.call('DescribeKey', { KeyId: '00000000-0000-4000-8000-000000000000' }), 'Forbidden.NoPermission');
    });
    await check(name, `${A}: user AccessKey disabled through the CLI → Forbidden.AccessKey`, async () => {
      const m = modeFor(name, need(s.disabled, 'disabled pair'));
      expectError(m, await m.call('Encrypt', { KeyId: s.keyA.KeyId, Plaintext: 'aGVsbG8=' }), 'Forbidden.AccessKey');
    });
    await check(name, `${A}: Deny beats Allow`, async () => {
      const m = modeFor(name, need(s.denied, 'deny pair'));
      expectError(m, await m.call('Encrypt', { KeyId: s.keyA.KeyId, Plaintext: 'aGVsbG8=' }), 'Forbidden.NoPermission');
      ok(await m.call('Encrypt', { KeyId: s.keyB.KeyId, Plaintext: 'aGVsbG8=' }));
    });
    await check(name, `${A}: created account is closed → Forbidden.KmsServiceNotEnabled; DescribeRegions works`, async () => {
      const m = modeFor(name, need(s.closed, 'closed account'));
      expectError(m, await m.call('ListKeys', {}), 'Forbidden.KmsServiceNotEnabled');
      expectError(m, await m.call('CreateKey', {}), 'Forbidden.KmsServiceNotEnabled');
      ok(await m.call('DescribeRegions', {}));
    });
    await check(name, `${A}: closed account's DescribeAccountKmsStatus → NotEnabled`, async () => {
      const m = modeFor(name, need(s.closed, 'closed account'));
      assert.equal(ok(await m.call('DescribeAccountKmsStatus', {})).AccountStatus, 'NotEnabled', 'AccountStatus');
    });
  }

  // OpenKmsService through the first mode that has it (@alicloud/kms20160120 1.2.0 has not).
  const first = names.find((n) => { const m = makeMode(n, conn); return !m.supports || m.supports('OpenKmsService'); }) || names[0];
  await check(first, `${A}: OpenKmsService opens the created account`, async () => {
    const m = modeFor(first, need(s.closed, 'closed account'));
    ok(await m.call('OpenKmsService', {}));
    s.opened = true;
  });
  for (const name of names) {
    await check(name, `${A}: opened account works; another account's key ARN → Forbidden.KeyNotFound`, async () => {
      need(s.opened, 'OpenKmsService');
      const m = modeFor(name, s.closed);
      ok(await m.call('ListKeys', {}));
      expectError(m, await m.call('Encrypt', { KeyId: s.keyA.Arn, Plaintext: 'aGVsbG8=' }), 'Forbidden.KeyNotFound');
      expectError(m, await m.call('DescribeKey', { KeyId: s.keyA.KeyId }), 'Forbidden.KeyNotFound');
    });
  }

  for (const [state, code, reported] of STATES) {
    let set = false;
    await check(A, `set-state ${state} through the CLI`, async () => {
      need(s.stated, 'state account');
      const b = await cli(dll, dataDir, ['account', 'set-state', s.stated.AccountId, state]);
      assert.equal(b.Status, state, 'Status');
      // The server may reuse the account it read for up to its cache bound (COFFER_CACHE_BOUND_MS, 1 s by default):
      // wait until it answers the new state's row, failing past ten bounds.
      await untilRefusedWith(modeFor(names[0], s.stated), code);
      set = true;
    });
    for (const name of names) {
      await check(name, `${A}: account ${state} → ${code} on ListKeys and Encrypt`, async () => {
        if (!set) assert.fail('prerequisite missing: set-state');
        const m = modeFor(name, s.stated);
        expectError(m, await m.call('ListKeys', {}), code);
        expectError(m, await m.call('Encrypt', { KeyId: s.keyA.KeyId, Plaintext: 'aGVsbG8=' }), code);
      });
      await check(name, `${A}: account ${state}: OpenKmsService → ${code}, DescribeAccountKmsStatus → ${reported}`, async () => {
        if (!set) assert.fail('prerequisite missing: set-state');
        const m = modeFor(name, s.stated);
        expectError(m, await m.call('OpenKmsService', {}), code);
        assert.equal(ok(await m.call('DescribeAccountKmsStatus', {})).AccountStatus, reported, 'AccountStatus');
      });
    }
  }
}

// Polls ListKeys until it is refused with `code`; fails after ten cache bounds (10 s).
async function untilRefusedWith(m, code) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const r = await m.call('ListKeys', {});
    if (!r.ok && r.code === code) return;
    if (Date.now() > deadline) assert.fail(`ListKeys still answers ${r.ok ? 'success' : r.code}, expected ${code}, after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// A dedicated server with low rate limits: each client's burst must surface Rejected.Throttling 429.
async function runThrottling(h, dll, names, log) {
  const { check, ok, expectError } = h;
  const limit = 2;
  let server;
  const started = await check('throttling', `setup: server with COFFER_RATE_LIMIT_MANAGEMENT=${limit} and COFFER_RATE_LIMIT_SYMMETRIC=${limit}`, async () => {
    server = await startCoffer({ dll, log, env: { COFFER_RATE_LIMIT_MANAGEMENT: String(limit), COFFER_RATE_LIMIT_SYMMETRIC: String(limit) } });
  });
  if (!started) return;
  try {
    const conn = { endpoint: server.endpoint, accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret, timeoutMs: 10000 };
    for (const name of names) {
      await check(name, 'throttling: a burst over the account limit → Rejected.Throttling 429, then calls pass again', async () => {
        const m = makeMode(name, conn);
        await new Promise((r) => setTimeout(r, 1100));
        const burst = await Promise.all(Array.from({ length: 6 * limit }, () => m.call('ListKeys', {})));
        const throttled = burst.filter((r) => !r.ok && r.code === 'Rejected.Throttling');
        assert.ok(throttled.length > 0, 'no call of the burst was throttled: ' + JSON.stringify(burst.map((r) => r.ok ? 'ok' : r.code)));
        for (const r of burst) if (!(!r.ok && r.code === 'Rejected.Throttling')) ok(r);
        expectError(m, throttled[0], 'Rejected.Throttling');
        await new Promise((r) => setTimeout(r, 1100));
        ok(await m.call('ListKeys', {}));
      });
    }
  } finally {
    await server.stop();
  }
}

module.exports = { runAccess, runThrottling };
