// Sign-in: an access key pair, checked by signing a ListBuckets with it.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { client } from './api.js';
import * as session from './session.js';
import { errorText } from './format.js';

export function SignIn({ onSignedIn }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(ev) {
    ev.preventDefault();
    const form = new FormData(ev.target);
    const creds = { accessKey: form.get('accessKey').trim(), secret: form.get('secret') };
    setBusy(true);
    setError(null);
    try {
      session.touch();
      await client(creds).listBuckets(); // the server is the judge of the keys
      await session.save(creds);
      onSignedIn(creds);
    } catch (e) {
      await session.forget();
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return html`
    <main class="signin">
      <form class="card" onSubmit=${submit} id="sign-in">
        <h1>DFS console</h1>
        <label>Access key<input name="accessKey" id="access-key" autocomplete="username" required autofocus /></label>
        <label>Secret key<input name="secret" id="secret-key" type="password" autocomplete="current-password" required /></label>
        ${error && html`<p class="alert error" role="alert" id="error">${errorText(error)}</p>`}
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
        <p class="hint">Requests are signed in this browser; the secret never leaves it and is
          kept only for this tab (sealed), until you sign out or 12 hours pass idle.</p>
      </form>
    </main>`;
}
