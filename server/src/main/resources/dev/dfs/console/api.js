// The console's S3 and /api/v1 client: every request is SigV4-signed here, in the browser, with
// the signed-in user's keys. Failures become S3Error with the server's own code and message.
import { signHeaders, presignQuery, sha256Hex, sha256Base64, uriEncode, EMPTY_SHA256 } from './sigv4.js';
import * as xml from './s3xml.js';
import * as session from './session.js';

/** A failed request: the server's error code and message, and its HTTP status. */
export class S3Error extends Error {
  constructor(status, code, message, requestId) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || `HTTP ${status}`;
    this.requestId = requestId || '';
  }
}

export const REGION = document.querySelector('meta[name="dfs-region"]')?.content || 'us-east-1';

/** The path of a bucket or object, with '.' and '..' segments escaped so no URL parser folds them. */
export function objectPath(bucket, key) {
  if (!bucket) return '/';
  if (key === undefined || key === null) return '/' + uriEncode(bucket);
  const segments = key.split('/').map((s) => (s === '.' || s === '..'
    ? s.replace(/\./g, '%2E') : uriEncode(s)));
  return '/' + uriEncode(bucket) + '/' + segments.join('/');
}

function decodedPath(bucket, key) {
  if (!bucket) return '/';
  return key === undefined || key === null ? '/' + bucket : '/' + bucket + '/' + key;
}

/** Turns a failed response into an S3Error, reading the body's XML or JSON error. */
export async function failure(response) {
  const body = response.status === 204 ? '' : await response.text().catch(() => '');
  const e = xml.error(body);
  if (e) return new S3Error(response.status, e.code, e.message, e.requestId);
  try {
    const j = JSON.parse(body);
    return new S3Error(response.status, j.code, j.message, j.requestId);
  } catch {
    return new S3Error(response.status, response.headers.get('x-amz-error-code'),
      response.headers.get('x-amz-error-message') || `${response.status} ${response.statusText}`);
  }
}

