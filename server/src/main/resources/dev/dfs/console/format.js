// Small display helpers.

export function size(n) {
  if (!Number.isFinite(n)) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

export function date(s) {
  if (!s) return '';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toLocaleString();
}

/** The last segment of a key or prefix ("a/b/" -> "b/"). */
export function baseName(key, prefix) {
  return key.startsWith(prefix) ? key.slice(prefix.length) : key;
}

/** Words for an error: "Code: message". */
export function errorText(e) {
  if (!e) return '';
  if (e.code && e.message && e.code !== e.message) return `${e.code}: ${e.message}`;
  return e.message || String(e);
}
