// The bucket list: create (versioning, Object Lock), open, delete with a typed confirmation.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import { date } from './format.js';
import { Confirm } from './dialog.js';
import { go } from './route.js';

export function Buckets({ s3, onError }) {
  const [buckets, setBuckets] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const refresh = () => s3.listBuckets().then(setBuckets, onError);
  useEffect(() => { refresh(); }, [s3]);

  async function create(ev) {
    ev.preventDefault();
    const form = ev.target;
    const name = form.elements.name.value.trim();
    try {
      await s3.createBucket(name, { versioning: form.elements.versioning.checked,
        objectLock: form.elements.objectLock.checked });
      form.reset();
      onError(null);
      await refresh();
    } catch (e) {
      onError(e);
    }
  }
  async function remove(name) {
    setDeleting(null);
    try {
      await s3.deleteBucket(name);
      await refresh();
    } catch (e) {
      onError(e);
    }
  }
  return html`
    <section>
      <h1>Buckets</h1>
      <form class="toolbar" onSubmit=${create} id="create-bucket">
        <input name="name" id="bucket-name" placeholder="new-bucket-name" aria-label="New bucket name" required />
        <label class="check"><input type="checkbox" name="versioning" id="bucket-versioning" /> Versioning</label>
        <label class="check"><input type="checkbox" name="objectLock" /> Object Lock (implies versioning)</label>
        <button type="submit" class="primary">Create bucket</button>
      </form>
      ${buckets === null ? html`<p class="loading">Loading…</p>` : buckets.length === 0
        ? html`<p class="empty">No buckets yet.</p>`
        : html`<table class="list" id="buckets">
            <thead><tr><th>Name</th><th>Created</th><th><span class="sr">Actions</span></th></tr></thead>
            <tbody>${buckets.map((b) => html`<tr key=${b.name}>
              <td><a href="#" data-bucket=${b.name} onClick=${(e) => { e.preventDefault(); go({ page: 'objects', bucket: b.name, prefix: '' }); }}>${b.name}</a></td>
              <td>${date(b.created)}</td>
              <td class="actions"><button class="danger" onClick=${() => setDeleting(b.name)} aria-label=${'Delete bucket ' + b.name}>Delete</button></td>
            </tr>`)}</tbody></table>`}
      ${deleting && html`<${Confirm} title="Delete bucket" typed=${deleting}
          onConfirm=${() => remove(deleting)} onCancel=${() => setDeleting(null)}>
          <p>The bucket <strong>${deleting}</strong> must be empty. This cannot be undone.</p></${Confirm}>`}
    </section>`;
}
