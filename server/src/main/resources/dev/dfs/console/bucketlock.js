// A bucket's Object Lock: off (it can be turned on for a versioned bucket, never off again), or
// on with an optional default retention (mode and days) applied to every new version.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import * as xml from './s3xml.js';

export function BucketLock({ s3, bucket, onError }) {
  const [state, setState] = useState(null);
  const [mode, setMode] = useState('');
  const [days, setDays] = useState('30');
  const [saved, setSaved] = useState('');
  async function load() {
    const root = await s3.config(bucket, undefined, 'object-lock', ['ObjectLockConfigurationNotFoundError']);
    const on = !!root && xml.text(root, 'ObjectLockEnabled') === 'Enabled';
    const retention = root ? root.getElementsByTagNameNS('*', 'DefaultRetention')[0] : null;
    setState({ on, mode: retention ? xml.text(retention, 'Mode') : '',
      period: retention ? (xml.text(retention, 'Days') ? xml.text(retention, 'Days') + ' days' : xml.text(retention, 'Years') + ' years') : '' });
    if (retention) setMode(xml.text(retention, 'Mode'));
  }
  useEffect(() => { load().catch(onError); }, [bucket]);
  async function save(ev) {
    ev.preventDefault();
    setSaved('');
    try { await s3.setConfig(bucket, undefined, 'object-lock', xml.objectLock(mode, days)); await load(); setSaved('Saved'); } catch (e) { onError(e); }
  }
  if (!state) return null;
  return html`<form class="card" id="bucket-lock" onSubmit=${save}><h2>Object Lock</h2>
    <p>Status: <strong id="bucket-lock-status">${state.on ? 'Enabled' : 'Off'}</strong>
      ${state.on && html` · default retention: <strong id="bucket-lock-default">${state.mode ? `${state.mode}, ${state.period}` : 'none'}</strong>`}</p>
    ${!state.on && html`<p class="hint">Turning Object Lock on needs versioning and cannot be undone.</p>`}
    <div class="row">
      <select id="bucket-lock-mode" aria-label="Default retention mode" value=${mode} onChange=${(e) => setMode(e.target.value)}>
        <option value="">No default retention</option><option value="GOVERNANCE">Governance</option><option value="COMPLIANCE">Compliance</option></select>
      ${mode && html`<label class="check"><input id="bucket-lock-days" type="number" min="1" value=${days} onInput=${(e) => setDays(e.target.value)} aria-label="Days" /> days</label>`}</div>
    <div class="actions">${saved && html`<span class="ok" role="status" id="bucket-lock-saved">${saved}</span>`}
      <button type="submit" class="primary" id="bucket-lock-save">${state.on ? 'Save' : 'Enable Object Lock'}</button></div></form>`;
}
