'use strict';
// Starts a real Coffer server (dotnet <coffer.dll> serve) on a free loopback port with a fresh data folder.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const done = (ok) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(1000, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

function randomSecret(n) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i] % alphabet.length];
  return s;
}

// extraEnv: settings for this start only (e.g. COFFER_RATE_LIMIT_*).
async function startCoffer({ dll, waitMs = 60000, log = () => {}, env: extraEnv = {} }) {
  if (!fs.existsSync(dll)) throw new Error(`Coffer not found at ${dll} (build it with: dotnet build src/Coffer.Cli -c Release, or set COFFER_DLL)`);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-compat-'));
  const accessKeyId = 'LTAIcompat' + crypto.randomBytes(8).toString('hex');
  const accessKeySecret = randomSecret(30);
  const env = Object.assign({}, process.env, {
    COFFER_BOOTSTRAP_ACCESS_KEY_ID: accessKeyId,
    COFFER_BOOTSTRAP_ACCESS_KEY_SECRET: accessKeySecret,
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    DOTNET_NOLOGO: '1',
  }, extraEnv);
  const args = [dll, 'serve', '--urls', `http://127.0.0.1:${port}`, '--data', dataDir];
  log(`starting: dotnet ${args.join(' ')}`);
  const child = spawn('dotnet', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (c) => { output += c.toString('utf8'); if (output.length > 200000) output = output.slice(-100000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  child.on('error', (e) => { output += `\nspawn failed: ${e.message}`; exited = exited || { code: null, signal: null }; });

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill('SIGTERM');
      const t0 = Date.now();
      while (!exited && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 100));
      if (!exited) child.kill('SIGKILL');
    }
    try { fs.rmSync(dataDir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
  function stopSync() {
    if (!exited && !stopped) { try { child.kill('SIGKILL'); } catch { /* gone */ } }
    stopped = true;
    try { fs.rmSync(dataDir, { recursive: true, force: true }); } catch { /* best effort */ }
  }

  const t0 = Date.now();
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`Coffer exited before listening (code ${exited.code}, signal ${exited.signal}); output:\n${output.slice(-4000)}`);
    }
    if (await canConnect(port)) break;
    if (Date.now() - t0 > waitMs) {
      await stop();
      throw new Error(`Coffer did not accept connections on 127.0.0.1:${port} within ${waitMs / 1000} s; output:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`Coffer listening on 127.0.0.1:${port} after ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${child.pid}, data ${dataDir})`);
  return { endpoint: `http://127.0.0.1:${port}`, accessKeyId, accessKeySecret, dataDir, stop, stopSync, output: () => output, pid: child.pid };
}

module.exports = { startCoffer };
