import type { ClusterView } from '../../clusters/clusters.dto';
import type { CriteriaChoicesView, CriteriaSetView, CriteriaVersionView, CriterionView } from '../../criteria/criteria.dto';
import type { PledgeView } from '../../pledges/pledges.dto';
import { dateTimeVi, pointsVi } from '../format';
import { Html, html } from '../html';
import { criteriaEditor } from './criteria-editor.view';
import { criteriaTargetsSection } from './criteria-targets.view';
import type { CriteriaTargetsView } from '../../criteria/criteria-targets.dto';
import { clusterHref, yearHref } from './clusters.view';
import { PageFrame, badge, formMessage, layout } from './layout';

export const criteriaHref = (clusterId: string, year: number) => `${yearHref(clusterId, year)}/tieu-chi`;
export const criteriaApi = (clusterId: string, year: number) => `/api/clusters/${clusterId}/years/${year}/criteria`;

/** The current version of a year's set, read-only: code, text, kind, maximum points, sub-items indented. */
export function criteriaTable(set: CriteriaSetView | null): Html {
  if (!set) return html`<p class="muted">Năm này chưa có bộ tiêu chí.</p>`;
  const row = (c: CriterionView, depth: number): Html =>
    html`<tr><td data-label="Mã">${c.code}</td><td class="crit-text crit-depth-${depth}" data-label="Tiêu chí">${c.text}</td><td data-label="Loại">${c.kindLabel}${c.measure && c.measure !== 'POINTS' ? ` · ${c.measureLabel}` : ''}</td><td class="num" data-label="Điểm tối đa">${pointsVi(c.maxPoints)}</td></tr>${c.children.map((k) => row(k, depth + 1))}`;
  return html`<div class="table-wrap"><table class="criteria-table cards">
  <caption class="muted table-caption">${set.title} (phiên bản ${set.versionNo}; tổng ${pointsVi(set.totalPoints)} điểm)</caption>
  <thead><tr><th scope="col">Mã</th><th scope="col">Tiêu chí</th><th scope="col">Loại</th><th scope="col" class="num">Điểm tối đa</th></tr></thead>
  <tbody>${set.items.map((c) => row(c, 0))}</tbody></table></div>`;
}

/**
 * Where a new set starts from, as one choice (a template, the previous year's set, or nothing: criteria entered by
 * hand). Each option sets the API's two fields at once (data-type="params"): `fromField` and `templateField`.
 */
export function criteriaSourceSelect(id: string, choices: CriteriaChoicesView, fromField: string, templateField: string): Html {
  const q = (from: string, code?: string) => new URLSearchParams(code ? { [fromField]: from, [templateField]: code } : { [fromField]: from }).toString();
  return html`<div class="field"><label for="${id}">Bộ tiêu chí của năm</label>
  <select id="${id}" name="criteriaSource" data-type="params" data-fields="${fromField} ${templateField}">
    ${choices.templates.map((t) => html`<option value="${q('TEMPLATE', t.code)}">Theo mẫu ${t.code}: ${t.title} (${t.criteriaCount} tiêu chí, ${pointsVi(t.totalPoints)} điểm)</option>`)}
    ${choices.previousYear ? html`<option value="${q('PREVIOUS_YEAR')}">Sao chép bộ tiêu chí năm ${choices.previousYear}</option>` : ''}
    <option value="${q('EMPTY')}">Không dùng mẫu (nhập tiêu chí bằng tay)</option>
  </select></div>`;
}

function originLabel(origin: string): string {
  const [kind, arg] = origin.split(':');
  if (kind === 'TEMPLATE') return `Theo mẫu ${arg}`;
  if (kind === 'COPY') return `Sao chép năm ${arg}`;
  if (kind === 'AMENDMENT') return `Sửa đổi phiên bản ${arg}`;
  return 'Lập mới';
}

function versionsTable(versions: CriteriaVersionView[]): Html {
  return html`<section class="card" aria-labelledby="h-versions"><h2 id="h-versions">Các phiên bản</h2><div class="table-wrap"><table>
  <thead><tr><th scope="col">Phiên bản</th><th scope="col">Nguồn</th><th scope="col">Lý do sửa đổi</th><th scope="col">Lập lúc</th><th scope="col">Khóa lúc</th></tr></thead>
  <tbody>${versions.map((v) => html`<tr><td>${v.versionNo}</td><td>${originLabel(v.origin)}</td><td>${v.amendmentReason ?? ''}</td><td>${dateTimeVi(v.createdAt)}</td><td>${dateTimeVi(v.lockedAt)}</td></tr>`)}</tbody>
  </table></div></section>`;
}

