import type { ClusterView } from '../../clusters/clusters.dto';
import type { ExplanationRoundView } from '../../scoring/contests/contests.dto';
import { dateVi, pointsVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';
import type { UnitRefView } from '../../units/unit-ref';

/**
 * Giải trình: the round's window; a unit's provisional points per criterion and its contest form; every contest with
 * its answer, and the secretariat's answer forms.
 */
export function explanationPage(
  frame: PageFrame,
  cluster: ClusterView,
  year: number,
  v: ExplanationRoundView,
  canManage: boolean,
  units: { chosen: string; options: UnitRefView[] } | null = null,
): Html {
  const api = `/api/clusters/${cluster.id}/years/${year}/scoring/contests`;
  const window = v.until ? html`${v.open ? badge('Đang nhận giải trình', 'info') : badge('Đã đóng', 'warn')} Hạn cuối: ${dateVi(v.until)}` : badge('Chưa mở giải trình', 'warn');
  return layout(
    { ...frame, title: `Giải trình điểm năm ${year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Giải trình điểm']] },
    html`<h1>Giải trình điểm năm ${year}</h1>
<section class="card" aria-labelledby="h-round"><h2 id="h-round">Vòng giải trình</h2><p>${window}</p>
<p class="muted"><small>Sau khi có điểm cụm tạm thời, mỗi đơn vị xem điểm từng tiêu chí của mình và có thể giải trình trong thời hạn, kèm minh chứng. Thư ký cụm trả lời từng giải trình (chấp nhận với điểm mới, hoặc giữ nguyên kèm lý do) trước khi công bố kết quả.</small></p>
${canManage
  ? html`<form data-api="${api}/round" data-method="POST" data-success="Đã mở vòng giải trình." novalidate>${formMessage}
  <div class="grid2"><div class="field"><label for="r-until">Hạn cuối nhận giải trình (dd/mm/yyyy)</label><input id="r-until" name="until" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" value="${dateVi(v.until)}" required></div>
  <div class="field"><label for="r-reason">Ghi chú (không bắt buộc)</label><input id="r-reason" name="reason" data-type="optional" maxlength="500"></div></div>
  <div class="actions"><button type="submit">${v.until ? 'Đổi hạn giải trình' : 'Mở giải trình'}</button></div></form>`
  : ''}
</section>
${units
  ? html`<form method="get" class="card">
    <label for="donVi">Giải trình với tư cách đơn vị (đơn vị của bạn kế thừa các đơn vị này sau sáp nhập)</label>
    <div class="actions"><select id="donVi" name="donVi">${units.options.map((u) => html`<option value="${u.id}" ${u.id === units.chosen ? 'selected' : ''}>${u.name}</option>`)}</select><button type="submit" class="secondary">Chọn</button></div></form>`
  : ''}
${v.unitId && v.points.length
  ? html`<section class="card" aria-labelledby="h-points"><h2 id="h-points">Điểm tạm thời theo tiêu chí${units ? `: ${units.options.find((u) => u.id === units.chosen)?.name ?? ''}` : ''}</h2>
  <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Mã</th><th scope="col">Tiêu chí</th><th scope="col" class="num">Tối đa</th><th scope="col" class="num">Điểm cụm</th></tr></thead>
  <tbody>${v.points.map((x) => html`<tr><th scope="row" data-label="Mã">${x.code}</th><td data-label="Tiêu chí">${x.text}</td><td class="num" data-label="Tối đa">${pointsVi(x.maxPoints)}</td><td class="num" data-label="Điểm cụm">${x.points === null ? '—' : pointsVi(x.points)}</td></tr>`)}</tbody></table></div>
  ${v.open && !canManage
    ? html`<form data-api="${api}" data-method="POST" data-success="Đã gửi giải trình." novalidate>${formMessage}
    <input type="hidden" name="unitId" value="${v.unitId}">
    <div class="field"><label for="c-code">Tiêu chí giải trình</label><select id="c-code" name="criterionCode">${v.points.filter((x) => x.points !== null).map((x) => html`<option value="${x.code}">${x.code}: ${pointsVi(x.points)} / ${pointsVi(x.maxPoints)} điểm</option>`)}</select></div>
    <div class="field"><label for="c-text">Nội dung giải trình</label><textarea id="c-text" name="explanation" rows="3" required maxlength="4000"></textarea></div>
    <div class="field"><label for="c-evidence">Minh chứng (văn bản, số liệu; không bắt buộc)</label><input id="c-evidence" name="evidence" data-type="nullable" maxlength="1000"></div>
    <div class="actions"><button type="submit">Gửi giải trình</button></div></form>`
    : ''}
</section>`
  : ''}
<section class="card" aria-labelledby="h-contests"><h2 id="h-contests">Các giải trình</h2>
${v.contests.length
  ? v.contests.map(
      (c) => html`<article class="card"><h3>${c.unitName} — ${c.criterionCode} (${pointsVi(c.pointsBefore)} điểm) ${badge(c.statusLabel, c.status === 'OPEN' ? 'warn' : 'ok')}</h3>
  <p>${c.explanation}</p>${c.evidence ? html`<p class="muted">Minh chứng: ${c.evidence}</p>` : ''}
  ${c.answer ? html`<p><strong>Trả lời:</strong> ${c.answer}${c.pointsAfter !== null ? ` (điểm mới ${pointsVi(c.pointsAfter)})` : ''}</p>` : ''}
  ${canManage && c.status === 'OPEN'
    ? html`<form data-api="${api}/${c.id}/answer" data-method="POST" data-success="Đã trả lời giải trình." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${c.version}">
    <div class="grid2"><div class="field"><label for="a-${c.id}-d">Quyết định</label><select id="a-${c.id}-d" name="decision"><option value="ACCEPT">Chấp nhận, sửa điểm</option><option value="KEEP">Giữ nguyên điểm</option></select></div>
    <div class="field"><label for="a-${c.id}-p">Điểm mới (tiêu chí chấm điểm trực tiếp)</label><input id="a-${c.id}-p" name="points" data-type="decimal" inputmode="decimal"></div>
    <div class="field"><label for="a-${c.id}-a">Kết quả mới (tiêu chí tính từ kết quả)</label><input id="a-${c.id}-a" name="achieved" data-type="decimal" inputmode="decimal"></div>
    <div class="field"><label for="a-${c.id}-r">Trả lời, lý do (bắt buộc)</label><input id="a-${c.id}-r" name="answer" required maxlength="500"></div></div>
    <div class="actions"><button type="submit">Trả lời</button></div></form>`
    : ''}</article>`,
    )
  : html`<p class="muted">Chưa có giải trình.</p>`}
</section>`,
  );
}
