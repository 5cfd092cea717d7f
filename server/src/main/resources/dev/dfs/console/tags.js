// A tag set of an object, or of a bucket (objectKey undefined), edited in place: at most 10
// tags as S3 allows (the server checks the rest and its message is shown).
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';

export function Tags({ s3, bucket, objectKey, onError }) {
  const [tags, setTags] = useState(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => { s3.tags(bucket, objectKey).then(setTags, (e) => { setTags([]); onError(e); }); }, [bucket, objectKey]);
  if (tags === null) return null;
  const edit = (i, change) => { setSaved(false); setTags(tags.map((t, j) => (j === i ? { ...t, ...change } : t))); };
  async function save(ev) {
    ev.preventDefault();
    try {
      await s3.setTags(bucket, objectKey, tags.filter((t) => t.key));
      setSaved(true);
    } catch (e) { onError(e); }
  }
  return html`<form class="card" onSubmit=${save} id="tags">
    <h2>Tags</h2>
    ${tags.map((t, i) => html`<div class="row tag">
      <input aria-label="Tag key" class="tag-key" value=${t.key} onInput=${(e) => edit(i, { key: e.target.value })} />
      <input aria-label="Tag value" class="tag-value" value=${t.value} onInput=${(e) => edit(i, { value: e.target.value })} />
      <button type="button" onClick=${() => { setSaved(false); setTags(tags.filter((_, j) => j !== i)); }} aria-label="Remove tag">Remove</button></div>`)}
    <div class="actions">
      <button type="button" id="tag-add" disabled=${tags.length >= 10} onClick=${() => setTags([...tags, { key: '', value: '' }])}>Add tag</button>
      <button type="submit" class="primary" id="tag-save">Save tags</button>
      ${saved && html`<span class="ok" id="tags-saved" role="status">Saved</span>`}
    </div></form>`;
}
