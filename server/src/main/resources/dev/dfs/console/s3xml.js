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

export function legalHold(status) {
  return `<LegalHold><Status>${status}</Status></LegalHold>`;
}

/** A Retention document; without arguments the empty one, which removes the retention. */
export function retention(mode, until) {
  if (!mode) return '<Retention/>';
  return `<Retention><Mode>${escape(mode)}</Mode><RetainUntilDate>${escape(until)}</RetainUntilDate></Retention>`;
}

/** `text` indented one element a line (for editing; text content is left as it is). */
export function pretty(text) {
  let depth = 0;
  return text.replace(/>\s*</g, '>\n<').split('\n').map((line) => {
    const closing = /^<\//.test(line);
    const opening = /^<[^/?!][^>]*[^/]>$/.test(line) || /^<[^/?!>]>$/.test(line);
    if (closing) depth = Math.max(0, depth - 1);
    const out = '  '.repeat(depth) + line;
    if (opening) depth++;
    return out;
  }).join('\n');
}

/** A PublicAccessBlockConfiguration from {BlockPublicAcls: bool, …}. */
export function publicAccessBlock(flags) {
  const items = Object.entries(flags).map(([n, on]) => `<${n}>${on ? 'true' : 'false'}</${n}>`);
  return `<PublicAccessBlockConfiguration>${items.join('')}</PublicAccessBlockConfiguration>`;
}

export function ownership(value) {
  return `<OwnershipControls><Rule><ObjectOwnership>${escape(value)}</ObjectOwnership></Rule></OwnershipControls>`;
}

/** An ObjectLockConfiguration: enabled, with a default retention when `mode` is given. */
export function objectLock(mode, days) {
  const rule = mode ? `<Rule><DefaultRetention><Mode>${escape(mode)}</Mode><Days>${Number(days)}</Days></DefaultRetention></Rule>` : '';
  return `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>${rule}</ObjectLockConfiguration>`;
}

/** A default-encryption document for one algorithm (AES256 is SSE-S3). */
export function encryption(algorithm) {
  return '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>'
    + `<SSEAlgorithm>${escape(algorithm)}</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`;
}
