// The signed-in credentials: in memory while the page lives, and in this tab's sessionStorage
// only as AES-GCM ciphertext under a non-extractable key that stays in IndexedDB, so a reload
// keeps the session while nothing secret sits in clear in storage (or ever in a URL).
// A session ends after IDLE_MS without a request, or on sign-out, which forgets key and blob.

const DB = 'dfs-console';
const STORE = 'keys';
const SEALED = 'dfs.session';
const KEY_ID = 'dfs.session.key';
const LAST_USED = 'dfs.session.lastUsed';
export const IDLE_MS = 12 * 60 * 60 * 1000;

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function keyStore(mode, action) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

function toBase64(buf) {
  return btoa(String.fromCharCode(...new Uint8Array(buf)));
}

function fromBase64(s) {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

/** Seals the credentials {accessKey, secret, user, admin} for this tab and starts the idle clock. */
export async function save(creds) {
  await forget();
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false,
    ['encrypt', 'decrypt']);
  const id = crypto.randomUUID();
  await keyStore('readwrite', (s) => s.put(key, id));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(creds));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain);
  sessionStorage.setItem(KEY_ID, id);
  sessionStorage.setItem(SEALED, toBase64(iv) + '.' + toBase64(sealed));
  touch();
}

/** The credentials of this tab's session, or null when there is none or it has expired. */
export async function load() {
  const id = sessionStorage.getItem(KEY_ID);
  const sealed = sessionStorage.getItem(SEALED);
  if (!id || !sealed || expired()) {
    await forget();
    return null;
  }
  try {
    const key = await keyStore('readonly', (s) => s.get(id));
    const [iv, data] = sealed.split('.').map(fromBase64);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data);
    touch();
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    await forget(); // the key is gone (cleared site data) or the blob was altered
    return null;
  }
}

/** Whether the session has been idle longer than IDLE_MS. */
export function expired() {
  const last = Number(sessionStorage.getItem(LAST_USED) || 0);
  return Date.now() - last > IDLE_MS;
}

/** Records activity (each request does). */
export function touch() {
  sessionStorage.setItem(LAST_USED, String(Date.now()));
}

/** Forgets this tab's sealed credentials and destroys their key. */
export async function forget() {
  const id = sessionStorage.getItem(KEY_ID);
  sessionStorage.removeItem(SEALED);
  sessionStorage.removeItem(KEY_ID);
  sessionStorage.removeItem(LAST_USED);
  if (id) await keyStore('readwrite', (s) => s.delete(id)).catch(() => {});
}
