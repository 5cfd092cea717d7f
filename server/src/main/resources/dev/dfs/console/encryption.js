// A bucket's default encryption as the server reports it (algorithm, KMS key, bucket key), with
// SSE-S3 (AES256) to turn on and the setting to remove. Other algorithms the server accepts are
// set in the raw document below; whatever it answers is shown as is.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import * as xml from './s3xml.js';
import { XmlEditor } from './xmledit.js';

export function Encryption({ s3, bucket, onError }) {
  const [state, setState] = useState(null);
  const [saved, setSaved] = useState('');
  const [revision, setRevision] = useState(0);
  async function load() {
    const root = await s3.config(bucket, undefined, 'encryption', ['ServerSideEncryptionConfigurationNotFoundError']);
    const one = (n) => (root ? root.getElementsByTagNameNS('*', n)[0]?.textContent || '' : '');
    setState({ algorithm: one('SSEAlgorithm'), key: one('KMSMasterKeyID'), bucketKey: one('BucketKeyEnabled') });
  }
  useEffect(() => { load().catch(onError); }, [bucket]);
  async function act(body, message) {
    setSaved('');
    try { await s3.setConfig(bucket, undefined, 'encryption', body); await load(); setRevision((n) => n + 1); setSaved(message); } catch (e) { onError(e); }
  }
  if (!state) return null;
  return html`<section class="card" id="encryption"><h2>Default encryption</h2>
    <p>Algorithm: <strong id="encryption-algorithm">${state.algorithm || 'none'}</strong>
      ${state.key && html` · key <code id="encryption-key">${state.key}</code>`}
      ${state.bucketKey && html` · bucket key ${state.bucketKey === 'true' ? 'on' : 'off'}`}</p>
    <div class="actions">${saved && html`<span class="ok" role="status" id="encryption-saved">${saved}</span>`}
      <button id="encryption-sse-s3" disabled=${state.algorithm === 'AES256'} onClick=${() => act(xml.encryption('AES256'), 'SSE-S3 on')}>Use SSE-S3</button>
      <button id="encryption-remove" disabled=${!state.algorithm} onClick=${() => act(null, 'Removed')}>Remove</button></div>
    <${XmlEditor} s3=${s3} bucket=${bucket} name="encryption" absent="ServerSideEncryptionConfigurationNotFoundError"
      title="Encryption configuration" id="encryption-xml" revision=${revision} onSaved=${() => load().catch(onError)} onError=${onError} /></section>`;
}
