/**
 * A KPI's chart as inline SVG, drawn on the server: the public page needs no script at all (it works from a
 * static export, under `script-src 'self'`, printed, and with JavaScript off). Two series that differ by
 * colour and by line style and marker — 実績 (solid, round markers) and 計画線 (dashed, no markers) — and the
 * target as a dotted horizontal line. The SVG is `role="img"` with an aria-label; the same numbers are in the
 * table beside it.
 */
import { formatKpiNumber } from '../domain/kpi-text.ts';
import type { PublicItemData } from '../services/public-view.ts';
import { esc } from './html.ts';

type Kpi = PublicItemData['kpis'][number];

const W = 640;
const H = 260;
const PAD = { left: 64, right: 16, top: 16, bottom: 48 };

/** Round step for about 4 ticks. */
function niceStep(span: number): number {
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

export function kpiChartSvg(k: Kpi, label: string): string {
  const pts = k.series;
  if (pts.length === 0) return '';
  const values = [...pts.flatMap((p) => (p.actual === null ? [p.expected] : [p.expected, p.actual])), k.targetValue, k.baselineValue];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const step = niceStep(hi - lo);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const x = (i: number) => PAD.left + (pts.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (pts.length - 1));
  const y = (v: number) => PAD.top + ((hi - v) * (H - PAD.top - PAD.bottom)) / (hi - lo);
  const f = (n: number) => n.toFixed(1);

  const grid: string[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) {
    grid.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#d0d4da" stroke-width="1"/>`);
    grid.push(`<text x="${PAD.left - 6}" y="${f(y(v) + 4)}" text-anchor="end" font-size="12" fill="#333">${esc(formatKpiNumber(v, k.unit))}</text>`);
  }
  const every = Math.max(1, Math.ceil(pts.length / 8));
  const xLabels = pts
    .map((p, i) => ((i % every === 0 && pts.length - 1 - i >= every / 2) || i === pts.length - 1 ? `<text x="${f(x(i))}" y="${H - PAD.bottom + 18}" text-anchor="middle" font-size="11" fill="#333">${esc(`${p.fiscalYear}年度${p.quarter === 0 ? '' : `Q${p.quarter}`}`)}</text>` : ''))
    .join('');
  const planned = pts.map((p, i) => `${f(x(i))},${f(y(p.expected))}`).join(' ');
  const actualPts = pts.map((p, i) => (p.actual === null ? null : { x: x(i), y: y(p.actual) })).filter((p): p is { x: number; y: number } => p !== null);
  const actualLine = actualPts.length > 1 ? `<polyline points="${actualPts.map((p) => `${f(p.x)},${f(p.y)}`).join(' ')}" fill="none" stroke="#1d4e89" stroke-width="2.5"/>` : '';
  const markers = actualPts.map((p) => `<circle cx="${f(p.x)}" cy="${f(p.y)}" r="4" fill="#1d4e89"/>`).join('');
  const target = `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(y(k.targetValue))}" y2="${f(y(k.targetValue))}" stroke="#8a4b00" stroke-width="1.5" stroke-dasharray="2 4"/>`;
  return (
    `<svg class="kpi-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">` +
    grid.join('') +
    target +
    `<polyline points="${planned}" fill="none" stroke="#555" stroke-width="2" stroke-dasharray="8 5"/>` +
    actualLine +
    markers +
    xLabels +
    `</svg>`
  );
}
