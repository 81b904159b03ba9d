/**
 * The public pages (issue 21) as complete HTML documents, rendered on the server from the public view: the same
 * function serves `/public/:bodyCode` and writes the static export (`npm run public:export`); only the links
 * differ (`SiteLinks`). No script, no inline style (CSP `script-src 'self'; style-src 'self'`), one stylesheet,
 * `lang="ja"`, a skip link, one <h1>, captioned tables with scoped headers, charts with a text alternative and
 * their data table, and a print stylesheet.
 */
import { formatOfficialDate } from '../domain/wareki.ts';
import { formatKpiValue } from '../domain/kpi-text.ts';
import { KPI_ACHIEVEMENT_RULE, KPI_RATING_BANDS } from '../domain/kpi-rating.ts';
import type { PublicItemData, PublicViewData } from '../services/public-view.ts';
import { PUBLIC_TABLE_FILES, type PublicTable } from '../services/public-data.ts';
import { kpiChartSvg } from './chart-svg.ts';
import { esc } from './html.ts';

export interface SiteLinks {
  css: string;
  index: string;
  item: (id: number) => string;
  table: (t: PublicTable) => string;
  json: string;
}

/** Links of the live pages served by the application. */
export const liveLinks = (code: string): SiteLinks => ({
  css: '/public/assets/public.css',
  index: `/public/${code}`,
  item: (id) => `/public/${code}/items/${id}`,
  table: (t) => `/api/public/${code}/${PUBLIC_TABLE_FILES[t].file}`,
  json: `/api/public/${code}/public.json`,
});

/** Relative links of the static export (`prefix` '' for index.html, '../' for items/N.html). */
export const staticLinks = (prefix: '' | '../'): SiteLinks => ({
  css: `${prefix}public.css`,
  index: `${prefix}index.html`,
  item: (id) => `${prefix}items/${id}.html`,
  table: (t) => `${prefix}data/${PUBLIC_TABLE_FILES[t].file}`,
  json: `${prefix}data/public.json`,
});

const DASH = '—';
const date = (d: string | null) => (d ? formatOfficialDate(d) : DASH);
const kpiValue = (v: number | null, unit: string) => (v === null ? DASH : formatKpiValue(v, unit));
const percent = (a: number | null) => (a === null ? DASH : `${(Math.round(a * 1000) / 10).toLocaleString('ja-JP', { maximumFractionDigits: 1 })}%`);
const rating = (r: string | null) => (r === null ? '－（評価なし）' : r);

