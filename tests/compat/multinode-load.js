'use strict';
// The official client's share of the multi-node crash test (tests/Coffer.Cli.Tests/Durability/
// PostgresMultiNodeCrashTests): @alicloud/kms20160120 sends writes one after another to one Coffer node, on objects
// it creates itself, until its stdin closes (then it finishes the call in flight and exits) or a call fails. Before
// each call it prints {"event":"send",...} and after a 200 {"event":"ack",...}, one JSON line each, so the test's
// ledger sees this client like its own signed ones; a refusal prints {"event":"refused","status":..,"code":..}.
//
//   COFFER_ACCESS_KEY_ID=... COFFER_ACCESS_KEY_SECRET=... node multinode-load.js ENDPOINT PREFIX SEED
const { makeMode } = require('./lib/adapters');

const [endpoint, prefix, seedText] = process.argv.slice(2);
const mode = makeMode('kms20160120', {
  endpoint, accessKeyId: process.env.COFFER_ACCESS_KEY_ID, accessKeySecret: process.env.COFFER_ACCESS_KEY_SECRET, timeoutMs: 30000,
});

// A small seeded generator (xorshift32), so a run's choices follow the test's seed.
let state = (Number(seedText) >>> 0) || 1;
function next(n) { state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0; return state % n; }
const hex = (n) => Array.from({ length: n }, () => next(16).toString(16)).join('');

let stopping = false;
process.stdin.on('end', () => { stopping = true; });
process.stdin.on('close', () => { stopping = true; });
process.stdin.resume();

const keys = []; const aliases = new Map(); const secrets = []; const versions = new Map();
let counter = 0;
const emit = (event, op) => process.stdout.write(JSON.stringify({ event, ...op }) + '\n');

function choose() {
  const n = String(counter++);
  const roll = keys.length === 0 ? 0 : next(100);
  if (roll < 15) {
    const description = `${prefix}-k${n}`;
    return { op: { kind: 'CreateKey', target: '', data: description }, action: 'CreateKey', params: { Description: description } };
  }
  const key = keys[next(keys.length)];
  if (roll < 25) {
    const alias = `alias/${prefix}-a${n}`;
    return { op: { kind: 'CreateAlias', target: alias, value: key }, action: 'CreateAlias', params: { AliasName: alias, KeyId: key } };
  }
  if (roll < 35 && aliases.size > 0 && keys.length > 1) {
    const names = [...aliases.keys()]; const alias = names[next(names.length)];
    const others = keys.filter((k) => k !== aliases.get(alias)); const other = others[next(others.length)];
    return { op: { kind: 'UpdateAlias', target: alias, value: other }, action: 'UpdateAlias', params: { AliasName: alias, KeyId: other } };
  }
  if (roll < 45 && versions.get(key) < 10) {
    return { op: { kind: 'CreateKeyVersion', target: key }, action: 'CreateKeyVersion', params: { KeyId: key } };
  }
  if (roll < 60 || secrets.length === 0) {
    const name = `${prefix}-s${n}`; const data = 's-' + hex(12);
    return { op: { kind: 'CreateSecret', target: name, version: 'v' + n, data }, action: 'CreateSecret',
      params: { SecretName: name, VersionId: 'v' + n, SecretData: data } };
  }
  if (roll < 75) {
    const name = secrets[next(secrets.length)]; const data = 's-' + hex(12);
    return { op: { kind: 'PutSecretValue', target: name, version: 'v' + n, data }, action: 'PutSecretValue',
      params: { SecretName: name, VersionId: 'v' + n, SecretData: data } };
  }
  const plaintext = 'p-' + hex(10);
  return { op: { kind: 'Encrypt', target: key, data: plaintext }, action: 'Encrypt', params: { KeyId: key, Plaintext: plaintext } };
}

(async () => {
  while (!stopping) {
    const { op, action, params } = choose();
    emit('send', op);
    const reply = await mode.call(action, params);
    if (!reply.ok) {
      if (reply.code !== undefined) emit('refused', { status: reply.status || 0, code: reply.code });
      break;
    }
    const body = reply.body;
    if (action === 'CreateKey') {
      op.target = body.KeyMetadata.KeyId; op.version = body.KeyMetadata.PrimaryKeyVersion;
      keys.push(op.target); versions.set(op.target, 1);
    } else if (action === 'CreateAlias' || action === 'UpdateAlias') {
      aliases.set(op.target, op.value);
    } else if (action === 'CreateKeyVersion') {
      op.version = body.KeyVersion.KeyVersionId; versions.set(op.target, versions.get(op.target) + 1);
    } else if (action === 'CreateSecret') {
      secrets.push(op.target);
    } else if (action === 'Encrypt') {
      op.target = body.KeyId; op.version = body.KeyVersionId; op.value = body.CiphertextBlob;
    }
    emit('ack', op);
  }
  process.exit(0);
})();