/** An S3 client for one signed-in user. Thread-free; safe to share within the page. */
export function client(creds, onExpired = () => {}) {
  /** Ends an idle session before signing anything more with its keys; else records activity. */
  function alive() {
    if (session.expired()) {
      onExpired();
      throw new S3Error(401, 'SessionExpired', 'The session expired; please sign in again.');
    }
    session.touch();
  }

  async function signed(method, bucket, key, { query = [], headers = {}, payloadHash = EMPTY_SHA256 } = {}) {
    alive();
    const amz = Object.fromEntries(Object.entries(headers).filter(([n]) => n.toLowerCase().startsWith('x-amz-')));
    const auth = await signHeaders({ method, path: decodedPath(bucket, key), query,
      headers: { host: location.host, ...amz }, payloadHash, accessKey: creds.accessKey,
      secret: creds.secret, region: REGION });
    const qs = query.map(([k, v]) => uriEncode(k) + (v === '' || v === undefined ? '' : '=' + uriEncode(v))).join('&');
    return { url: objectPath(bucket, key) + (qs ? '?' + qs : ''), headers: { ...headers, ...auth } };
  }

  /** Sends a signed request; resolves to the Response, rejects with S3Error when not 2xx. */
  async function send(method, bucket, key, opts = {}) {
    let payloadHash = EMPTY_SHA256;
    const headers = { ...(opts.headers || {}) };
    if (opts.body !== undefined) {
      payloadHash = await sha256Hex(opts.body);
      headers['x-amz-checksum-sha256'] = await sha256Base64(opts.body);
    }
    const req = await signed(method, bucket, key, { query: opts.query, headers, payloadHash });
    const response = await fetch(req.url, { method, headers: req.headers, body: opts.body,
      cache: 'no-store', credentials: 'omit' });
    if (!response.ok) throw await failure(response);
    return response;
  }

  async function doc(method, bucket, key, opts) {
    const r = await send(method, bucket, key, opts);
    return xml.parse(await r.text());
  }

  /** A presigned URL (absolute) for GET (default) of an object, valid `expires` seconds. */
  async function presign(bucket, key, expires, query = [], method = 'GET') {
    const qs = await presignQuery({ method, path: decodedPath(bucket, key), query, host: location.host,
      accessKey: creds.accessKey, secret: creds.secret, region: REGION, expires });
    return location.origin + objectPath(bucket, key) + '?' + qs;
  }

  return {
    creds, signed, send, presign,

    async listBuckets() {
      const root = await doc('GET');
      const list = xml.children(root, 'Buckets')[0];
      return xml.children(list, 'Bucket').map((b) => ({ name: xml.text(b, 'Name'), created: xml.text(b, 'CreationDate') }));
    },

    async createBucket(name, { versioning, objectLock }) {
      const headers = objectLock ? { 'x-amz-bucket-object-lock-enabled': 'true' } : {};
      await send('PUT', name, undefined, { headers });
      if (versioning && !objectLock) await this.setVersioning(name, 'Enabled');
    },

    deleteBucket: (name) => send('DELETE', name),

    async versioning(bucket) {
      return xml.text(await doc('GET', bucket, undefined, { query: [['versioning', '']] }), 'Status') || 'Off';
    },

    setVersioning: (bucket, status) => send('PUT', bucket, undefined, { query: [['versioning', '']], body: xml.versioning(status) }),

    /** One page of a listing: {folders, objects, next} (next: continuation token or ''). */
    async list(bucket, { prefix = '', token = '', maxKeys = 100 } = {}) {
      const query = [['list-type', '2'], ['delimiter', '/'], ['prefix', prefix], ['max-keys', String(maxKeys)]];
      if (token) query.push(['continuation-token', token]);
      const root = await doc('GET', bucket, undefined, { query });
      return {
        folders: xml.children(root, 'CommonPrefixes').map((p) => xml.text(p, 'Prefix')),
        objects: xml.children(root, 'Contents').map((c) => ({ key: xml.text(c, 'Key'),
          size: Number(xml.text(c, 'Size')), modified: xml.text(c, 'LastModified'), etag: xml.text(c, 'ETag') })),
        next: xml.text(root, 'IsTruncated') === 'true' ? xml.text(root, 'NextContinuationToken') : '',
      };
    },

    /** HEAD of an object: {size, etag, type, modified, versionId, metadata {name: value}}. */
    async head(bucket, key, versionId) {
      const r = await send('HEAD', bucket, key, { query: versionId ? [['versionId', versionId]] : [] });
      const metadata = {};
      r.headers.forEach((v, n) => { if (n.startsWith('x-amz-meta-')) metadata[n.slice(11)] = v; });
      return { size: Number(r.headers.get('content-length')), etag: r.headers.get('etag'),
        type: r.headers.get('content-type'), modified: r.headers.get('last-modified'),
        versionId: r.headers.get('x-amz-version-id'), encryption: r.headers.get('x-amz-server-side-encryption'),
        kmsKey: r.headers.get('x-amz-server-side-encryption-aws-kms-key-id'),
        metadata };
    },

    /** The tags of an object, or of a bucket when `key` is undefined (none: []). */
    async tags(bucket, key) {
      const root = await this.config(bucket, key, 'tagging', ['NoSuchTagSet']);
      return xml.children(xml.children(root, 'TagSet')[0], 'Tag').map((t) => ({ key: xml.text(t, 'Key'), value: xml.text(t, 'Value') }));
    },

    /** Replaces the tags; a bucket's empty set is deleted (S3 keeps no empty bucket tag set). */
    setTags(bucket, key, tags) {
      const empty = tags.length === 0 && (key === undefined || key === null);
      return this.setConfig(bucket, key, 'tagging', empty ? null : xml.tagging(tags));
    },

    /** The versions (and delete markers) of exactly `key`, newest first. */
    async versions(bucket, key) {
      const root = await doc('GET', bucket, undefined, { query: [['versions', ''], ['prefix', key], ['max-keys', '100']] });
      const pick = (name, marker) => xml.children(root, name).map((v) => ({ key: xml.text(v, 'Key'),
        versionId: xml.text(v, 'VersionId'), latest: xml.text(v, 'IsLatest') === 'true',
        modified: xml.text(v, 'LastModified'), size: Number(xml.text(v, 'Size') || 0), marker }));
      return [...pick('Version', false), ...pick('DeleteMarker', true)]
        .filter((v) => v.key === key).sort((a, b) => (a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : 0));
    },

    deleteObject: (bucket, key, versionId) => send('DELETE', bucket, key, { query: versionId ? [['versionId', versionId]] : [] }),

    /** Deletes many keys (1000 a request); rejects with the first key's error when some fail. */
    async deleteObjects(bucket, keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const root = await doc('POST', bucket, undefined, { query: [['delete', '']], body: xml.deleteObjects(keys.slice(i, i + 1000)) });
        const failed = xml.children(root, 'Error')[0];
        if (failed) throw new S3Error(200, xml.text(failed, 'Code'), `${xml.text(failed, 'Key')}: ${xml.text(failed, 'Message')}`);
      }
    },

    /** Makes an old version the current one by copying it onto its own key. */
    restore: (bucket, key, versionId) => send('PUT', bucket, key, { headers: {
      'x-amz-copy-source': `/${uriEncode(bucket)}/${uriEncode(key, true)}?versionId=${uriEncode(versionId)}` } }),

    createFolder: (bucket, prefix) => send('PUT', bucket, prefix, { body: '' }),

    /**
     * GET of a configuration subresource (`?name`) of a bucket (key undefined) or object: its
     * XML root, or null when the server answers one of the `absent` codes (nothing configured).
     */
    async config(bucket, key, name, absent = [], query = []) {
      try {
        return await doc('GET', bucket, key, { query: [[name, ''], ...query] });
      } catch (e) {
        if (absent.includes(e.code)) return null;
        throw e;
      }
    },

    /** PUT of a configuration subresource with an XML (or JSON) body; DELETE when body is null. */
    setConfig(bucket, key, name, body, { query = [], headers = {} } = {}) {
      const q = [[name, ''], ...query];
      return body === null ? send('DELETE', bucket, key, { query: q })
        : send('PUT', bucket, key, { query: q, body, headers });
    },

    /** A call to the management API: resolves to its JSON, rejects with S3Error. */
    async admin(method, path, body) {
      alive();
      const text = body === undefined ? undefined : JSON.stringify(body);
      const payloadHash = text === undefined ? EMPTY_SHA256 : await sha256Hex(text);
      const auth = await signHeaders({ method, path, headers: { host: location.host }, payloadHash,
        accessKey: creds.accessKey, secret: creds.secret, region: REGION });
      const r = await fetch(path, { method, body: text, cache: 'no-store', credentials: 'omit',
        headers: { ...auth, ...(text === undefined ? {} : { 'content-type': 'application/json' }) } });
      if (!r.ok) throw await failure(r);
      return r.status === 204 ? null : r.json();
    },
  };
}
