// A bucket's lifecycle rules: the rules the server holds, a form that adds one of the common
// rules (expire objects under a prefix, abort incomplete multipart uploads, expire noncurrent
// versions, each after N days) or removes one, and the whole document in a raw XML editor.
// Every change is one PutBucketLifecycleConfiguration the server validates; its message is shown.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import * as xml from './s3xml.js';
import { XmlEditor } from './xmledit.js';

const ABSENT = 'NoSuchLifecycleConfiguration';

/** The common actions: [label, element name, XML of the action for N days]. */
export const ACTIONS = {
  expire: ['Expire objects', 'Expiration', (n) => `<Expiration><Days>${n}</Days></Expiration>`],
  abort: ['Abort incomplete multipart uploads', 'AbortIncompleteMultipartUpload',
    (n) => `<AbortIncompleteMultipartUpload><DaysAfterInitiation>${n}</DaysAfterInitiation></AbortIncompleteMultipartUpload>`],
  noncurrent: ['Expire noncurrent versions', 'NoncurrentVersionExpiration',
    (n) => `<NoncurrentVersionExpiration><NoncurrentDays>${n}</NoncurrentDays></NoncurrentVersionExpiration>`],
};

/** One rule as the list shows it: id, prefix, status and its actions in words. */
function describe(rule) {
  const filter = xml.children(rule, 'Filter')[0];
  const and = xml.children(filter, 'And')[0];
  const prefix = filter ? xml.text(and || filter, 'Prefix') : xml.text(rule, 'Prefix');
  const when = (el, name) => (xml.text(el, name) ? `after ${xml.text(el, name)} days`
    : xml.text(el, 'Date') ? `on ${xml.text(el, 'Date').slice(0, 10)}` : 'of expired delete markers');
  const actions = Object.values(ACTIONS).map(([label, name]) => {
    const el = xml.children(rule, name)[0];
    return el ? `${label} ${when(el, { Expiration: 'Days', AbortIncompleteMultipartUpload: 'DaysAfterInitiation',
      NoncurrentVersionExpiration: 'NoncurrentDays' }[name])}` : null;
  }).filter(Boolean);
  if (xml.children(rule, 'Transition').length) actions.push('Transition');
  return { id: xml.text(rule, 'ID'), prefix, status: xml.text(rule, 'Status'), actions: actions.join('; ') };
}

/** The document with a rule added (`rule` XML) or the rule at `remove` taken out; '' when empty. */
function edited(root, { rule, remove }) {
  const ns = root ? root.namespaceURI : null;
  const doc = root ? root.ownerDocument : xml.parse('<LifecycleConfiguration/>').ownerDocument;
  const top = doc.documentElement;
  if (rule) {
    const el = new DOMParser().parseFromString(ns ? rule.replace('<Rule>', `<Rule xmlns="${ns}">`) : rule, 'application/xml').documentElement;
    top.appendChild(doc.importNode(el, true));
  }
  if (remove !== undefined) top.removeChild(xml.children(top, 'Rule')[remove]);
  return xml.children(top, 'Rule').length ? new XMLSerializer().serializeToString(top) : '';
}

function AddRule({ onAdd }) {
  const [kind, setKind] = useState('expire');
  const [prefix, setPrefix] = useState('');
  const [days, setDays] = useState('30');
  function submit(ev) {
    ev.preventDefault();
    const id = `${kind}-${prefix || 'all'}-${days}d`.slice(0, 255);
    onAdd(`<Rule><ID>${xml.escape(id)}</ID><Filter><Prefix>${xml.escape(prefix)}</Prefix></Filter>`
      + `<Status>Enabled</Status>${ACTIONS[kind][2](Number(days))}</Rule>`);
  }
  return html`<form class="row wrap" id="lifecycle-add" onSubmit=${submit}>
    <select id="lifecycle-kind" aria-label="Action" value=${kind} onChange=${(e) => setKind(e.target.value)}>
      ${Object.entries(ACTIONS).map(([k, [label]]) => html`<option value=${k}>${label}</option>`)}</select>
    <input id="lifecycle-prefix" aria-label="Key prefix (empty: every key)" placeholder="prefix (empty: all)" value=${prefix} onInput=${(e) => setPrefix(e.target.value)} />
    <label class="check">after <input id="lifecycle-days" type="number" min="1" required value=${days} onInput=${(e) => setDays(e.target.value)} aria-label="Days" /> days</label>
    <button type="submit" class="primary">Add rule</button></form>`;
}

export function Lifecycle({ s3, bucket, onError }) {
  const [root, setRoot] = useState(undefined);
  const [revision, setRevision] = useState(0);
  const load = () => s3.config(bucket, undefined, 'lifecycle', [ABSENT]).then(setRoot, onError);
  useEffect(() => { load(); }, [bucket]);
  async function change(how) {
    try {
      const text = edited(root, how);
      await s3.setConfig(bucket, undefined, 'lifecycle', text || null);
      await load();
      setRevision((n) => n + 1);
    } catch (e) { onError(e); load(); }
  }
  if (root === undefined) return null;
  const rules = xml.children(root, 'Rule').map(describe);
  return html`<section class="card" id="lifecycle"><h2>Lifecycle rules</h2>
    ${rules.length === 0 ? html`<p class="empty">No rules.</p>` : html`<table class="list"><thead><tr><th>Rule</th><th>Prefix</th><th>Status</th><th>Actions</th><th><span class="sr">Remove</span></th></tr></thead>
      <tbody>${rules.map((r, i) => html`<tr class="lifecycle-rule" data-rule=${r.id}><td><code>${r.id}</code></td><td><code>${r.prefix}</code></td><td>${r.status}</td><td>${r.actions}</td>
        <td class="actions"><button class="danger" onClick=${() => change({ remove: i })}>Remove</button></td></tr>`)}</tbody></table>`}
    <${AddRule} onAdd=${(rule) => change({ rule })} />
    <${XmlEditor} s3=${s3} bucket=${bucket} name="lifecycle" absent=${ABSENT} title="Lifecycle configuration" id="lifecycle-xml"
      revision=${revision} onSaved=${load} onError=${onError} /></section>`;
}
