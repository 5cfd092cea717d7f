// A preview of an object in the page: images, audio and video from a presigned URL (the
// browser streams them; nothing is held in the page's memory), PDF in a frame with the
// response's type forced to application/pdf (so no uploaded HTML ever runs on this origin),
// and text or JSON (pretty-printed) from a signed ranged GET of the first 256 KiB.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import { size } from './format.js';

const TEXT_BYTES = 256 * 1024;
const URL_SECONDS = 900;
const EXTENSIONS = { png: 'image', jpg: 'image', jpeg: 'image', gif: 'image', webp: 'image', svg: 'image',
  avif: 'image', txt: 'text', md: 'text', csv: 'text', log: 'text', xml: 'text', yaml: 'text', yml: 'text',
  json: 'json', pdf: 'pdf', mp3: 'audio', ogg: 'audio', wav: 'audio', flac: 'audio', m4a: 'audio',
  mp4: 'video', webm: 'video', mov: 'video' };

/** What preview suits an object: 'image', 'text', 'json', 'pdf', 'audio', 'video' or ''. */
export function previewKind(type, key) {
  const t = (type || '').split(';')[0].trim().toLowerCase();
  if (t === 'application/json' || t.endsWith('+json')) return 'json';
  if (t === 'application/pdf') return 'pdf';
  const major = t.split('/')[0];
  if (['image', 'audio', 'video'].includes(major)) return major;
  if (major === 'text' || t === 'application/xml') return 'text';
  const ext = key.includes('.') ? key.slice(key.lastIndexOf('.') + 1).toLowerCase() : '';
  return EXTENSIONS[ext] || '';
}

function TextPreview({ s3, bucket, objectKey, versionId, kind, total, onError }) {
  const [text, setText] = useState(null);
  useEffect(() => {
    const query = versionId ? [['versionId', versionId]] : [];
    s3.send('GET', bucket, objectKey, { query, headers: { range: `bytes=0-${TEXT_BYTES - 1}` } })
      .then((r) => r.text()).then((t) => {
        if (kind === 'json' && total <= TEXT_BYTES) {
          try { t = JSON.stringify(JSON.parse(t), null, 2); } catch { /* shown as it is */ }
        }
        setText(t);
      }, (e) => { setText(''); onError(e); });
  }, [bucket, objectKey, versionId]);
  if (text === null) return html`<p class="loading">Loading…</p>`;
  return html`<pre class="preview-text" id="preview-text">${text}</pre>
    ${total > TEXT_BYTES && html`<p class="hint">The first ${size(TEXT_BYTES)} of ${size(total)}.</p>`}`;
}

export function Preview({ s3, bucket, objectKey, versionId, info, onError }) {
  const kind = info ? previewKind(info.type, objectKey) : '';
  const [url, setUrl] = useState('');
  useEffect(() => {
    setUrl('');
    if (!kind || kind === 'text' || kind === 'json') return;
    const query = versionId ? [['versionId', versionId]] : [];
    if (kind === 'pdf') query.push(['response-content-type', 'application/pdf'], ['response-content-disposition', 'inline']);
    s3.presign(bucket, objectKey, URL_SECONDS, query).then(setUrl, onError);
  }, [bucket, objectKey, versionId, kind]);
  if (!kind || info.size === 0) return null;
  const name = objectKey.slice(objectKey.lastIndexOf('/') + 1);
  const body = kind === 'text' || kind === 'json'
    ? html`<${TextPreview} s3=${s3} bucket=${bucket} objectKey=${objectKey} versionId=${versionId} kind=${kind} total=${info.size} onError=${onError} />`
    : !url ? null
    : kind === 'image' ? html`<img id="preview-image" src=${url} alt=${name} />`
    : kind === 'audio' ? html`<audio id="preview-audio" controls preload="metadata" src=${url}></audio>`
    : kind === 'video' ? html`<video id="preview-video" controls preload="metadata" src=${url}></video>`
    : html`<iframe id="preview-pdf" src=${url} title=${'PDF ' + name}></iframe>`;
  return html`<section class="card preview" id="preview" data-kind=${kind}><h2>Preview</h2>${body}</section>`;
}
