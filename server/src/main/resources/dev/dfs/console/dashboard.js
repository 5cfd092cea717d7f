// The administrator's dashboard: server info, storage, request rate, errors and latency as
// charts, lifecycle activity, the server's recommendations and, on the cluster engine, every
// node's health. The server reports the current window (/api/v1/metrics/dashboard); the page
// samples it every few seconds, so the charts cover the time since it was opened.
import { useState, useEffect } from 'preact/hooks';
import { html } from './html.js';
import { size } from './format.js';
import { Chart } from './chart.js';

const EVERY_MS = 5000;
const KEEP = 120;

/** The server's I/O latency of a sample: p50 of GetObject/PutObject, else of any operation, in ms (0 when idle). */
function latency(d) {
  return d.health.io_latency_ms ?? 0;
}

function useSamples(s3, onError) {
  const [state, setState] = useState({ last: null, series: { rate: [], errors: [], latency: [] } });
  useEffect(() => {
    let stopped = false;
    async function sample() {
      try {
        const d = await s3.admin('GET', '/api/v1/metrics/dashboard');
        if (stopped) return;
        const t = Date.now();
        const add = (list, v) => [...list, [t, v]].slice(-KEEP);
        setState((s) => ({ last: d, series: { rate: add(s.series.rate, d.requests.rate_per_s || 0),
          errors: add(s.series.errors, (d.requests.error_rate || 0) * 100), latency: add(s.series.latency, latency(d)) } }));
      } catch (e) { onError(e); }
    }
    sample();
    const timer = setInterval(sample, EVERY_MS);
    return () => { stopped = true; clearInterval(timer); };
  }, [s3]);
  return state;
}

function Cluster({ s3 }) {
  const [cluster, setCluster] = useState(null);
  useEffect(() => { s3.admin('GET', '/api/v1/cluster').then(setCluster, () => setCluster(null)); }, [s3]);
  if (!cluster) return null; // 404 NotACluster on the local and gateway engines
  return html`<section class="card" id="cluster"><h2>Cluster</h2>
    <p>Leader <code>${cluster.leaderId || 'none'}</code>, term ${cluster.term}, ${cluster.inQuorum ? 'in quorum' : 'NO QUORUM'}, under-replicated chunks ${cluster.underReplicatedChunks}</p>
    <table class="list"><thead><tr><th>Node</th><th>Role</th><th>Health</th><th>Used</th><th>Lag</th><th>Last seen</th></tr></thead>
    <tbody>${cluster.members.map((m) => html`<tr class=${'node ' + m.health} data-node=${m.id}><td><code>${m.id}</code></td><td>${m.role}</td>
      <td>${m.health}</td><td class="num">${m.usedBytes == null ? '—' : size(m.usedBytes)}</td><td class="num">${m.replicationLag ?? '—'}</td>
      <td>${m.lastSeen ? new Date(m.lastSeen).toLocaleString() : '—'}</td></tr>`)}</tbody></table></section>`;
}

function Lifecycle({ s3 }) {
  const [p, setP] = useState(null);
  useEffect(() => { s3.admin('GET', '/api/v1/metrics/policy').then(setP, () => setP(null)); }, [s3]);
  if (!p) return null;
  const t = p.totals || {};
  return html`<section class="card" id="lifecycle-activity"><h2>Lifecycle activity</h2>
    <p>${p.active_policies} of ${p.total_policies} rules active; ${t.passes} passes; ${t.objects_expired} objects and ${t.versions_expired} versions expired;</p>
    <p>${t.uploads_aborted} uploads aborted; ${size(t.bytes_freed || 0)} freed; ${t.errors} errors.</p>
    ${p.last_run && html`<p class="hint">Last pass ${new Date(p.last_run.finished_at || p.last_run.started_at).toLocaleString()}: ${p.last_run.status}</p>`}
    ${(p.recommendations || []).length > 0 && html`<h3>Storage tier recommendations</h3><ul id="tier-recommendations">${p.recommendations.map((r) => html`
      <li class=${'rec ' + r.severity}><strong>${r.title}</strong>: ${r.description}</li>`)}</ul>`}</section>`;
}

export function Dashboard({ s3, onError }) {
  const { last, series } = useSamples(s3, onError);
  const [info, setInfo] = useState(null);
  useEffect(() => { s3.admin('GET', '/api/v1/info').then(setInfo, onError); }, [s3]);
  const st = last?.storage;
  return html`<section><h1>Dashboard</h1>
    ${last && html`<div class="grid stats" id="stats">
      <div class="card"><h2>Status</h2><p class="big" id="status">${last.health.status}</p></div>
      <div class="card"><h2>Storage used</h2><p class="big" id="storage-used">${st.object_bytes == null ? '—' : size(st.object_bytes)}</p>
        <p class="hint">disk ${st.usage_percent < 0 ? '—' : st.usage_percent + '%'} of ${st.total_capacity_gb ?? '—'} GB</p></div>
      <div class="card"><h2>Objects</h2><p class="big" id="object-count">${st.object_count ?? '—'}</p><p class="hint">${st.bucket_count ?? '—'} buckets</p></div></div>`}
    <div class="grid">
      <${Chart} id="chart-rate" title="Requests per second" series=${series.rate} />
      <${Chart} id="chart-errors" title="Error rate" series=${series.errors} unit="%" />
      <${Chart} id="chart-latency" title="Latency (p50)" series=${series.latency} unit=" ms" />
    </div>
    <p class="hint">Sampled every ${EVERY_MS / 1000} s since this page opened; the server's window is ${last ? last.requests.window_seconds : '…'} s.</p>
    ${last && html`<section class="card" id="recommendations"><h2>Recommendations</h2>
      ${last.recommendations.length === 0 ? html`<p class="empty">None: all is well.</p>` : html`<ul>${last.recommendations.map((r) => html`
        <li class=${'rec ' + r.severity}><strong>${r.title}</strong> (${r.severity}): ${r.description}</li>`)}</ul>`}</section>`}
    <${Lifecycle} s3=${s3} />
    <${Cluster} s3=${s3} />
    ${info && html`<table class="props card" id="server-info"><tbody>
      <tr><th scope="row">Version</th><td>${info.version}</td></tr><tr><th scope="row">Engine</th><td>${info.engine}</td></tr>
      <tr><th scope="row">Up since</th><td>${new Date(info.startedAt).toLocaleString()} (${Math.round(info.uptimeSeconds / 60)} min)</td></tr>
      <tr><th scope="row">Java</th><td>${info.java}</td></tr></tbody></table>`}
  </section>`;
}
