// The upload queue: each file's progress bar, the overall bar, pause/resume (multipart) and cancel.
import { useState, useRef } from 'preact/hooks';
import { html } from './html.js';
import { upload, Cancelled } from './upload.js';
import { size, errorText } from './format.js';

/** Upload state for one page: start(bucket, key, file) and the items with their progress. */
export function useUploads(s3, onFinished) {
  const [items, setItems] = useState([]);
  const seq = useRef(0);
  const update = (id, change) => setItems((all) => all.map((it) => (it.id === id ? { ...it, ...change } : it)));
  function start(bucket, key, file) {
    const id = ++seq.current;
    const job = upload(s3, bucket, key, file, (sent) => update(id, { sent }));
    const pause = job.pause && (() => { job.pause(); update(id, { state: 'paused' }); });
    const resume = job.resume && (() => { job.resume(); update(id, { state: 'uploading' }); });
    setItems((all) => [...all, { id, key, total: file.size, sent: 0, state: 'uploading', cancel: job.cancel, pause, resume }]);
    job.done.then(
      () => { update(id, { state: 'done', sent: file.size }); onFinished(); },
      (e) => update(id, e instanceof Cancelled ? { state: 'cancelled' } : { state: 'failed', error: e }));
  }
  const clear = () => setItems((all) => all.filter((it) => it.state === 'uploading' || it.state === 'paused'));
  return { items, start, clear };
}

export function UploadPanel({ uploads }) {
  const { items } = uploads;
  if (items.length === 0) return null;
  const total = items.reduce((a, it) => a + it.total, 0);
  const sent = items.reduce((a, it) => a + Math.min(it.sent, it.total), 0);
  const active = items.some((it) => it.state === 'uploading' || it.state === 'paused');
  return html`
    <section class="uploads card" aria-label="Uploads">
      <div class="row">
        <strong>Uploads</strong>
        <progress id="upload-overall" max=${total || 1} value=${sent} aria-label="All uploads"></progress>
        <span>${size(sent)} of ${size(total)}</span>
        ${!active && html`<button onClick=${uploads.clear}>Clear</button>`}
      </div>
      <ul>${items.map((it) => html`<li key=${it.id} class=${'upload ' + it.state} data-state=${it.state}>
        <span class="name">${it.key}</span>
        <progress class="upload-progress" max=${it.total || 1} value=${it.sent} aria-label=${'Upload of ' + it.key}></progress>
        <span class="state">${it.state === 'failed' ? errorText(it.error) : it.state === 'uploading'
          ? Math.floor((100 * it.sent) / (it.total || 1)) + '%' : it.state}</span>
        ${it.state === 'uploading' && it.pause && html`<button class="pause" onClick=${it.pause} aria-label=${'Pause upload of ' + it.key}>Pause</button>`}
        ${it.state === 'paused' && html`<button class="resume" onClick=${it.resume} aria-label=${'Resume upload of ' + it.key}>Resume</button>`}
        ${(it.state === 'uploading' || it.state === 'paused') && html`<button onClick=${it.cancel} aria-label=${'Cancel upload of ' + it.key}>Cancel</button>`}
      </li>`)}</ul>
    </section>`;
}
