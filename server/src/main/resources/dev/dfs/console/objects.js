// One bucket's objects under a prefix: breadcrumbs, folders (delimiter "/"), one page at a time
// with continuation tokens (never the whole bucket), prefix search, sorting within the page,
// uploads by picker or drag and drop, multi-select delete.
import { useState, useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';
import { go } from './route.js';
import { size, date, baseName } from './format.js';
import { Confirm } from './dialog.js';
import { useUploads, UploadPanel } from './uploads.js';
import { UploadLink } from './uploadlink.js';

export const PAGE_SIZE = 100;

/** Every file under a dropped entry, with its path relative to the drop ("dir/sub/a.txt"). */
async function entryFiles(entry, path = '') {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    return [[path + entry.name, file]];
  }
  const reader = entry.createReader();
  const out = [];
  for (;;) { // readEntries answers in batches until it answers none
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return out;
    for (const child of batch) out.push(...await entryFiles(child, path + entry.name + '/'));
  }
}

/** The files of a drop, folders walked: [[relative path, File]]. */
async function droppedFiles(dataTransfer) {
  const entries = Array.from(dataTransfer.items || []).map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (entries.length === 0) return Array.from(dataTransfer.files, (f) => [f.name, f]);
  const all = [];
  for (const e of entries) all.push(...await entryFiles(e));
  return all;
}

function Breadcrumbs({ bucket, prefix }) {
  const parts = prefix.split('/').filter((p) => p);
  const link = (label, p) => html`<a href=${'#/b/' + encodeURIComponent(bucket) + '/' + encodeURIComponent(p)}>${label}</a>`;
  return html`<nav class="crumbs" aria-label="Breadcrumbs" id="crumbs">
    <a href="#/buckets">Buckets</a> / ${link(bucket, '')}
    ${parts.map((p, i) => html` / ${link(p, parts.slice(0, i + 1).join('/') + '/')}`)}</nav>`;
}

function sorted(objects, sort) {
  const dir = sort.desc ? -1 : 1;
  return [...objects].sort((a, b) => (a[sort.by] < b[sort.by] ? -dir : a[sort.by] > b[sort.by] ? dir : 0));
}

