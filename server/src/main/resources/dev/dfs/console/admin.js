// Administration for admin users (root): users (create, enable/disable, delete) and their
// access keys and API keys, through /api/v1 signed like S3. A new secret is shown once.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import { date } from './format.js';
import { Confirm } from './dialog.js';
import { copyField } from './clipboard.js';

/** Root and other users from the configuration: nothing here can change them. */
const configured = (u) => u.source.startsWith('configuration');
const configuredKey = (k) => !k.created;

function Secret({ secret, onClose }) {
  const [copied, setCopied] = useState(false);
  const text = secret.secretKey
    ? `AWS_ACCESS_KEY_ID=${secret.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${secret.secretKey}` : secret.apiKey;
  return html`<section class="card" id="new-secret" role="status">
    <h2>New ${secret.secretKey ? 'access key' : 'API key'} for ${secret.userId}</h2>
    <p>Copy it now: the secret is shown only this once.</p>
    <textarea readonly rows="2" id="new-secret-text" value=${text}></textarea>
    <div class="actions">
      <button id="new-secret-copy" onClick=${async () => setCopied(await copyField(document.getElementById('new-secret-text')))}>${copied ? 'Copied' : 'Copy'}</button>
      <button onClick=${onClose}>Done</button></div></section>`;
}

export function Admin({ s3, onError }) {
  const [users, setUsers] = useState(null);
  const [keys, setKeys] = useState([]);
  const [secret, setSecret] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const refresh = async () => {
    try {
      setUsers((await s3.admin('GET', '/api/v1/users')).users);
      setKeys((await s3.admin('GET', '/api/v1/keys')).keys);
    } catch (e) { onError(e); }
  };
  useEffect(() => { refresh(); }, [s3]);
  const call = async (method, path, body) => {
    try {
      const r = await s3.admin(method, path, body);
      await refresh();
      return r;
    } catch (e) { onError(e); return null; }
  };
  async function create(ev) {
    ev.preventDefault();
    const name = ev.target.elements.name.value.trim();
    if (await call('POST', '/api/v1/users', { name })) ev.target.reset();
  }
  const user = (id) => '/api/v1/users/' + encodeURIComponent(id);
  async function newKey(id, kind) {
    const r = await call('POST', user(id) + (kind === 'api' ? '/api-keys' : '/keys'));
    if (r) setSecret(r);
  }
  return html`<section>
    <h1>Users and keys</h1>
    ${secret && html`<${Secret} secret=${secret} onClose=${() => setSecret(null)} />`}
    <form class="toolbar" onSubmit=${create} id="create-user">
      <input name="name" id="user-name" placeholder="new user name" aria-label="New user name" required />
      <button type="submit" class="primary">Create user</button></form>
    ${users && html`<table class="list" id="users"><thead><tr><th>User</th><th>Status</th><th>Access keys</th><th><span class="sr">Actions</span></th></tr></thead>
      <tbody>${users.map((u) => html`<tr key=${u.id} data-user=${u.id}>
        <td>${u.name}${u.admin ? ' (admin)' : ''}${configured(u) ? ' · from the configuration' : ''}</td>
        <td>${u.enabled ? 'enabled' : 'disabled'}</td>
        <td>${u.accessKeys.map((k) => html`<code>${k}</code> `)}</td>
        <td class="actions">${!configured(u) && html`
          <button class="new-key" onClick=${() => newKey(u.id, 'access')}>New access key</button>
          <button onClick=${() => newKey(u.id, 'api')}>New API key</button>
          <button onClick=${() => call('PATCH', user(u.id), { enabled: !u.enabled })}>${u.enabled ? 'Disable' : 'Enable'}</button>
          <button class="danger" onClick=${() => setDeleting(u.id)}>Delete</button>`}</td></tr>`)}</tbody></table>`}
    ${keys.length > 0 && html`<h2>Access keys</h2><table class="list" id="keys"><thead><tr><th>Key</th><th>Type</th><th>User</th><th>Status</th><th>Created</th><th><span class="sr">Actions</span></th></tr></thead>
      <tbody>${keys.map((k) => html`<tr key=${k.type + k.id}><td><code>${k.type === 'api_key' ? (k.lastFour.startsWith('…') ? '' : '…') + k.lastFour : k.id}</code></td>
        <td>${k.type === 'api_key' ? 'API key' : 'access key'}</td><td>${k.userId}</td><td>${k.status}</td><td>${configuredKey(k) ? 'configured' : date(k.created)}</td>
        <td class="actions">${!configuredKey(k) && html`<button class="danger"
          onClick=${() => call('DELETE', (k.type === 'api_key' ? '/api/v1/api-keys/' : '/api/v1/keys/') + encodeURIComponent(k.id))}>Delete</button>`}</td></tr>`)}</tbody></table>`}
    ${deleting && html`<${Confirm} title="Delete user" typed=${deleting} onConfirm=${() => { const id = deleting; setDeleting(null); call('DELETE', user(id)); }}
      onCancel=${() => setDeleting(null)}><p>Delete user <strong>${deleting}</strong> and all their keys?</p></${Confirm}>`}
  </section>`;
}
