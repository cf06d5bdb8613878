'use strict';
// Hand-signed requests over plain node:http, for the protocol checks no official client can make.
const http = require('node:http');
const { encodePairs, v2StringToSign, v2Sign, sha256Hex, acs3CanonicalRequest, acs3Sign, timestamp, nonce } = require('./sign');

const VERSION = '2016-01-20';

function makeRaw({ endpoint, accessKeyId, accessKeySecret, timeoutMs = 10000 }) {
  const url = new URL(endpoint);
  if (url.protocol !== 'http:') throw new Error('raw protocol checks need an http:// endpoint, got ' + endpoint);
  const host = url.host;

  // Sends bytes as given; returns { status, headers, text, json }.
  function send({ method, path = '/', headers = {}, body = '' }) {
    return new Promise((resolve, reject) => {
      const buf = Buffer.from(body, 'utf8');
      const h = Object.assign({ host }, headers);
      if (buf.length || method === 'POST' || method === 'PUT') h['content-length'] = String(buf.length);
      const req = http.request({ host: url.hostname, port: url.port || 80, method, path, headers: h, timeout: timeoutMs }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try { json = JSON.parse(text); } catch { json = undefined; }
          resolve({ status: res.statusCode, headers: res.headers, text, json });
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout after ' + timeoutMs + ' ms')));
      req.on('error', reject);
      req.end(buf);
    });
  }

  // V2 request. shape: 'get' (all in query), 'post-query' (all in query, empty body, like rpc-client),
  // 'form' (all in a form body, like pop-core POST), 'terraform' (common parameters + Signature in
  // the query, business parameters in a form body). opts: omit (list of common names to leave out),
  // common (overrides for common parameters), secret, tamper (applied to business params after signing),
  // extraQuery (raw text appended to the query after signing), method override.
  function v2(action, params = {}, opts = {}) {
    const shape = opts.shape || 'post-query';
    const method = opts.method || (shape === 'get' ? 'GET' : 'POST');
    const common = Object.assign({
      Action: action, Version: VERSION, Format: 'JSON', AccessKeyId: accessKeyId,
      SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: nonce(), Timestamp: timestamp(),
    }, opts.common || {});
    for (const k of opts.omit || []) delete common[k];
    const biz = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) biz[k] = String(v);
    const all = Object.assign({}, common, biz);
    const sig = v2Sign(v2StringToSign(opts.signMethod || method, all), opts.secret ?? accessKeySecret);
    const signedCommon = Object.assign({}, common, { Signature: sig });
    const sentBiz = Object.assign({}, biz, opts.tamper || {});
    let query = '', body = '';
    const headers = {};
    if (shape === 'get' || shape === 'post-query') query = encodePairs(Object.assign({}, common, sentBiz, { Signature: sig }));
    else if (shape === 'form') body = encodePairs(Object.assign({}, common, sentBiz, { Signature: sig }));
    else if (shape === 'terraform') { query = encodePairs(signedCommon); body = encodePairs(sentBiz); }
    else throw new Error('unknown shape ' + shape);
    if (opts.extraQuery) query += (query ? '&' : '') + opts.extraQuery;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const req = { method, path: '/' + (query ? '?' + query : ''), headers, body };
    return { req, send: () => send(req) };
  }

  // V3 (ACS3-HMAC-SHA256) request, parameters in the query, empty body (what openapi-* send).
  // opts: omitHeaders, dateOverride, nonceOverride, secret, bodyHashOverride, method,
  // form (parameters sent as a signed application/x-www-form-urlencoded body instead).
  function v3(action, params = {}, opts = {}) {
    const method = opts.method || 'POST';
    const query = {};
    const formParams = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) (opts.form ? formParams : query)[k] = String(v);
    const body = opts.form ? encodePairs(formParams) : '';
    const hashed = sha256Hex(Buffer.from(body, 'utf8'));
    const headers = {
      host, 'x-acs-action': action, 'x-acs-version': VERSION,
      'x-acs-date': opts.dateOverride || timestamp(), 'x-acs-signature-nonce': opts.nonceOverride || nonce(),
      'x-acs-content-sha256': opts.bodyHashOverride || hashed, accept: 'application/json',
    };
    if (opts.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    for (const k of opts.omitHeaders || []) delete headers[k];
    const signed = Object.keys(headers).filter((h) => h === 'host' || h === 'content-type' || h.startsWith('x-acs-')).sort();
    const canonical = acs3CanonicalRequest(method, '/', query, headers, signed, headers['x-acs-content-sha256'] || hashed);
    const signature = acs3Sign(canonical, opts.secret ?? accessKeySecret);
    headers.authorization = `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
    const qs = encodePairs(query, Object.keys(query).sort());
    const req = { method, path: '/' + (qs ? '?' + qs : ''), headers, body };
    return { req, send: () => send(req) };
  }

  return { send, v2, v3, host };
}

module.exports = { makeRaw };
