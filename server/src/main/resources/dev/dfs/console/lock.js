// One object version's Object Lock state, shown only on buckets with Object Lock: legal hold
// (on/off) and retention (mode and retain-until date), each read from and set on the server.
// Shortening or removing GOVERNANCE retention needs the bypass header, which only a user with
// s3:BypassGovernanceRetention may send; the server's refusal is shown as is.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import * as xml from './s3xml.js';

const NONE = ['NoSuchObjectLockConfiguration'];

async function load(s3, bucket, key, versionId) {
  const lock = await s3.config(bucket, undefined, 'object-lock', ['ObjectLockConfigurationNotFoundError']);
  if (!lock || xml.text(lock, 'ObjectLockEnabled') !== 'Enabled') return null;
  const q = versionId ? [['versionId', versionId]] : [];
  const [r, h] = await Promise.all([s3.config(bucket, key, 'retention', NONE, q), s3.config(bucket, key, 'legal-hold', NONE, q)]);
  return { mode: r ? xml.text(r, 'Mode') : '', until: r ? xml.text(r, 'RetainUntilDate') : '', hold: h ? xml.text(h, 'Status') : 'OFF' };
}

/** A datetime-local input's value (local time, minutes) for an ISO instant, or ''. */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

export function Lock({ s3, bucket, objectKey, versionId, onError }) {
  const [state, setState] = useState(undefined);
  const [mode, setMode] = useState('');
  const [until, setUntil] = useState('');
  const [bypass, setBypass] = useState(false);
  const [saved, setSaved] = useState('');
  const refresh = () => load(s3, bucket, objectKey, versionId).then((s) => {
    setState(s);
    if (s) { setMode(s.mode || 'GOVERNANCE'); setUntil(localInput(s.until)); }
  }, onError);
  useEffect(() => { refresh(); }, [bucket, objectKey, versionId]);
  if (!state) return null;
  const q = versionId ? [['versionId', versionId]] : [];
  async function act(fn, message) {
    setSaved('');
    try { await fn(); await refresh(); setSaved(message); } catch (e) { onError(e); }
  }
  const hold = (on) => act(() => s3.setConfig(bucket, objectKey, 'legal-hold', xml.legalHold(on ? 'ON' : 'OFF'), { query: q }),
    on ? 'Legal hold on' : 'Legal hold off');
  const headers = bypass ? { 'x-amz-bypass-governance-retention': 'true' } : {};
  const retain = (ev) => {
    ev.preventDefault();
    const body = until ? xml.retention(mode, new Date(until).toISOString()) : xml.retention();
    act(() => s3.setConfig(bucket, objectKey, 'retention', body, { query: q, headers }), until ? 'Retention saved' : 'Retention removed');
  };
  return html`<form class="card" id="lock" onSubmit=${retain}><h2>Object Lock</h2>
    <p>Legal hold: <strong id="legal-hold">${state.hold}</strong>
      <button type="button" id="legal-hold-toggle" onClick=${() => hold(state.hold !== 'ON')}>${state.hold === 'ON' ? 'Release' : 'Place'} legal hold</button></p>
    <p>Retention: <strong id="retention">${state.mode ? `${state.mode} until ${new Date(state.until).toLocaleString()}` : 'none'}</strong></p>
    <div class="row">
      <select id="retention-mode" aria-label="Retention mode" value=${mode} onChange=${(e) => setMode(e.target.value)}>
        <option value="GOVERNANCE">Governance</option><option value="COMPLIANCE">Compliance</option></select>
      <input id="retention-until" type="datetime-local" aria-label="Retain until" value=${until} onInput=${(e) => setUntil(e.target.value)} /></div>
    <label class="check"><input type="checkbox" id="retention-bypass" checked=${bypass} onChange=${(e) => setBypass(e.target.checked)} /> Bypass governance retention</label>
    <div class="actions">${saved && html`<span class="ok" role="status" id="lock-saved">${saved}</span>`}
      <button type="submit" class="primary" id="retention-save">Save retention</button></div></form>`;
}
