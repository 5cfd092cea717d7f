// A bucket's settings page: versioning and the bucket policy (JSON editor with templates; the
// server validates it and its MalformedPolicy message is shown as is) here, and the sections
// of their own modules: Object Lock, lifecycle, CORS, public access and ownership, default
// encryption and tags.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import { BucketLock } from './bucketlock.js';
import { Lifecycle } from './lifecycle.js';
import { XmlEditor } from './xmledit.js';
import { Access } from './access.js';
import { Encryption } from './encryption.js';
import { Tags } from './tags.js';

const CORS_EXAMPLE = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>https://app.example.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** Policy templates for a bucket (`b`), each a function of the bucket name. */
export const TEMPLATES = {
  'Public read of a prefix': (b) => ({ Version: '2012-10-17', Statement: [{ Sid: 'PublicReadPrefix',
    Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${b}/public/*` }] }),
  'Read-only user': (b) => ({ Version: '2012-10-17', Statement: [{ Sid: 'ReadOnlyUser', Effect: 'Allow',
    Principal: { AWS: ['arn:aws:iam:::user/USER-NAME'] }, Action: ['s3:GetObject', 's3:ListBucket'],
    Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`] }] }),
  'Deny insecure transport': (b) => ({ Version: '2012-10-17', Statement: [{ Sid: 'DenyInsecureTransport',
    Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }),
};

function Versioning({ s3, bucket, onError }) {
  const [status, setStatus] = useState(null);
  useEffect(() => { s3.versioning(bucket).then(setStatus, onError); }, [bucket]);
  async function set(next) {
    try {
      await s3.setVersioning(bucket, next);
      setStatus(await s3.versioning(bucket));
    } catch (e) { onError(e); }
  }
  return html`<section class="card" id="versioning"><h2>Versioning</h2>
    <p>Status: <strong id="versioning-status">${status || '…'}</strong></p>
    <div class="actions">
      <button onClick=${() => set('Enabled')} disabled=${status === 'Enabled'}>Enable</button>
      <button onClick=${() => set('Suspended')} disabled=${status !== 'Enabled'}>Suspend</button></div></section>`;
}

function Policy({ s3, bucket, onError }) {
  const [text, setText] = useState(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    s3.send('GET', bucket, undefined, { query: [['policy', '']] })
      .then((r) => r.text()).then((t) => setText(JSON.stringify(JSON.parse(t), null, 2)))
      .catch((e) => { setText(''); if (e.code !== 'NoSuchBucketPolicy') onError(e); });
  }, [bucket]);
  async function save(ev) {
    ev.preventDefault();
    try {
      if (text.trim() === '') await s3.send('DELETE', bucket, undefined, { query: [['policy', '']] });
      else await s3.send('PUT', bucket, undefined, { query: [['policy', '']], body: text });
      setSaved(text.trim() === '' ? 'Policy removed' : 'Policy saved');
    } catch (e) { setSaved(''); onError(e); }
  }
  if (text === null) return null;
  return html`<form class="card" id="policy" onSubmit=${save}><h2>Bucket policy</h2>
    <label>Start from a template
      <select id="policy-template" onChange=${(e) => { const t = TEMPLATES[e.target.value]; if (t) { setText(JSON.stringify(t(bucket), null, 2)); setSaved(''); } }}>
        <option value="">Choose…</option>${Object.keys(TEMPLATES).map((n) => html`<option value=${n}>${n}</option>`)}
      </select></label>
    <label>Policy (JSON; empty removes it)
      <textarea id="policy-text" rows="14" spellcheck="false" value=${text} onInput=${(e) => { setText(e.target.value); setSaved(''); }}></textarea></label>
    <div class="actions">${saved && html`<span class="ok" role="status" id="policy-saved">${saved}</span>`}
      <button type="submit" class="primary" id="policy-save">Save policy</button></div></form>`;
}

/** In-page links that scroll, not navigate: the URL's hash is the console's route. */
function jump(ev) {
  ev.preventDefault();
  document.getElementById(ev.currentTarget.getAttribute('href').slice(1))?.scrollIntoView();
}

export function Settings({ s3, bucket, onError }) {
  const props = { s3, bucket, onError };
  return html`<section>
    <nav class="crumbs" aria-label="Breadcrumbs"><a href="#/buckets">Buckets</a> / <a href=${'#/b/' + encodeURIComponent(bucket) + '/'}>${bucket}</a> / settings</nav>
    <h1>Settings of ${bucket}</h1>
    <nav class="toc" aria-label="Sections"><a href="#versioning" onClick=${jump}>Versioning</a> <a href="#bucket-lock" onClick=${jump}>Object Lock</a>
      <a href="#lifecycle" onClick=${jump}>Lifecycle</a> <a href="#cors" onClick=${jump}>CORS</a> <a href="#public-access" onClick=${jump}>Access</a>
      <a href="#encryption" onClick=${jump}>Encryption</a> <a href="#tags" onClick=${jump}>Tags</a> <a href="#policy" onClick=${jump}>Policy</a></nav>
    <div class="grid">
      <${Versioning} ...${props} />
      <${BucketLock} ...${props} />
    </div>
    <${Lifecycle} ...${props} />
    <${XmlEditor} ...${props} name="cors" absent="NoSuchCORSConfiguration" title="CORS" id="cors" template=${CORS_EXAMPLE} />
    <div class="grid"><${Access} ...${props} /></div>
    <div class="grid">
      <${Encryption} ...${props} />
      <${Tags} ...${props} />
    </div>
    <${Policy} ...${props} />
  </section>`;
}
