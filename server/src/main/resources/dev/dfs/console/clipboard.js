// The copy buttons' one way of copying a read-only field's text. The Clipboard API exists only
// in a secure context (HTTPS, or localhost): a console reached over plain HTTP on a LAN name has
// no navigator.clipboard at all, and a browser may refuse it (no focus, no permission). Then the
// field's selected text goes through the older copy command, which browsers still honour during
// a click. The field is left selected either way, so Ctrl+C works if both refuse.

/** Copies `field`'s value; resolves to whether the text reached the clipboard. */
export async function copyField(field) {
  field.focus();
  field.select();
  if (navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(field.value);
      return true;
    } catch {
      field.select(); // refused: the older way, still within the click
    }
  }
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
