import type { ClusterView } from '../../clusters/clusters.dto';
import type { AssignmentView, ScoringConfigView } from '../../scoring/scoring.dto';
import { FINAL_SCORE_RULES } from '../../scoring/ranking.rules';
import { RULE_LABELS } from '../../scoring/scoring-context';
import { NORMALIZE_METHODS, NORMALIZE_METHOD_LABELS } from '../../scoring/normalization.rules';
import { dateTimeVi, pointsVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';
import { conflictsSection } from './scoring-conflicts.view';
import type { ConflictView, RelationView } from '../../scoring/conflicts.dto';

const PEER_MODE_LABELS = { ALL: 'Mỗi đơn vị chấm chéo tất cả các đơn vị còn lại', ROTATION: 'Mỗi đơn vị chấm k đơn vị kế tiếp theo thứ tự' } as const;

/** Cách tính điểm: the final-score rule, the warnings' margins, the classification bands and who scores whom. */
export function scoringConfigPage(frame: PageFrame, cluster: ClusterView, year: number, c: ScoringConfigView, assignments: AssignmentView[], canManage: boolean, conflicts: ConflictView[] = [], relations: RelationView[] = []): Html {
  const locked = !!c.publishedAt;
  return layout(
    { ...frame, title: `Cách tính điểm năm ${year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Cách tính điểm']] },
    html`<h1>Cách tính điểm năm ${year}</h1>
<p>${c.saved ? badge('Đã lưu', 'ok') : badge('Mặc định, chưa lưu', 'info')}${locked ? html` · ${badge(`Đã công bố kết quả ${dateTimeVi(c.publishedAt)}`, 'warn')}` : ''}</p>
<section class="card" aria-labelledby="h-rule"><h2 id="h-rule">Quy tắc và mức xếp loại</h2>
${canManage && !locked
  ? html`<form data-api="/api/clusters/${cluster.id}/years/${year}/scoring/config" data-method="PUT" data-success="Đã lưu cách tính điểm." novalidate>${formMessage}
    ${c.version ? html`<input type="hidden" name="version" data-type="int" value="${c.version}">` : ''}
    <div class="grid2">
      <div class="field"><label for="cf-rule">Điểm cuối cùng của mỗi đơn vị</label><select id="cf-rule" name="rule">${FINAL_SCORE_RULES.map((r) => html`<option value="${r}" ${r === c.rule ? 'selected' : ''}>${RULE_LABELS[r]}</option>`)}</select></div>
      <div class="field"><label for="cf-mode">Phân công chấm chéo</label><select id="cf-mode" name="peerMode">${(['ALL', 'ROTATION'] as const).map((m) => html`<option value="${m}" ${m === c.peerMode ? 'selected' : ''}>${PEER_MODE_LABELS[m]}</option>`)}</select></div>
      <div class="field"><label for="cf-k">Số đơn vị mỗi đơn vị chấm (k, khi chấm theo thứ tự)</label><input id="cf-k" name="peerK" data-type="int" inputmode="numeric" value="${c.peerK}"></div>
      <div class="field"><label for="cf-self">Cảnh báo khi tự chấm cao hơn điểm cuối cùng quá (điểm)</label><input id="cf-self" name="selfMargin" data-type="decimal" inputmode="decimal" value="${pointsVi(c.selfMargin)}"></div>
      <div class="field"><label for="cf-outlier">Cảnh báo khi một phiếu chấm chéo lệch quá (điểm)</label><input id="cf-outlier" name="peerOutlier" data-type="decimal" inputmode="decimal" value="${pointsVi(c.peerOutlier)}"></div>
      <div class="field"><label><input type="checkbox" name="normalize" ${c.normalize ? 'checked' : ''}> Chuẩn hóa điểm chấm chéo theo từng người chấm</label></div>
      <div class="field"><label for="cf-nmethod">Cách chuẩn hóa</label><select id="cf-nmethod" name="normalizeMethod">${NORMALIZE_METHODS.map((x) => html`<option value="${x}" ${x === c.normalizeMethod ? 'selected' : ''}>${NORMALIZE_METHOD_LABELS[x]}</option>`)}</select></div>
      <div class="field"><label for="cf-nmin">Chỉ chuẩn hóa đơn vị đã chấm ít nhất (số đơn vị)</label><input id="cf-nmin" name="normalizeMinUnits" data-type="int" inputmode="numeric" value="${c.normalizeMinUnits}"></div>
      <div class="field"><label><input type="checkbox" name="forbidReciprocal" ${c.forbidReciprocal ? 'checked' : ''}> Quy chế không cho hai đơn vị chấm chéo lẫn nhau</label></div>
    </div>
    <h3>Mức xếp loại theo tổng điểm</h3>
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Tên mức</th><th scope="col" class="num">Từ (điểm)</th></tr></thead>
      <tbody>${c.bands.map(
        (b, i) => html`<tr><td><input type="hidden" name="bands.${i}.code" data-type="nullable" value="${b.code ?? ''}"><label class="sr-only" for="band-label-${i}">Tên mức ${i + 1}</label><input id="band-label-${i}" name="bands.${i}.label" value="${b.label}"></td>
          <td class="num"><label class="sr-only" for="band-min-${i}">Điểm tối thiểu của mức ${i + 1}</label><input id="band-min-${i}" name="bands.${i}.minPoints" data-type="decimal" inputmode="decimal" value="${pointsVi(b.minPoints)}"></td></tr>`,
      )}</tbody>
    </table></div>
    <div class="field"><label for="cf-reason">Lý do (bắt buộc)</label><input id="cf-reason" name="reason" required></div>
    <div class="actions"><button type="submit">Lưu cách tính điểm</button></div>
  </form>`
  : html`<dl class="record">
    <dt>Điểm cuối cùng</dt><dd>${c.ruleLabel}${c.normalize ? ` (chuẩn hóa theo người chấm: ${c.normalizeMethodLabel}, với đơn vị đã chấm từ ${c.normalizeMinUnits} đơn vị)` : ''}</dd>
    <dt>Phân công chấm chéo</dt><dd>${PEER_MODE_LABELS[c.peerMode]}${c.peerMode === 'ROTATION' ? ` (k = ${c.peerK})` : ''}${c.forbidReciprocal ? '; không chấm chéo lẫn nhau' : ''}</dd>
    <dt>Cảnh báo</dt><dd>tự chấm cao hơn quá ${pointsVi(c.selfMargin)} điểm; phiếu chấm chéo lệch quá ${pointsVi(c.peerOutlier)} điểm</dd>
    <dt>Mức xếp loại</dt><dd>${c.bands.map((b, i) => html`${i ? '; ' : ''}${b.label} từ ${pointsVi(b.minPoints)} điểm`)}</dd>
  </dl>${locked && canManage ? html`<p class="muted"><small>Kết quả đã công bố: cách tính điểm không đổi được nữa, trừ khi cơ quan tổ chức mở lại việc chấm điểm.</small></p>` : ''}`}
</section>
<section class="card" aria-labelledby="h-assign"><h2 id="h-assign">Phân công chấm chéo</h2>
  ${assignments.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Đơn vị chấm</th><th scope="col">Chấm các đơn vị</th></tr></thead>
    <tbody>${assignments.map((a) => html`<tr><th scope="row">${a.scorer.name}</th><td>${a.targets.map((t) => t.shortName).join(', ')}</td></tr>`)}</tbody></table></div>`
    : html`<p class="muted">Năm ${year} chưa có đơn vị thành viên để phân công.</p>`}
</section>
${assignments.length ? conflictsSection(`/api/clusters/${cluster.id}/years/${year}/scoring/conflicts`, conflicts, assignments, canManage, relations) : ''}`,
  );
}
