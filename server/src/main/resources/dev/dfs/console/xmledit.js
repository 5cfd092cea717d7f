// A raw editor for one XML configuration document of a bucket (`?name`): loads what the server
// has, saves with PUT (the server validates; its error message is shown as it words it) or,
// emptied, removes it with DELETE. `revision` reloads it after another part of the page changed it.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import * as xml from './s3xml.js';

export function XmlEditor({ s3, bucket, name, absent, title, template, id, revision = 0, onSaved = () => {}, onError }) {
  const [text, setText] = useState(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    s3.send('GET', bucket, undefined, { query: [[name, '']] }).then((r) => r.text()).then((t) => setText(xml.pretty(t)))
      .catch((e) => { setText(''); if (e.code !== absent) onError(e); });
  }, [bucket, name, revision]);
  async function save(ev) {
    ev.preventDefault();
    setSaved('');
    try {
      await s3.setConfig(bucket, undefined, name, text.trim() === '' ? null : text);
      setSaved(text.trim() === '' ? 'Removed' : 'Saved');
      onSaved();
    } catch (e) { onError(e); }
  }
  if (text === null) return null;
  return html`<form class="card" id=${id} onSubmit=${save}><h2>${title}</h2>
    <label>${title} (XML; empty removes it)
      <textarea id=${id + '-text'} rows="10" spellcheck="false" value=${text} placeholder=${template}
        onInput=${(e) => { setText(e.target.value); setSaved(''); }}></textarea></label>
    <div class="actions">${saved && html`<span class="ok" role="status" id=${id + '-saved'}>${saved}</span>`}
      ${template && !text && html`<button type="button" onClick=${() => setText(template)}>Start from an example</button>`}
      <button type="submit" class="primary" id=${id + '-save'}>Save</button></div></form>`;
}
