// The console's shell: restores the session, routes on the URL's hash, shows errors in words.
import { render } from 'preact';
import { useState, useEffect, useMemo } from 'preact/hooks';
import { html } from './html.js';
import { client } from './api.js';
import * as session from './session.js';
import { errorText } from './format.js';
import { SignIn } from './signin.js';
import { Buckets } from './buckets.js';
import { Objects } from './objects.js';
import { Details } from './details.js';
import { Settings } from './settings.js';
import { Admin } from './admin.js';
import { Dashboard } from './dashboard.js';
import { useRoute, parseRoute } from './route.js';
import { Dropbox } from './dropbox.js';

function Alert({ error, onClose }) {
  if (!error) return null;
  return html`<div class="alert error" role="alert" id="error">
    <span class="alert-text">${errorText(error)}</span>
    <button class="link" onClick=${onClose} aria-label="Dismiss">×</button></div>`;
}

function Shell({ s3, onSignOut }) {
  const route = useRoute();
  const [error, setError] = useState(null);
  const [isAdmin, setAdmin] = useState(false);
  useEffect(() => setError(null), [route.page, route.bucket, route.prefix, route.key]);
  // the management API answers only administrators; anyone else simply gets no admin pages
  useEffect(() => { s3.admin('GET', '/api/v1/info').then(() => setAdmin(true), () => setAdmin(false)); }, [s3]);
  const props = { s3, onError: setError };
  return html`
    <header class="top">
      <a class="brand" href="#/buckets">DFS</a>
      <nav class="main-nav"><a href="#/buckets">Buckets</a>${isAdmin && html` <a href="#/dashboard" id="nav-dashboard">Dashboard</a> <a href="#/admin" id="nav-admin">Users</a>`}</nav>
      <span class="who" id="who">${s3.creds.accessKey}</span>
      <button id="sign-out" onClick=${onSignOut}>Sign out</button>
    </header>
    <main>
      <${Alert} error=${error} onClose=${() => setError(null)} />
      ${route.page === 'buckets' && html`<${Buckets} ...${props} />`}
      ${route.page === 'objects' && html`<${Objects} ...${props} bucket=${route.bucket} prefix=${route.prefix} />`}
      ${route.page === 'details' && html`<${Details} ...${props} bucket=${route.bucket} objectKey=${route.key} />`}
      ${route.page === 'settings' && html`<${Settings} ...${props} bucket=${route.bucket} />`}
      ${route.page === 'dashboard' && (isAdmin ? html`<${Dashboard} ...${props} />` : html`<p>Only administrators see the dashboard.</p>`)}
      ${route.page === 'admin' && (isAdmin ? html`<${Admin} ...${props} />` : html`<p>Only administrators manage users.</p>`)}
    </main>`;
}

function App() {
  const [creds, setCreds] = useState(undefined);
  useEffect(() => { session.load().then(setCreds); }, []);
  // an idle session ends even while the page sits open
  useEffect(() => {
    const t = setInterval(() => { if (creds && session.expired()) signOut(); }, 60_000);
    return () => clearInterval(t);
  }, [creds]);
  async function signOut() {
    await session.forget();
    setCreds(null);
    location.hash = '';
  }
  const s3 = useMemo(() => (creds ? client(creds, signOut) : null), [creds]);
  if (creds === undefined) return html`<p class="loading">Loading…</p>`;
  if (!s3) return html`<${SignIn} onSignedIn=${setCreds} />`;
  return html`<${Shell} s3=${s3} onSignOut=${signOut} />`;
}

/** WebCrypto exists only in secure contexts: HTTPS, or localhost over plain HTTP. */
function Insecure() {
  return html`<main class="signin"><div class="card" role="alert" id="insecure">
    <h1>DFS console</h1>
    <p>This page was opened over plain HTTP from another host, where browsers offer no WebCrypto,
      so it cannot sign requests. Open it over HTTPS (start DFS with a certificate), or on
      localhost.</p></div></main>`;
}

/** What the page shows: an upload link's page needs no sign-in (nor WebCrypto); else the console. */
function root() {
  const route = parseRoute(location.hash);
  if (route.page === 'put') return html`<${Dropbox} payload=${route.payload} />`;
  return window.isSecureContext && crypto.subtle ? html`<${App} />` : html`<${Insecure} />`;
}

render(root(), document.getElementById('app'));
