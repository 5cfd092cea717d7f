// A small line chart in SVG (no library): one series of [time ms, value] points, its axis
// labelled with the latest value and the largest. Drawn with presentation attributes only,
// so the strict style policy holds.
import { html } from './html.js';

const W = 320;
const H = 90;

/** The polyline points of `series` scaled into the chart's box. */
export function points(series) {
  if (series.length === 0) return '';
  const t0 = series[0][0];
  const span = Math.max(1, series[series.length - 1][0] - t0);
  const max = Math.max(...series.map(([, v]) => v), 1e-9) * 1.25; // headroom: the top is not the edge
  return series.map(([t, v]) => `${((t - t0) / span * W).toFixed(1)},${(H - v / max * (H - 4)).toFixed(1)}`).join(' ');
}

export function Chart({ id, title, series, unit = '' }) {
  const last = series.length ? series[series.length - 1][1] : null;
  const max = series.length ? Math.max(...series.map(([, v]) => v)) : null;
  const fmt = (v) => (v === null ? '—' : `${Number(v.toFixed(2))}${unit}`);
  return html`<figure class="card chart" id=${id}>
    <figcaption><strong>${title}</strong> <span class="chart-last">${fmt(last)}</span> <span class="hint">max ${fmt(max)}</span></figcaption>
    <svg viewBox=${`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label=${`${title}: ${fmt(last)}`}>
      <line x1="0" y1=${H - 0.5} x2=${W} y2=${H - 0.5} stroke="currentColor" stroke-opacity="0.25" />
      <polyline points=${points(series)} fill="none" stroke="currentColor" stroke-width="2" vector-effect="non-scaling-stroke" />
    </svg></figure>`;
}
