// An upload link for a folder: a POST form policy signed here, in the browser, that lets
// anyone holding the link upload files under this folder's prefix, up to a size, until it
// expires. The link opens the console's small upload page (dropbox.js) with the signed fields
// in the URL's fragment, which browsers never send to a server (so no log holds them).
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { postPolicyFields } from './sigv4.js';
import { REGION } from './api.js';
import { EXPIRIES } from './share.js';
import { copyField } from './clipboard.js';

const SIZES = [[1, '1 MiB'], [100, '100 MiB'], [1024, '1 GiB'], [5120, '5 GiB']];

/** base64url of a JSON value (the link's payload). */
export function encodePayload(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function UploadLink({ s3, bucket, prefix, onError, onClose }) {
  const [expires, setExpires] = useState(86400);
  const [mib, setMib] = useState(100);
  const [link, setLink] = useState('');
  async function create(ev) {
    ev.preventDefault();
    try {
      const conditions = [{ bucket }, ['starts-with', '$key', prefix], ['starts-with', '$Content-Type', ''],
        ['content-length-range', 0, mib * 1024 * 1024]];
      const fields = await postPolicyFields({ conditions, accessKey: s3.creds.accessKey, secret: s3.creds.secret,
        region: REGION, expires });
      const until = new Date(Date.now() + expires * 1000).toISOString();
      setLink(`${location.origin}/console/#/put/${encodePayload({ bucket, prefix, until, max: mib * 1024 * 1024, fields })}`);
    } catch (e) { onError(e); }
  }
  return html`<form class="card" id="upload-link" onSubmit=${create}>
    <h2>Upload link for <code>${bucket}/${prefix}</code></h2>
    <p class="hint">Anyone with the link can upload files into this folder (without an account) until it expires.</p>
    <div class="row wrap">
      <select id="upload-link-expiry" aria-label="Link valid for" value=${expires} onChange=${(e) => setExpires(Number(e.target.value))}>
        ${EXPIRIES.map(([s, label]) => html`<option value=${s}>valid ${label}</option>`)}</select>
      <select id="upload-link-size" aria-label="Largest file" value=${mib} onChange=${(e) => setMib(Number(e.target.value))}>
        ${SIZES.map(([m, label]) => html`<option value=${m}>files up to ${label}</option>`)}</select>
      <button type="submit" class="primary" id="upload-link-create">Create link</button>
      <button type="button" onClick=${onClose}>Close</button></div>
    ${link && html`<div class="row"><input id="upload-link-url" readonly value=${link} aria-label="Upload link" onFocus=${(e) => e.target.select()} />
      <button type="button" id="upload-link-copy" onClick=${() => copyField(document.getElementById('upload-link-url'))}>Copy</button></div>`}
  </form>`;
}
