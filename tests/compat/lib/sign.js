'use strict';
// Independent implementation of the two signature schemes the Alibaba Cloud clients use
// (CLIENTS.md §4): V2 = "SignatureVersion=1.0, HMAC-SHA1" with a Signature parameter, and
// V3 = ACS3-HMAC-SHA256 in the Authorization header. Used by the raw protocol checks.
const crypto = require('node:crypto');

// Strict encoding: keep A-Z a-z 0-9 - _ . ~, every other UTF-8 byte as %XX (upper-case hex).
function percentEncode(s) {
  return encodeURIComponent(String(s)).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

// Strict-encoded "k=v&k=v" in the given key order (no sorting).
function encodePairs(params, keys = Object.keys(params)) {
  return keys.map((k) => percentEncode(k) + '=' + percentEncode(params[k])).join('&');
}

function ordinal(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

function v2StringToSign(method, params) {
  const keys = Object.keys(params).filter((k) => k !== 'Signature').sort(ordinal);
  return method.toUpperCase() + '&' + percentEncode('/') + '&' + percentEncode(encodePairs(params, keys));
}

function v2Sign(stringToSign, secret) {
  return crypto.createHmac('sha1', secret + '&').update(stringToSign, 'utf8').digest('base64');
}

function sha256Hex(data) { return crypto.createHash('sha256').update(data).digest('hex'); }

function acs3CanonicalRequest(method, pathname, query, headers, signedHeaders, hashedPayload) {
  const canonicalQuery = Object.keys(query).sort(ordinal).map((k) => percentEncode(k) + '=' + percentEncode(query[k])).join('&');
  const canonicalHeaders = signedHeaders.map((h) => h + ':' + String(headers[h] ?? '').trim() + '\n').join('');
  return [method.toUpperCase(), pathname, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), hashedPayload].join('\n');
}

function acs3Sign(canonicalRequest, secret) {
  const stringToSign = 'ACS3-HMAC-SHA256\n' + sha256Hex(Buffer.from(canonicalRequest, 'utf8'));
  return crypto.createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

// UTC "yyyy-MM-ddTHH:mm:ssZ" (withMillis: "yyyy-MM-ddTHH:mm:ss.fffZ").
function timestamp(date = new Date(), withMillis = false) {
  const iso = date.toISOString();
  return withMillis ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}

function nonce() { return crypto.randomBytes(16).toString('hex'); }

module.exports = { percentEncode, encodePairs, v2StringToSign, v2Sign, sha256Hex, acs3CanonicalRequest, acs3Sign, timestamp, nonce };