export interface CriteriaPageData {
  cluster: ClusterView;
  year: number;
  set: CriteriaSetView | null;
  versions: CriteriaVersionView[];
  /** Where a new set may start from (only asked when there is none and the caller may create one). */
  choices: CriteriaChoicesView | null;
  pledge: PledgeView | null;
  canManage: boolean;
  targets: CriteriaTargetsView | null;
}

function editorIntro(set: CriteriaSetView, pledge: PledgeView | null): Html {
  if (set.locked) {
    return html`<p>Bộ tiêu chí đã khóa vì bản giao ước đã được ký đủ: không sửa trực tiếp được. Mọi thay đổi được lập thành <strong>bản sửa đổi</strong> (phiên bản ${set.versionNo + 1}) kèm lý do; phiên bản ${set.versionNo} vẫn được lưu.</p>`;
  }
  if (pledge?.status === 'OPEN' && pledge.signedCount > 0) {
    return html`<p class="flash warn" role="note">Bản giao ước đang được ký (${pledge.signedCount}/${pledge.memberCount} đơn vị đã ký): lưu thay đổi bộ tiêu chí sẽ hủy các chữ ký đã có.</p>`;
  }
  return html`<p class="muted"><small>Thêm, xóa, sắp xếp các tiêu chí và mục con; mục con cùng loại với tiêu chí chứa nó và tổng điểm các mục con không vượt điểm của tiêu chí. Chưa lưu thì chưa có gì thay đổi.</small></p>`;
}

export function criteriaPage(frame: PageFrame, d: CriteriaPageData): Html {
  const { cluster, year, set } = d;
  const base = criteriaApi(cluster.id, year);
  const pledgeLink = html`<a href="${yearHref(cluster.id, year)}/giao-uoc">Giao ước thi đua năm ${year}</a>`;
  return layout(
    {
      ...frame,
      title: `Bộ tiêu chí thi đua năm ${year}`,
      scripts: d.canManage && set ? ['criteria-editor.js'] : [],
      crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Bộ tiêu chí']],
    },
    html`<h1>Bộ tiêu chí thi đua năm ${year}</h1>
${!set
  ? html`<section class="card" aria-labelledby="h-new"><h2 id="h-new">Chưa có bộ tiêu chí</h2><p>Năm ${year} chưa có bộ tiêu chí. Bộ tiêu chí cũng được lập khi soạn ${pledgeLink}.</p>
    ${d.canManage && d.choices
      ? html`<form data-api="${base}" data-method="POST" data-success="Đã lập bộ tiêu chí năm ${year}." novalidate>${formMessage}
      ${criteriaSourceSelect('criteria-source', d.choices, 'from', 'templateCode')}
      <div class="field"><label for="criteria-title">Tên bộ tiêu chí (để trống: theo mẫu hoặc năm trước)</label><input id="criteria-title" name="title" data-type="optional" maxlength="300"></div>
      <div class="actions"><button type="submit">Lập bộ tiêu chí</button></div></form>`
      : ''}</section>`
  : html`<section class="card" aria-labelledby="h-current"><h2 id="h-current">Phiên bản hiện hành</h2>
  <p>${set.locked ? badge('Đã khóa (giao ước đã ký đủ)', 'ok') : badge('Đang soạn, chưa khóa', 'info')} · ${pledgeLink}${d.pledge ? html` (${d.pledge.statusLabel.toLowerCase()})` : ''}</p>
  ${criteriaTable(set)}
  <p><a data-download href="${base}/export">Tải bộ tiêu chí (Excel)</a></p>
</section>
${d.canManage
  ? html`<section class="card" aria-labelledby="h-edit"><h2 id="h-edit">${set.locked ? 'Lập bản sửa đổi bộ tiêu chí' : 'Sửa bộ tiêu chí'}</h2>
  ${editorIntro(set, d.pledge)}
  ${criteriaEditor(base, set, { amend: set.locked, signaturesToReset: !set.locked && d.pledge?.status === 'OPEN' ? d.pledge.signedCount : 0 })}
</section>`
  : ''}
${d.targets && (d.targets.criteria.some((c) => c.needsTarget) || d.targets.targets.length || d.canManage) ? criteriaTargetsSection(`${base}/targets`, d.targets, d.canManage) : ''}
${d.versions.length > 1 ? versionsTable(d.versions) : ''}`}`,
  );
}
