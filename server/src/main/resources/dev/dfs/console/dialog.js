// A modal confirmation on the native <dialog> (focus trapped, Escape cancels). With `typed`,
// the confirm button stays disabled until that exact text is typed.
import { useState, useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';

export function Confirm({ title, children, typed, action = 'Delete', onConfirm, onCancel }) {
  const ref = useRef(null);
  const [text, setText] = useState('');
  useEffect(() => { ref.current.showModal(); }, []);
  const ok = !typed || text === typed;
  return html`
    <dialog ref=${ref} class="card" id="confirm" onCancel=${(e) => { e.preventDefault(); onCancel(); }}>
      <form method="dialog" onSubmit=${(e) => { e.preventDefault(); if (ok) onConfirm(); }}>
        <h2>${title}</h2>
        <div>${children}</div>
        ${typed && html`<label>Type <code>${typed}</code> to confirm
          <input id="confirm-text" value=${text} onInput=${(e) => setText(e.target.value)} autofocus /></label>`}
        <div class="actions">
          <button type="button" onClick=${onCancel}>Cancel</button>
          <button type="submit" class="danger" id="confirm-ok" disabled=${!ok}>${action}</button>
        </div>
      </form>
    </dialog>`;
}