export function Objects({ s3, onError, bucket, prefix }) {
  const [search, setSearch] = useState('');
  // tokens[i] opens page i of the listing of `of`; another prefix starts again at page 1
  const [nav, setNav] = useState({ of: null, tokens: [''] });
  const [folderName, setFolderName] = useState(null);
  const [page, setPage] = useState(null);
  const [selected, setSelected] = useState(new Set());
  const [sort, setSort] = useState({ by: 'key', desc: false });
  const [confirming, setConfirming] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [reload, setReload] = useState(0);
  const [linking, setLinking] = useState(false);
  const fileInput = useRef(null);
  const uploads = useUploads(s3, () => setReload((n) => n + 1));
  const listPrefix = prefix + search;
  const here = bucket + '\n' + listPrefix;
  const tokens = nav.of === here ? nav.tokens : [''];
  const setTokens = (t) => setNav({ of: here, tokens: t });
  const token = tokens[tokens.length - 1];

  useEffect(() => { setSelected(new Set()); }, [here]);
  useEffect(() => { setSearch(''); }, [bucket, prefix]); // a search belongs to its folder
  useEffect(() => {
    let live = true;
    s3.list(bucket, { prefix: listPrefix, token, maxKeys: PAGE_SIZE })
      .then((p) => { if (live) setPage(p); }, (e) => { if (live) { setPage({ folders: [], objects: [], next: '' }); onError(e); } });
    return () => { live = false; };
  }, [bucket, listPrefix, token, reload]);

  /** Uploads [[relative path, File]] under the current folder. */
  function uploadFiles(files) {
    for (const [path, f] of files) uploads.start(bucket, prefix + path, f);
  }
  async function newFolder(ev) {
    ev.preventDefault();
    const name = folderName.trim().replace(/\/+$/, '');
    if (!name) return;
    try {
      await s3.createFolder(bucket, prefix + name + '/');
      setFolderName(null);
      go({ page: 'objects', bucket, prefix: prefix + name + '/' });
    } catch (e) { onError(e); }
  }
  async function removeSelected() {
    setConfirming(false);
    try {
      await s3.deleteObjects(bucket, [...selected]);
      setSelected(new Set());
      setReload((n) => n + 1);
    } catch (e) { onError(e); }
  }
  function toggle(key) {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key); else next.add(key);
    setSelected(next);
  }
  const sortBy = (by) => setSort({ by, desc: sort.by === by ? !sort.desc : false });
  const header = (by, label) => html`<th aria-sort=${sort.by === by ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
    <button class="link" onClick=${() => sortBy(by)}>${label}${sort.by === by ? (sort.desc ? ' ▼' : ' ▲') : ''}</button></th>`;
  const drop = {
    onDragOver: (e) => { e.preventDefault(); setDragging(true); },
    onDragLeave: () => setDragging(false),
    onDrop: (e) => {
      e.preventDefault();
      setDragging(false);
      droppedFiles(e.dataTransfer).then(uploadFiles, onError);
    },
  };
  const objects = page ? sorted(page.objects.filter((o) => o.key !== prefix), sort) : [];
  return html`
    <section class=${'objects' + (dragging ? ' dragging' : '')} ...${drop}>
      <${Breadcrumbs} bucket=${bucket} prefix=${prefix} />
      <div class="toolbar">
        <input type="search" id="search" placeholder="Search by prefix" aria-label="Search by prefix in this folder"
          value=${search} onInput=${(e) => setSearch(e.target.value)} />
        <input type="file" multiple ref=${fileInput} id="file-input" class="sr"
          onChange=${(e) => { uploadFiles(Array.from(e.target.files, (f) => [f.name, f])); e.target.value = ''; }} />
        <button class="primary" onClick=${() => fileInput.current.click()}>Upload files</button>
        <button id="new-folder" onClick=${() => setFolderName('')}>New folder</button>
        <button class="danger" id="delete-selected" disabled=${selected.size === 0}
          onClick=${() => setConfirming(true)}>Delete${selected.size ? ` (${selected.size})` : ''}</button>
        <button onClick=${() => setReload((n) => n + 1)}>Refresh</button>
        <button id="upload-link-open" onClick=${() => setLinking(true)}>Upload link</button>
        <a class="button" id="bucket-settings" href=${'#/s/' + encodeURIComponent(bucket)}>Settings</a>
      </div>
      ${folderName !== null && html`<form class="toolbar" onSubmit=${newFolder} id="folder-form">
        <input id="folder-name" aria-label="Folder name" placeholder="folder name" value=${folderName}
          onInput=${(e) => setFolderName(e.target.value)} autofocus required />
        <button type="submit" class="primary">Create folder</button>
        <button type="button" onClick=${() => setFolderName(null)}>Cancel</button></form>`}
      ${linking && html`<${UploadLink} s3=${s3} bucket=${bucket} prefix=${prefix} onError=${onError} onClose=${() => setLinking(false)} />`}
      <p class="hint">Drop files or whole folders here to upload them into this folder.</p>
      <${UploadPanel} uploads=${uploads} />
      ${page === null ? html`<p class="loading">Loading…</p>` : html`
        <table class="list" id="objects">
          <thead><tr><th><span class="sr">Select</span></th>${header('key', 'Name')}${header('size', 'Size')}${header('modified', 'Last modified')}</tr></thead>
          <tbody>
            ${page.folders.map((f) => html`<tr key=${f} class="folder">
              <td></td><td colspan="3"><a href=${'#/b/' + encodeURIComponent(bucket) + '/' + encodeURIComponent(f)} data-folder=${f}>📁 ${baseName(f, prefix)}</a></td></tr>`)}
            ${objects.map((o) => html`<tr key=${o.key}>
              <td><input type="checkbox" checked=${selected.has(o.key)} onChange=${() => toggle(o.key)} aria-label=${'Select ' + o.key} /></td>
              <td><a href=${'#/o/' + encodeURIComponent(bucket) + '/' + encodeURIComponent(o.key)} data-key=${o.key}>${baseName(o.key, prefix)}</a></td>
              <td class="num">${size(o.size)}</td><td>${date(o.modified)}</td></tr>`)}
            ${page.folders.length === 0 && objects.length === 0 && html`<tr><td colspan="4" class="empty">Nothing here${search ? ' matches' : ' yet'}.</td></tr>`}
          </tbody>
        </table>
        <div class="pager">
          <button id="prev-page" disabled=${tokens.length < 2} onClick=${() => setTokens(tokens.slice(0, -1))}>Previous</button>
          <span id="page-number">Page ${tokens.length}</span>
          <button id="next-page" disabled=${!page.next} onClick=${() => setTokens([...tokens, page.next])}>Next</button>
        </div>`}
      ${confirming && html`<${Confirm} title="Delete objects" onConfirm=${removeSelected} onCancel=${() => setConfirming(false)}>
        <p>Delete ${selected.size} object${selected.size === 1 ? '' : 's'}? In a versioned bucket, this adds delete markers.</p></${Confirm}>`}
    </section>`;
}