function page(v: PublicViewData, links: SiteLinks, title: string, main: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${esc(links.css)}">
</head>
<body>
<a class="skip" href="#main">本文へスキップ</a>
<header class="site"><p class="site-name"><a href="${esc(links.index)}">${esc(v.body.name)} DX推進計画の進捗</a></p></header>
<main id="main">
${quarterNotice(v)}
${main}
</main>
<footer class="site">
<p>この情報は ${esc(v.body.name)} の DX推進本部が公開したものです。オープンデータの利用条件: ${esc(v.licence)}</p>
</footer>
</body>
</html>
`;
}

function quarterNotice(v: PublicViewData): string {
  return `<p class="quarter" role="note"><strong>${esc(v.quarter.label)}</strong>（${esc(date(v.quarter.asOf))}時点）の状況です。この四半期は ${esc(date(v.quarter.closedOn))} に締められました。締めた時点の内容を公開しています。</p>`;
}

const deadlineText = (d: PublicItemData['deadlines'][number]) => `${d.title}（${d.label}: ${date(d.date)}、${d.milestoneTitle}）`;

function ratingLegend(headingLevel: 2 | 3): string {
  const h = `h${headingLevel}`;
  return `<section class="legend" aria-labelledby="rating-legend">
<${h} id="rating-legend">指標の評価（A〜D）の基準</${h}>
<p>${esc(KPI_ACHIEVEMENT_RULE)}</p>
<table>
<caption>評価の区分</caption>
<thead><tr><th scope="col">評価</th><th scope="col">基準</th></tr></thead>
<tbody>${KPI_RATING_BANDS.map((b) => `<tr><th scope="row">${esc(b.label)}</th><td>${esc(b.rule)}</td></tr>`).join('')}</tbody>
</table>
<p>状況（達成・順調・遅れ・未達成・未更新・未計測）は、計画線（基準値から目標値までを結んだ線）のこの時点の値と比べた判定です。</p>
</section>`;
}

function kpiSummaryTable(item: PublicItemData, caption: string): string {
  if (item.kpis.length === 0) return '<p>公開している指標はありません。</p>';
  return `<table class="kpis">
<caption>${esc(caption)}</caption>
<thead><tr><th scope="col">指標</th><th scope="col">基準値</th><th scope="col">目標値</th><th scope="col">最新の実績値</th><th scope="col">状況</th><th scope="col">達成率</th><th scope="col">評価</th></tr></thead>
<tbody>
${item.kpis
  .map(
    (k) => `<tr><th scope="row">${esc(k.name)}</th><td>${esc(kpiValue(k.baselineValue, k.unit))}（${k.baselineFiscalYear}年度）</td><td>${esc(kpiValue(k.targetValue, k.unit))}（${k.targetFiscalYear}年度）</td><td>${esc(kpiValue(k.latestValue, k.unit))}${k.latestLabel ? `（${esc(k.latestLabel)}）` : ''}</td><td>${esc(k.statusLabel)}</td><td class="num">${esc(percent(k.achievement))}</td><td class="rating" data-rating="${esc(k.rating ?? '')}">${esc(rating(k.rating))}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
}

export function renderIndex(v: PublicViewData, links: SiteLinks): string {
  const plans = v.plans.length
    ? `<ul class="plans">${v.plans.map((p) => `<li>${esc(p.title)}（計画期間: ${esc(p.periodLabel)}）</li>`).join('')}</ul>`
    : '';
  const counts = `<table>
<caption>公開している取組の状況</caption>
<thead><tr><th scope="col">状況</th><th scope="col">件数</th></tr></thead>
<tbody>${v.statusCounts.map((c) => `<tr><th scope="row">${esc(c.label)}</th><td class="num">${c.count}</td></tr>`).join('')}</tbody>
</table>`;
  const categories = `<table>
<caption>分野別の公開している取組の数</caption>
<thead><tr><th scope="col">分野</th><th scope="col">取組の数</th></tr></thead>
<tbody>${v.categories.map((c) => `<tr><th scope="row">${esc(c.name)}</th><td class="num">${c.itemCount}</td></tr>`).join('')}</tbody>
</table>`;
  const items = v.items
    .map(
      (i) => `<article class="item" aria-labelledby="item-${i.id}">
<h3 id="item-${i.id}"><a href="${esc(links.item(i.id))}">${esc(i.title)}</a></h3>
<dl>
<div><dt>分野</dt><dd>${esc(i.categoryName)}</dd></div>
<div><dt>状況</dt><dd class="status" data-status="${esc(i.status)}">${esc(i.statusLabel)}</dd></div>
<div><dt>予定</dt><dd>${esc(date(i.plannedStart))} 〜 ${esc(date(i.plannedEnd))}</dd></div>
<div><dt>完了日</dt><dd>${esc(date(i.actualEnd))}</dd></div>
<div><dt>国の期限</dt><dd>${i.deadlines.length ? i.deadlines.map((d) => esc(deadlineText(d))).join('<br>') : 'なし'}</dd></div>
</dl>
${i.publicText ? `<div class="public-text">${paragraphs(i.publicText)}</div>` : ''}
${kpiSummaryTable(i, `${i.title} の指標`)}
</article>`,
    )
    .join('\n');
  const main = `<h1>${esc(v.body.name)} DX推進計画の進捗</h1>
${plans}
<section aria-labelledby="summary"><h2 id="summary">概要</h2>
<p>公開している取組は ${v.items.length}件です。</p>
<div class="tables">${counts}${categories}</div>
</section>
<section aria-labelledby="items"><h2 id="items">取組</h2>
${items}
</section>
${ratingLegend(2)}
${openData(v, links)}`;
  return page(v, links, `${v.body.name} DX推進計画の進捗（${v.quarter.label}）`, main);
}

function openData(v: PublicViewData, links: SiteLinks): string {
  return `<section aria-labelledby="open-data"><h2 id="open-data">オープンデータ</h2>
<p>このページの内容は、次のファイルでも公開しています（CSV は UTF-8・BOM付き）。利用条件: ${esc(v.licence)}。各ファイルに四半期と締めた日を記載しています。</p>
<ul>
${(Object.keys(PUBLIC_TABLE_FILES) as PublicTable[]).map((t) => `<li><a href="${esc(links.table(t))}">${esc(PUBLIC_TABLE_FILES[t].title)}（CSV）</a></li>`).join('\n')}
<li><a href="${esc(links.json)}">すべての内容（JSON）</a></li>
</ul>
</section>`;
}

const paragraphs = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${esc(p.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');

function kpiSection(k: PublicItemData['kpis'][number]): string {
  const latest = k.latestValue === null ? 'まだ実績値はありません' : `最新の実績値は${kpiValue(k.latestValue, k.unit)}（${k.latestLabel}）`;
  const label = `${k.name}の推移のグラフ。基準値${kpiValue(k.baselineValue, k.unit)}（${k.baselineFiscalYear}年度）、目標値${kpiValue(k.targetValue, k.unit)}（${k.targetFiscalYear}年度）。${latest}。評価 ${rating(k.rating)}。`;
  return `<section class="kpi" aria-labelledby="kpi-${k.id}">
<h3 id="kpi-${k.id}">${esc(k.name)}</h3>
<dl>
<div><dt>種類</dt><dd>${esc(k.kindLabel)}（${esc(k.directionLabel)}）</dd></div>
<div><dt>基準値</dt><dd>${esc(kpiValue(k.baselineValue, k.unit))}（${k.baselineFiscalYear}年度）</dd></div>
<div><dt>目標値</dt><dd>${esc(kpiValue(k.targetValue, k.unit))}（${k.targetFiscalYear}年度）</dd></div>
<div><dt>最新の実績値</dt><dd>${esc(kpiValue(k.latestValue, k.unit))}${k.latestLabel ? `（${esc(k.latestLabel)}）` : ''}</dd></div>
<div><dt>状況</dt><dd>${esc(k.statusLabel)}</dd></div>
<div><dt>達成率</dt><dd>${esc(percent(k.achievement))}</dd></div>
<div><dt>評価</dt><dd class="rating" data-rating="${esc(k.rating ?? '')}">${esc(rating(k.rating))}</dd></div>
</dl>
<figure>
<figcaption>${esc(k.name)}の推移（実線と丸印: 実績、破線: 計画線、点線: 目標値）</figcaption>
${kpiChartSvg(k, label)}
</figure>
<table class="series">
<caption>${esc(k.name)}の推移（表）</caption>
<thead><tr><th scope="col">時期</th><th scope="col">実績値</th><th scope="col">計画線の値</th></tr></thead>
<tbody>${k.series.map((p) => `<tr><th scope="row">${esc(p.label)}</th><td class="num">${esc(kpiValue(p.actual, k.unit))}</td><td class="num">${esc(kpiValue(p.expected, k.unit))}</td></tr>`).join('')}</tbody>
</table>
</section>`;
}

export function renderItem(v: PublicViewData, i: PublicItemData, links: SiteLinks): string {
  const milestones = i.milestones.length
    ? `<table>
<caption>${esc(i.title)} のマイルストーン</caption>
<thead><tr><th scope="col">マイルストーン</th><th scope="col">状況</th><th scope="col">予定</th><th scope="col">実績</th><th scope="col">国の期限</th></tr></thead>
<tbody>${i.milestones
        .map(
          (m) =>
            `<tr><th scope="row">${esc(m.title)}</th><td>${esc(m.statusLabel)}</td><td>${m.plannedStartDate ? `${esc(date(m.plannedStartDate))} 〜 ` : ''}${esc(date(m.plannedDate))}</td><td>${m.actualStartDate ? `着手 ${esc(date(m.actualStartDate))}<br>` : ''}${m.actualDate ? `完了 ${esc(date(m.actualDate))}` : DASH}</td><td>${m.deadline ? `${esc(m.deadline.title)}（${esc(m.deadline.label)}: ${esc(date(m.deadline.date))}）` : DASH}</td></tr>`,
        )
        .join('')}</tbody>
</table>`
    : '<p>公開しているマイルストーンはありません。</p>';
  const main = `<p class="back"><a href="${esc(links.index)}">取組の一覧へ戻る</a></p>
<h1>${esc(i.title)}</h1>
<dl class="facts">
<div><dt>分野</dt><dd>${esc(i.categoryName)}</dd></div>
<div><dt>担当課</dt><dd>${esc(i.sectionName)}</dd></div>
<div><dt>状況</dt><dd class="status" data-status="${esc(i.status)}">${esc(i.statusLabel)}</dd></div>
<div><dt>予定</dt><dd>${esc(date(i.plannedStart))} 〜 ${esc(date(i.plannedEnd))}</dd></div>
<div><dt>着手日</dt><dd>${esc(date(i.actualStart))}</dd></div>
<div><dt>完了日</dt><dd>${esc(date(i.actualEnd))}</dd></div>
<div><dt>国の期限</dt><dd>${i.deadlines.length ? i.deadlines.map((d) => esc(deadlineText(d))).join('<br>') : 'なし'}</dd></div>
</dl>
<section aria-labelledby="public-text"><h2 id="public-text">説明・実績</h2>
${i.publicText ? paragraphs(i.publicText) : '<p>説明はまだありません。</p>'}
</section>
<section aria-labelledby="milestones"><h2 id="milestones">マイルストーン</h2>
${milestones}
</section>
<section aria-labelledby="kpis"><h2 id="kpis">指標</h2>
${i.kpis.length ? i.kpis.map(kpiSection).join('\n') : '<p>公開している指標はありません。</p>'}
</section>
${ratingLegend(2)}`;
  return page(v, links, `${i.title}｜${v.body.name} DX推進計画の進捗`, main);
}
