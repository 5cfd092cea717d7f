// The upload page an upload link opens, for someone without an account: no sign-in, no
// session; each chosen file is POSTed (S3 POST Object) with the link's signed form fields,
// under the link's prefix, with a progress bar. The server checks the policy; its refusal
// (expired, too large…) is shown in its words.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { objectPath } from './api.js';
import { size, errorText } from './format.js';
import * as xml from './s3xml.js';

export function decodePayload(text) {
  try {
    const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(b, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

/** POSTs one file; resolves when stored, rejects with {code, message}; reports progress. */
function post(link, file, onProgress) {
  const form = new FormData();
  form.append('key', link.prefix + file.name);
  for (const [n, v] of Object.entries(link.fields)) form.append(n, v);
  form.append('Content-Type', file.type || 'application/octet-stream');
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', objectPath(link.bucket));
    x.upload.onprogress = (e) => onProgress(e.loaded);
    x.onload = () => (x.status < 300 ? resolve()
      : reject(xml.error(x.responseText) || { code: `HTTP ${x.status}`, message: x.statusText }));
    x.onerror = () => reject({ code: 'NetworkError', message: 'The upload did not reach the server.' });
    x.send(form);
  });
}

export function Dropbox({ payload }) {
  const link = decodePayload(payload);
  const [files, setFiles] = useState([]);
  if (!link || !link.fields) return html`<main class="signin"><div class="card" role="alert"><h1>Upload</h1><p>This upload link is not valid.</p></div></main>`;
  const update = (i, change) => setFiles((all) => all.map((f, j) => (j === i ? { ...f, ...change } : f)));
  function choose(list) {
    const start = files.length;
    const added = Array.from(list, (file) => ({ file, sent: 0, state: 'uploading', error: '' }));
    setFiles((all) => [...all, ...added]);
    added.forEach((f, k) => post(link, f.file, (sent) => update(start + k, { sent }))
      .then(() => update(start + k, { state: 'done', sent: f.file.size }), (e) => update(start + k, { state: 'failed', error: errorText(e) })));
  }
  const expired = new Date(link.until) < new Date();
  return html`<main class="dropbox"><section class="card">
    <h1>Upload files</h1>
    <p>Into <code id="put-target">${link.bucket}/${link.prefix}</code>, files up to ${size(link.max)}, until ${new Date(link.until).toLocaleString()}.</p>
    ${expired && html`<p class="alert error" role="alert">This link has expired.</p>`}
    <label>Files <input type="file" id="put-file" multiple disabled=${expired} onChange=${(e) => { choose(e.target.files); e.target.value = ''; }} /></label>
    <ul class="uploads">${files.map((f) => html`<li class=${'upload ' + f.state} data-state=${f.state} data-name=${f.file.name}>
      <span class="name">${f.file.name}</span><progress max=${f.file.size || 1} value=${f.sent}></progress>
      <span class="state">${f.state === 'failed' ? f.error : f.state}</span></li>`)}</ul>
  </section></main>`;
}
