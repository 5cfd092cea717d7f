// One object: its properties, metadata, download, tags (editable), versions (download,
// restore, delete), preview, Object Lock and sharing.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import { go } from './route.js';
import { size, date } from './format.js';
import { Confirm } from './dialog.js';
import { Share } from './share.js';
import { Lock } from './lock.js';
import { Preview } from './preview.js';
import { Tags } from './tags.js';

const DOWNLOAD_SECONDS = 3600;

function Versions({ s3, bucket, objectKey, onError, onChanged, version }) {
  const [versions, setVersions] = useState(null);
  const [deleting, setDeleting] = useState(null);
  useEffect(() => { s3.versions(bucket, objectKey).then(setVersions, onError); }, [bucket, objectKey, version]);
  if (!versions || versions.length === 0 || (versions.length === 1 && versions[0].versionId === 'null')) return null;
  async function act(fn) {
    try { await fn(); onChanged(); } catch (e) { onError(e); }
  }
  async function download(v) {
    location.href = await s3.presign(bucket, objectKey, DOWNLOAD_SECONDS, [['versionId', v.versionId]]);
  }
  return html`<section class="card" id="versions"><h2>Versions</h2>
    <table class="list"><thead><tr><th>Version</th><th>Modified</th><th>Size</th><th><span class="sr">Actions</span></th></tr></thead>
    <tbody>${versions.map((v) => html`<tr key=${v.versionId} class="version">
      <td><code>${v.versionId}</code>${v.latest ? ' (current)' : ''}${v.marker ? ' delete marker' : ''}</td>
      <td>${date(v.modified)}</td><td class="num">${v.marker ? '' : size(v.size)}</td>
      <td class="actions">
        ${!v.marker && html`<button onClick=${() => download(v).catch(onError)}>Download</button>`}
        ${!v.marker && !v.latest && html`<button class="restore" onClick=${() => act(() => s3.restore(bucket, objectKey, v.versionId))}>Restore</button>`}
        <button class="danger" onClick=${() => setDeleting(v.versionId)}>Delete</button></td></tr>`)}
    </tbody></table>
    ${deleting && html`<${Confirm} title="Delete version" onConfirm=${() => { const id = deleting; setDeleting(null); act(() => s3.deleteObject(bucket, objectKey, id)); }}
      onCancel=${() => setDeleting(null)}><p>Delete version <code>${deleting}</code> for good?</p></${Confirm}>`}
  </section>`;
}

function encryption(info) {
  if (!info.encryption) return 'none';
  return info.encryption + (info.kmsKey ? ` (key ${info.kmsKey})` : '');
}

export function Details({ s3, bucket, objectKey, onError }) {
  const [info, setInfo] = useState(null);
  const [download, setDownload] = useState('');
  const [version, setVersion] = useState(0);
  const [deleting, setDeleting] = useState(false);
  useEffect(() => { setInfo(null); }, [bucket, objectKey]); // no preview of one key with another's type
  useEffect(() => {
    s3.head(bucket, objectKey).then(setInfo, onError);
    s3.presign(bucket, objectKey, DOWNLOAD_SECONDS).then(setDownload, onError);
  }, [bucket, objectKey, version]);
  const folder = objectKey.includes('/') ? objectKey.slice(0, objectKey.lastIndexOf('/') + 1) : '';
  async function remove() {
    setDeleting(false);
    try {
      await s3.deleteObject(bucket, objectKey);
      go({ page: 'objects', bucket, prefix: folder });
    } catch (e) { onError(e); }
  }
  const rows = info ? [['Size', size(info.size) + ` (${info.size} bytes)`], ['ETag', info.etag], ['Content type', info.type],
    ['Last modified', date(info.modified)], ['Version', info.versionId || '—'], ['Encryption', encryption(info)],
    ...Object.entries(info.metadata).map(([k, v]) => ['x-amz-meta-' + k, v])] : [];
  return html`<section>
    <nav class="crumbs" aria-label="Breadcrumbs"><a href="#/buckets">Buckets</a> / <a href=${'#/b/' + encodeURIComponent(bucket) + '/'}>${bucket}</a>
      ${folder && html` / <a href=${'#/b/' + encodeURIComponent(bucket) + '/' + encodeURIComponent(folder)} id="back-to-folder">${folder}</a>`}</nav>
    <h1 class="key">${objectKey.slice(folder.length)}</h1>
    <div class="toolbar">
      <a class="button primary" id="download" href=${download || null} download=${objectKey.slice(folder.length)} aria-disabled=${!download}>Download</a>
      <button class="danger" onClick=${() => setDeleting(true)}>Delete</button>
    </div>
    ${info && html`<table class="props card" id="properties"><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>`}
    <${Preview} s3=${s3} bucket=${bucket} objectKey=${objectKey} info=${info} onError=${onError} />
    <div class="grid">
      <${Lock} s3=${s3} bucket=${bucket} objectKey=${objectKey} onError=${onError} />
      <${Tags} s3=${s3} bucket=${bucket} objectKey=${objectKey} onError=${onError} />
      <${Share} s3=${s3} bucket=${bucket} objectKey=${objectKey} onError=${onError} />
    </div>
    <${Versions} s3=${s3} bucket=${bucket} objectKey=${objectKey} onError=${onError} version=${version} onChanged=${() => setVersion((n) => n + 1)} />
    ${deleting && html`<${Confirm} title="Delete object" onConfirm=${remove} onCancel=${() => setDeleting(false)}>
      <p>Delete <strong>${objectKey}</strong>? In a versioned bucket this adds a delete marker.</p></${Confirm}>`}
  </section>`;
}
