// Navigation on the URL's hash, so Back and bookmarks work; the hash holds only bucket and key.
import { useState, useEffect } from 'preact/hooks';

/**
 * #/buckets, #/b/<bucket>/<prefix>, #/o/<bucket>/<key>, #/s/<bucket>, #/admin, #/dashboard (parts
 * URI-encoded), and #/put/<payload>: an upload link's page (see uploadlink.js).
 */
export function parseRoute(hash) {
  const [kind, bucket, rest] = hash.replace(/^#\/?/, '').split('/');
  const decode = (s) => decodeURIComponent(s || '');
  if (kind === 'b' && bucket) return { page: 'objects', bucket: decode(bucket), prefix: decode(rest) };
  if (kind === 'o' && bucket) return { page: 'details', bucket: decode(bucket), key: decode(rest) };
  if (kind === 's' && bucket) return { page: 'settings', bucket: decode(bucket) };
  if (kind === 'admin') return { page: 'admin' };
  if (kind === 'dashboard') return { page: 'dashboard' };
  if (kind === 'put' && bucket) return { page: 'put', payload: bucket };
  return { page: 'buckets' };
}

export function go(route) {
  const e = encodeURIComponent;
  location.hash = route.page === 'objects' ? `#/b/${e(route.bucket)}/${e(route.prefix || '')}`
    : route.page === 'details' ? `#/o/${e(route.bucket)}/${e(route.key)}` : '#/buckets';
}

export function useRoute() {
  const [route, setRoute] = useState(parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

