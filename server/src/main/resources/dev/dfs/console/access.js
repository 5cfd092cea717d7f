// Who may reach a bucket besides its owner: the public access block (its four switches),
// object ownership, and, where ownership lets ACLs count, the bucket ACL (a canned ACL to
// apply, and the grants the server holds). Each save is one S3 call; refusals are shown.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import * as xml from './s3xml.js';

export const BLOCKS = [['BlockPublicAcls', 'Block public ACLs'], ['IgnorePublicAcls', 'Ignore public ACLs'],
  ['BlockPublicPolicy', 'Block public bucket policies'], ['RestrictPublicBuckets', 'Restrict public buckets']];
const OWNERSHIP = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'];
const CANNED = ['private', 'public-read', 'public-read-write', 'authenticated-read'];

function PublicAccessBlock({ s3, bucket, onError }) {
  const [flags, setFlags] = useState(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    s3.config(bucket, undefined, 'publicAccessBlock', ['NoSuchPublicAccessBlockConfiguration'])
      .then((root) => setFlags(Object.fromEntries(BLOCKS.map(([n]) => [n, xml.text(root, n) === 'true']))), onError);
  }, [bucket]);
  async function save(ev) {
    ev.preventDefault();
    try { await s3.setConfig(bucket, undefined, 'publicAccessBlock', xml.publicAccessBlock(flags)); setSaved(true); } catch (e) { onError(e); }
  }
  if (!flags) return null;
  return html`<form class="card" id="public-access" onSubmit=${save}><h2>Public access block</h2>
    ${BLOCKS.map(([n, label]) => html`<div><label class="check"><input type="checkbox" id=${'pab-' + n} checked=${flags[n]}
      onChange=${(e) => { setSaved(false); setFlags({ ...flags, [n]: e.target.checked }); }} /> ${label}</label></div>`)}
    <div class="actions">${saved && html`<span class="ok" role="status" id="public-access-saved">Saved</span>`}
      <button type="submit" class="primary" id="public-access-save">Save</button></div></form>`;
}

function Ownership({ s3, bucket, onError }) {
  const [owner, setOwner] = useState(null);
  const [acl, setAcl] = useState('private');
  const [grants, setGrants] = useState([]);
  const [saved, setSaved] = useState('');
  async function load() {
    const root = await s3.config(bucket, undefined, 'ownershipControls', ['OwnershipControlsNotFoundError']);
    setOwner(root ? root.getElementsByTagNameNS('*', 'ObjectOwnership')[0]?.textContent : 'BucketOwnerEnforced');
    const list = await s3.config(bucket, undefined, 'acl');
    setGrants(Array.from(list.getElementsByTagNameNS('*', 'Grant')).map((g) => {
      const who = xml.children(g, 'Grantee')[0];
      return `${xml.text(who, 'URI') || xml.text(who, 'DisplayName') || xml.text(who, 'ID')}: ${xml.text(g, 'Permission')}`;
    }));
  }
  useEffect(() => { load().catch(onError); }, [bucket]);
  async function act(fn, message) {
    setSaved('');
    try { await fn(); await load(); setSaved(message); } catch (e) { onError(e); }
  }
  if (!owner) return null;
  return html`<section class="card" id="ownership"><h2>Object ownership and ACL</h2>
    <div class="row"><select id="ownership-value" aria-label="Object ownership" value=${owner} onChange=${(e) => setOwner(e.target.value)}>
      ${OWNERSHIP.map((o) => html`<option value=${o}>${o}</option>`)}</select>
      <button id="ownership-save" onClick=${() => act(() => s3.setConfig(bucket, undefined, 'ownershipControls', xml.ownership(owner)), 'Ownership saved')}>Save ownership</button></div>
    <p>Grants: <span id="acl-grants">${grants.join(', ')}</span></p>
    ${owner !== 'BucketOwnerEnforced' && html`<div class="row"><select id="acl-canned" aria-label="Canned ACL" value=${acl} onChange=${(e) => setAcl(e.target.value)}>
      ${CANNED.map((c) => html`<option value=${c}>${c}</option>`)}</select>
      <button id="acl-save" onClick=${() => act(() => s3.send('PUT', bucket, undefined, { query: [['acl', '']], headers: { 'x-amz-acl': acl } }), 'ACL applied')}>Apply ACL</button></div>`}
    ${owner === 'BucketOwnerEnforced' && html`<p class="hint">ACLs are off: the bucket owner owns every object.</p>`}
    ${saved && html`<p class="ok" role="status" id="ownership-saved">${saved}</p>`}</section>`;
}

export function Access(props) {
  return html`<${PublicAccessBlock} ...${props} /><${Ownership} ...${props} />`;
}
