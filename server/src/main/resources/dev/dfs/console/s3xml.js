// Reading and writing the S3 XML documents the console needs (DOMParser, no library).

export function parse(text) {
  return new DOMParser().parseFromString(text, 'application/xml').documentElement;
}

/** Direct children of `el` named `name`. */
export function children(el, name) {
  return el ? Array.from(el.children).filter((c) => c.localName === name) : [];
}

/** Text of the first direct child named `name`, or ''. */
export function text(el, name) {
  const c = children(el, name)[0];
  return c ? c.textContent : '';
}

export function escape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** {code, message, requestId} of an S3 error document, or null when `body` is not one. */
export function error(body) {
  if (!body || !body.trimStart().startsWith('<')) return null;
  const root = parse(body);
  if (!root || root.localName !== 'Error') return null;
  return { code: text(root, 'Code'), message: text(root, 'Message'), requestId: text(root, 'RequestId') };
}

export function tagging(tags) {
  const items = tags.map((t) => `<Tag><Key>${escape(t.key)}</Key><Value>${escape(t.value)}</Value></Tag>`);
  return `<Tagging><TagSet>${items.join('')}</TagSet></Tagging>`;
}

export function completeMultipart(parts) {
  const items = parts.map((p) => `<Part><PartNumber>${p.number}</PartNumber><ETag>${escape(p.etag)}</ETag></Part>`);
  return `<CompleteMultipartUpload>${items.join('')}</CompleteMultipartUpload>`;
}

export function deleteObjects(keys) {
  const items = keys.map((k) => `<Object><Key>${escape(k)}</Key></Object>`);
  return `<Delete><Quiet>true</Quiet>${items.join('')}</Delete>`;
}

export function versioning(status) {
  return `<VersioningConfiguration><Status>${status}</Status></VersioningConfiguration>`;
}
