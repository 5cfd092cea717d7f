// AWS Signature Version 4 in the browser, on WebCrypto (HMAC-SHA256, SHA-256).
// Signs header-authenticated requests and presigns URLs. Pure functions; no state.

const encoder = new TextEncoder();
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

function bytes(data) {
  if (typeof data === 'string') return encoder.encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a string or bytes, as lower-case hex. */
export async function sha256Hex(data) {
  return hex(await crypto.subtle.digest('SHA-256', bytes(data)));
}

/** SHA-256 of a string or bytes, as base64 (for x-amz-checksum-sha256). */
export async function sha256Base64(data) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes(data)));
  return btoa(String.fromCharCode(...d));
}

async function hmac(key, message) {
  const k = await crypto.subtle.importKey('raw', bytes(key), { name: 'HMAC', hash: 'SHA-256' },
    false, ['sign']);
  return crypto.subtle.sign('HMAC', k, bytes(message));
}

/** SigV4 UriEncode: every byte but A-Z a-z 0-9 - _ . ~ (and '/' when keepSlash) as %XX. */
export function uriEncode(s, keepSlash = false) {
  let out = '';
  for (const b of encoder.encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** 20150830T123600Z for a Date. */
export function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The signing key of a secret for one day, region and service. */
export async function signingKey(secret, day, region, service) {
  const kDate = await hmac('AWS4' + secret, day);
  const kRegion = await hmac(kDate, region);
  const kService = await hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

/** Query pairs [[name, value]] in canonical form: encoded, sorted by name then value. */
export function canonicalQuery(pairs) {
  return pairs.map(([k, v]) => [uriEncode(k), uriEncode(v ?? '')])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => k + '=' + v).join('&');
}

/**
 * The signature of one request.
 * @param r.method, r.path (decoded path, e.g. "/bucket/a key"), r.query ([[name, value]]),
 *   r.headers ({name: value}; all are signed), r.payloadHash, r.secret, r.region, r.service,
 *   r.date (a Date)
 * @returns {canonical, stringToSign, signature, signedHeaders, scope}
 */
export async function signature(r) {
  const stamp = amzDate(r.date);
  const day = stamp.slice(0, 8);
  const scope = `${day}/${r.region}/${r.service}/aws4_request`;
  const names = Object.keys(r.headers).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(r.headers)
    .map(([n, v]) => [n.toLowerCase(), String(v).trim().replace(/\s+/g, ' ')]));
  const signedHeaders = names.join(';');
  const canonical = [r.method, uriEncode(r.path, true), canonicalQuery(r.query),
    names.map((n) => n + ':' + lower[n] + '\n').join(''), signedHeaders, r.payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, await sha256Hex(canonical)].join('\n');
  const key = await signingKey(r.secret, day, r.region, r.service);
  return { canonical, stringToSign, signature: hex(await hmac(key, stringToSign)), signedHeaders,
    scope };
}

/**
 * Headers to add to a request so S3 accepts it: x-amz-date, x-amz-content-sha256 and
 * Authorization. `headers` must hold host and every x-amz-* header the request sends.
 */
export async function signHeaders({ method, path, query = [], headers, payloadHash, accessKey,
  secret, region, date = new Date() }) {
  const all = { ...headers, 'x-amz-date': amzDate(date), 'x-amz-content-sha256': payloadHash };
  const s = await signature({ method, path, query, headers: all, payloadHash, secret, region,
    service: 's3', date });
  return {
    'x-amz-date': all['x-amz-date'],
    'x-amz-content-sha256': payloadHash,
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKey}/${s.scope}, `
      + `SignedHeaders=${s.signedHeaders}, Signature=${s.signature}`,
  };
}

/**
 * A presigned URL's query string (without '?'): the request's own query plus the X-Amz-*
 * parameters, valid for `expires` seconds (1 to 604800).
 */
export async function presignQuery({ method, path, query = [], host, accessKey, secret, region,
  expires, date = new Date() }) {
  const stamp = amzDate(date);
  const scope = `${stamp.slice(0, 8)}/${region}/s3/aws4_request`;
  const pairs = [...query,
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${accessKey}/${scope}`],
    ['X-Amz-Date', stamp],
    ['X-Amz-Expires', String(expires)],
    ['X-Amz-SignedHeaders', 'host']];
  const s = await signature({ method, path, query: pairs, headers: { host },
    payloadHash: UNSIGNED_PAYLOAD, secret, region, service: 's3', date });
  return canonicalQuery([...pairs, ['X-Amz-Signature', s.signature]]);
}

/**
 * The signing fields of a browser form upload (S3 POST Object, SigV4): the base64 policy
 * document (its expiry, `conditions`, and the conditions on the signing fields themselves) and
 * the signature over it. Anyone holding them may POST what the conditions allow until expiry.
 */
export async function postPolicyFields({ conditions, accessKey, secret, region, expires,
  date = new Date() }) {
  const stamp = amzDate(date);
  const credential = `${accessKey}/${stamp.slice(0, 8)}/${region}/s3/aws4_request`;
  const fields = { 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': credential, 'x-amz-date': stamp };
  const policy = { expiration: new Date(date.getTime() + expires * 1000).toISOString(),
    conditions: [...conditions, ...Object.entries(fields).map(([n, v]) => ({ [n]: v }))] };
  const encoded = btoa(String.fromCharCode(...encoder.encode(JSON.stringify(policy))));
  const key = await signingKey(secret, stamp.slice(0, 8), region, 's3');
  return { ...fields, policy: encoded, 'x-amz-signature': hex(await hmac(key, encoded)) };
}
