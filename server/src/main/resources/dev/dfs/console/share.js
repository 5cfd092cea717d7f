// Sharing: a presigned GET link, signed in the browser, with an expiry from a list and a copy
// button. Anyone holding the link can download the object until it expires.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { copyField } from './clipboard.js';

export const EXPIRIES = [
  [900, '15 minutes'], [3600, '1 hour'], [43200, '12 hours'], [86400, '1 day'], [604800, '7 days']];

export function Share({ s3, bucket, objectKey, versionId, onError }) {
  const [expires, setExpires] = useState(3600);
  const [link, setLink] = useState('');
  const [copied, setCopied] = useState(false);
  async function create(ev) {
    ev.preventDefault();
    try {
      setLink(await s3.presign(bucket, objectKey, expires, versionId ? [['versionId', versionId]] : []));
      setCopied(false);
    } catch (e) { onError(e); }
  }
  async function copy() {
    setCopied(await copyField(document.getElementById('share-link')));
  }
  return html`
    <form class="card share" onSubmit=${create} id="share">
      <h2>Share</h2>
      <label>Link valid for
        <select id="share-expiry" value=${expires} onChange=${(e) => setExpires(Number(e.target.value))}>
          ${EXPIRIES.map(([s, label]) => html`<option value=${s}>${label}</option>`)}
        </select></label>
      <button type="submit" class="primary" id="share-create">Create link</button>
      ${link && html`<div class="row">
        <input id="share-link" readonly value=${link} aria-label="Shared link" onFocus=${(e) => e.target.select()} />
        <button type="button" id="share-copy" onClick=${copy}>${copied ? 'Copied' : 'Copy'}</button></div>`}
    </form>`;
}
