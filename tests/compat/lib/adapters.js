'use strict';
// One calling convention over the six supported client modes (DECISIONS.md "Requests"; CLIENTS.md §7.2):
//   await mode.call('Encrypt', { KeyId, Plaintext, EncryptionContext }, opts)
//     → { ok: true, body, status?, headers? }
//     | { ok: false, status?, code, message, requestId, data }        (server error reply)
//     | { ok: false, unsupported: true, reason }                        (the mode cannot make this call)
//     | { ok: false, clientError: true, message, raw }                  (client threw something else)
// Parameters use the wire names. Objects travel as JSON text unless opts.rawObjects (kms20160120 then
// flattens a map to EncryptionContext.k=v, as it does for a real caller passing an object).
const VERSION = '2016-01-20';

const MODES = ['kms20160120', 'pop-core-get', 'pop-core-post', 'openapi-client', 'openapi-client-v2', 'openapi-core'];

function wireParams(params, rawObjects) {
  const out = {};
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null) continue;
    out[k] = (typeof v === 'object' && !rawObjects) ? JSON.stringify(v) : v;
  }
  return out;
}

function clientFailure(e) {
  return { ok: false, clientError: true, message: (e && (e.name + ': ' + e.message)) || String(e), raw: e };
}

function makeMode(name, { endpoint, accessKeyId, accessKeySecret, regionId = 'cn-hangzhou', timeoutMs = 10000 }) {
  const u = new URL(endpoint);
  const protocol = u.protocol.replace(':', '');
  const host = u.host;

  if (name === 'kms20160120') {
    const Kms = require('@alicloud/kms20160120');
    const { Config } = require('@alicloud/rpc-client');
    const $tea = require('@alicloud/tea-typescript');
    const client = new Kms.default(new Config({ accessKeyId, accessKeySecret, endpoint: host, protocol, regionId,
      readTimeout: timeoutMs, connectTimeout: timeoutMs }));
    return {
      name, exposesStatus: true, typed: true,
      supports(action) {
        const method = action[0].toLowerCase() + action.slice(1);
        return typeof Kms[action + 'Request'] === 'function' && typeof client[method] === 'function';
      },
      async call(action, params, opts = {}) {
        const Req = Kms[action + 'Request'];
        const method = action[0].toLowerCase() + action.slice(1);
        if (!this.supports(action)) return { ok: false, unsupported: true, reason: `@alicloud/kms20160120 1.2.0 has no ${action}` };
        const names = Req.names(); const types = Req.types(); const model = {};
        for (const [k, v] of Object.entries(wireParams(params, opts.rawObjects))) {
          const key = Object.keys(names).find((n) => names[n] === k);
          if (!key) return { ok: false, unsupported: true, reason: `${action}Request of @alicloud/kms20160120 1.2.0 has no field ${k}` };
          const t = types[key];
          if (t === 'number') model[key] = Number(v);
          else if (t === 'boolean') model[key] = v === true || String(v).toLowerCase() === 'true';
          else model[key] = v;
        }
        try {
          return { ok: true, body: $tea.toMap(await client[method](new Req(model))) };
        } catch (e) {
          if (e && e.data && e.data.Code !== undefined) {
            const m = /code: (\d+),/.exec(e.message || '');
            return { ok: false, status: m ? Number(m[1]) : undefined, code: e.data.Code, message: e.data.Message,
              requestId: e.data.RequestId, data: e.data, raw: e };
          }
          return clientFailure(e);
        }
      },
    };
  }

  if (name === 'pop-core-get' || name === 'pop-core-post') {
    const { RPCClient } = require('@alicloud/pop-core');
    const client = new RPCClient({ endpoint: `${protocol}://${host}`, apiVersion: VERSION, accessKeyId, accessKeySecret,
      opts: { timeout: timeoutMs } });
    const method = name === 'pop-core-get' ? 'GET' : 'POST';
    return {
      name, exposesStatus: true, anyAction: true,
      supports() { return true; },
      async call(action, params) {
        try {
          return { ok: true, body: await client.request(action, wireParams(params), { method, formatAction: false, formatParams: false, timeout: timeoutMs }) };
        } catch (e) {
          if (e && e.data && e.code !== undefined) {
            return { ok: false, status: e.entry && e.entry.response && e.entry.response.statusCode, code: e.code,
              message: e.data.Message, requestId: e.data.RequestId, data: e.data, raw: e };
          }
          return clientFailure(e);
        }
      },
    };
  }

  // Modes 4-6: the generated-client path, callApi with the Params the kms20160120 2.x / current generator emits.
  let client, Params, OpenApiRequest, toQuery, runtime;
  if (name === 'openapi-client' || name === 'openapi-client-v2') {
    const OpenApi = require('@alicloud/openapi-client');
    const OU = require('@alicloud/openapi-util').default;
    const { RuntimeOptions } = require('@alicloud/tea-util');
    const cfg = { accessKeyId, accessKeySecret, endpoint: host, protocol, regionId, readTimeout: timeoutMs, connectTimeout: timeoutMs };
    if (name === 'openapi-client-v2') cfg.signatureAlgorithm = 'v2';
    client = new OpenApi.default(new OpenApi.Config(cfg));
    Params = OpenApi.Params; OpenApiRequest = OpenApi.OpenApiRequest;
    toQuery = (q) => OU.query(q);
    runtime = () => new RuntimeOptions({ readTimeout: timeoutMs, connectTimeout: timeoutMs });
  } else if (name === 'openapi-core') {
    const Core = require('@alicloud/openapi-core');
    const $dara = require('@darabonba/typescript');
    client = new Core.default(new Core.$OpenApiUtil.Config({ accessKeyId, accessKeySecret, endpoint: host, protocol, regionId,
      readTimeout: timeoutMs, connectTimeout: timeoutMs }));
    Params = Core.$OpenApiUtil.Params; OpenApiRequest = Core.$OpenApiUtil.OpenApiRequest;
    toQuery = (q) => Core.OpenApiUtil.query(q);
    runtime = () => new $dara.RuntimeOptions({ readTimeout: timeoutMs, connectTimeout: timeoutMs });
  } else {
    throw new Error('unknown client mode ' + name);
  }
  return {
    name, exposesStatus: true, anyAction: true, exposesHeaders: true,
    supports() { return true; },
    async call(action, params) {
      const p = new Params({ action, version: VERSION, protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK',
        style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
      try {
        const r = await client.callApi(p, new OpenApiRequest({ query: toQuery(wireParams(params)) }), runtime());
        return { ok: true, body: r.body, status: r.statusCode, headers: r.headers };
      } catch (e) {
        if (e && e.code !== undefined && e.data) {
          return { ok: false, status: e.statusCode, code: e.code, message: e.data.Message,
            requestId: e.data.RequestId, data: e.data, raw: e };
        }
        return clientFailure(e);
      }
    },
  };
}

module.exports = { MODES, makeMode };
