import type { ClusterView } from '../../clusters/clusters.dto';
import type { ResultsView, UnitResultView } from '../../scoring/results/results.dto';
import { pointsVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';

const crumbs = (cluster: ClusterView, year: number) => [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Kết quả theo tiêu chí']] as Array<[string, string?]>;

/** Kết quả theo tiêu chí: each unit's final points per criterion against the cluster's mean and best, and its losses. */
export function resultsPage(frame: PageFrame, cluster: ClusterView, year: number, r: ResultsView): Html {
  const criteria = new Map(r.criteria.map((c) => [c.code, c]));
  return layout(
    { ...frame, title: `Kết quả theo tiêu chí năm ${year}`, crumbs: crumbs(cluster, year) },
    html`<h1>Kết quả theo tiêu chí năm ${year}</h1>
<p>${r.published ? badge('Đã công bố', 'ok') : badge('Chưa công bố: chỉ thư ký cụm và cơ quan tổ chức xem được', 'warn')} · ${r.scope === 'OWN' ? 'Điểm của đơn vị bạn, so với trung bình và điểm cao nhất của cụm.' : 'Điểm của mọi đơn vị, so với trung bình và điểm cao nhất của cụm.'}</p>
<div class="actions"><a class="button secondary" data-download href="/api/clusters/${cluster.id}/years/${year}/scoring/results.xlsx">Tải kết quả theo tiêu chí (Excel)</a> <a class="button secondary" href="${yearHref(cluster.id, year)}/xep-hang">Bảng xếp hạng</a></div>
${r.units.length ? r.units.map((u) => unitSection(u, criteria)) : html`<p class="muted">Không có đơn vị nào của bạn được xếp hạng năm ${year}.</p>`}`,
  );
}

function unitSection(u: UnitResultView, criteria: Map<string, ResultsView['criteria'][number]>): Html {
  const id = `kq-${u.unit.id}`;
  return html`<section class="card" aria-labelledby="${id}" data-unit="${u.unit.id}"><h2 id="${id}">${u.unit.name}</h2>
  <p>${u.rank ? html`Hạng <strong>${u.rank}</strong> · ` : ''}Tổng điểm <strong>${u.total === null ? 'chưa có' : pointsVi(u.total)}</strong>${u.band ? ` · ${u.band}` : ''}${u.total === null ? '' : html` · Điểm bị mất ở các tiêu chí: <strong>${pointsVi(u.lostTotal)}</strong>`}</p>
  ${u.total === null
    ? html`<p class="losses muted">Chưa có điểm: đơn vị chưa được chấm theo cách tính điểm của cụm.</p>`
    : u.losses.length
    ? html`<p class="losses">Mất điểm nhiều nhất ở: ${u.losses.slice(0, 3).map((l, i) => html`${i ? '; ' : ''}<strong>${l.code}</strong> (${pointsVi(l.lost)} điểm)`)}.</p>`
    : html`<p class="losses">Không mất điểm ở tiêu chí nào.</p>`}
  <div class="table-wrap"><table class="cards">
    <caption class="visually-hidden">Kết quả theo tiêu chí của ${u.unit.name}</caption>
    <thead><tr><th scope="col">Tiêu chí</th><th scope="col" class="num">Tối đa</th><th scope="col" class="num">Điểm đạt</th><th scope="col" class="num">Bị mất</th><th scope="col" class="num">Trung bình cụm</th><th scope="col" class="num">Cao nhất cụm</th><th scope="col">Cách tính, giải trình</th></tr></thead>
    <tbody>${u.criteria.map((c) => {
      const k = criteria.get(c.code)!;
      return html`<tr data-code="${c.code}">
        <th scope="row"><abbr title="${k.text}">${c.code}</abbr> <small class="muted">${k.kind === 'SCORED' ? '' : k.kindLabel}</small></th>
        <td class="num" data-label="Tối đa">${pointsVi(k.maxPoints)}</td>
        <td class="num" data-label="Điểm đạt">${c.points === null ? '—' : pointsVi(c.points)}</td>
        <td class="num" data-label="Bị mất">${c.lost ? html`<span class="badge warn">${pointsVi(c.lost)}</span>` : c.lost === 0 ? '0' : '—'}</td>
        <td class="num" data-label="Trung bình cụm">${pointsVi(k.clusterMean)}</td>
        <td class="num" data-label="Cao nhất cụm">${pointsVi(k.clusterBest)}</td>
        <td data-label="Cách tính" class="wide">${c.notes.length ? html`<ul class="reasons">${c.notes.map((x) => html`<li>${x}</li>`)}</ul>` : ''}</td>
      </tr>`;
    })}</tbody>
  </table></div>
</section>`;
}

/** A member before publication: nothing to show yet. */
export function resultsPendingPage(frame: PageFrame, cluster: ClusterView, year: number): Html {
  return layout(
    { ...frame, title: `Kết quả theo tiêu chí năm ${year}`, crumbs: crumbs(cluster, year) },
    html`<h1>Kết quả theo tiêu chí năm ${year}</h1>
<p class="flash warn" role="status">Kết quả chấm điểm năm ${year} chưa được công bố: đơn vị xem điểm theo từng tiêu chí sau khi thư ký cụm công bố.</p>`,
  );
}
