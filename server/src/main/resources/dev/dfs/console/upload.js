// Uploads from the browser: one signed PUT up to MULTIPART_FROM bytes, above that a multipart
// upload with PARALLEL parts in flight. XMLHttpRequest, because fetch reports no upload progress.
// The payload is sent as UNSIGNED-PAYLOAD (hashing gigabytes in the page would stall it); the
// headers, key and query are still signed.
import { UNSIGNED_PAYLOAD } from './sigv4.js';
import { failure, S3Error } from './api.js';
import * as xml from './s3xml.js';

export const MULTIPART_FROM = 16 * 1024 * 1024;
export const PART_SIZE = 8 * 1024 * 1024;
export const PARALLEL = 4;

/** Cancelled by the user (not a server error). */
export class Cancelled extends Error {}

function put(client, xhrs, bucket, key, query, blob, headers, onProgress, stopped) {
  return client.signed('PUT', bucket, key, { query, headers, payloadHash: UNSIGNED_PAYLOAD }).then((req) =>
    new Promise((resolve, reject) => {
      if (stopped()) { reject(new Cancelled('cancelled')); return; }
      const xhr = new XMLHttpRequest();
      xhrs.add(xhr);
      xhr.open('PUT', req.url);
      for (const [n, v] of Object.entries(req.headers)) xhr.setRequestHeader(n, v);
      xhr.upload.onprogress = (e) => onProgress(e.loaded);
      xhr.onabort = () => { xhrs.delete(xhr); reject(new Cancelled('cancelled')); };
      xhr.onerror = () => { xhrs.delete(xhr); reject(new S3Error(0, 'NetworkError', 'The connection to the server failed.')); };
      xhr.onload = async () => {
        xhrs.delete(xhr);
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(blob.size);
          resolve(xhr.getResponseHeader('ETag'));
        } else {
          reject(await failure(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText })));
        }
      };
      xhr.send(blob);
    }));
}

/**
 * Starts uploading `file` to bucket/key. Returns {done, cancel}: `done` resolves when the
 * object exists, rejects with S3Error or Cancelled; `onProgress(bytesSent)` is called as bytes go.
 * Cancelling a multipart upload aborts it on the server, so no parts are left behind.
 */
export function upload(client, bucket, key, file, onProgress) {
  const xhrs = new Set();
  let cancelled = false;
  const type = file.type || 'application/octet-stream';
  const cancel = () => { cancelled = true; for (const x of [...xhrs]) x.abort(); };
  const done = file.size < MULTIPART_FROM
    ? put(client, xhrs, bucket, key, [], file, { 'content-type': type }, onProgress, () => cancelled)
    : multipart(client, xhrs, bucket, key, file, type, onProgress, () => cancelled);
  return { done, cancel };
}

async function multipart(client, xhrs, bucket, key, file, type, onProgress, isCancelled) {
  const created = await client.send('POST', bucket, key, { query: [['uploads', '']], headers: { 'content-type': type } });
  const uploadId = xml.text(xml.parse(await created.text()), 'UploadId');
  const count = Math.ceil(file.size / PART_SIZE);
  const sent = new Array(count).fill(0);
  const parts = [];
  let next = 0;
  let failed = false;
  const stopped = () => failed || isCancelled();
  const report = () => onProgress(sent.reduce((a, b) => a + b, 0));
  async function worker() {
    while (next < count && !stopped()) {
      const i = next++;
      const blob = file.slice(i * PART_SIZE, Math.min(file.size, (i + 1) * PART_SIZE));
      const etag = await put(client, xhrs, bucket, key, [['partNumber', String(i + 1)], ['uploadId', uploadId]],
        blob, {}, (n) => { sent[i] = n; report(); }, stopped);
      parts[i] = { number: i + 1, etag };
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, count) }, worker));
    if (isCancelled()) throw new Cancelled('cancelled');
    await client.send('POST', bucket, key, { query: [['uploadId', uploadId]], body: xml.completeMultipart(parts) });
  } catch (e) {
    failed = true;
    for (const x of [...xhrs]) x.abort();
    await client.send('DELETE', bucket, key, { query: [['uploadId', uploadId]] }).catch(() => {});
    throw e;
  }
}
