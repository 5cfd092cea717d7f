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
 * Starts uploading `file` to bucket/key. Returns {done, cancel, pause, resume}: `done` resolves
 * when the object exists, rejects with S3Error or Cancelled; `onProgress(bytesSent)` is called
 * as bytes go. Cancelling a multipart upload aborts it on the server, so no parts are left
 * behind. Only a multipart upload pauses (`pause` is null otherwise): the parts in flight are
 * dropped and sent again on `resume`; the parts already stored stay on the server meanwhile.
 */
export function upload(client, bucket, key, file, onProgress) {
  const xhrs = new Set();
  const control = { cancelled: false, paused: false, waiters: [] };
  const wake = () => { for (const w of control.waiters.splice(0)) w(); };
  const type = file.type || 'application/octet-stream';
  const cancel = () => { control.cancelled = true; wake(); for (const x of [...xhrs]) x.abort(); };
  if (file.size < MULTIPART_FROM) {
    const done = put(client, xhrs, bucket, key, [], file, { 'content-type': type }, onProgress, () => control.cancelled);
    return { done, cancel, pause: null, resume: null };
  }
  const pause = () => { control.paused = true; for (const x of [...xhrs]) x.abort(); };
  const resume = () => { control.paused = false; wake(); };
  return { done: multipart(client, xhrs, bucket, key, file, type, onProgress, control), cancel, pause, resume };
}

async function multipart(client, xhrs, bucket, key, file, type, onProgress, control) {
  const created = await client.send('POST', bucket, key, { query: [['uploads', '']], headers: { 'content-type': type } });
  const uploadId = xml.text(xml.parse(await created.text()), 'UploadId');
  const count = Math.ceil(file.size / PART_SIZE);
  const sent = new Array(count).fill(0);
  const parts = [];
  const queue = Array.from({ length: count }, (_, i) => i);
  let failed = false;
  const stopped = () => failed || control.cancelled;
  const report = () => onProgress(sent.reduce((a, b) => a + b, 0));
  async function worker() {
    while (!stopped()) {
      if (control.paused) { await new Promise((r) => control.waiters.push(r)); continue; }
      const i = queue.shift();
      if (i === undefined) return;
      const blob = file.slice(i * PART_SIZE, Math.min(file.size, (i + 1) * PART_SIZE));
      try {
        const etag = await put(client, xhrs, bucket, key, [['partNumber', String(i + 1)], ['uploadId', uploadId]],
          blob, {}, (n) => { sent[i] = n; report(); }, () => stopped() || control.paused);
        parts[i] = { number: i + 1, etag };
      } catch (e) {
        if (!(e instanceof Cancelled) || !control.paused || stopped()) throw e;
        sent[i] = 0; // paused mid-part: the part goes again, whole, on resume
        report();
        queue.unshift(i);
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, count) }, worker));
    if (control.cancelled) throw new Cancelled('cancelled');
    await client.send('POST', bucket, key, { query: [['uploadId', uploadId]], body: xml.completeMultipart(parts) });
  } catch (e) {
    failed = true;
    for (const x of [...xhrs]) x.abort();
    await client.send('DELETE', bucket, key, { query: [['uploadId', uploadId]] }).catch(() => {});
    throw e;
  }
}
