import type { CouncilMeetingView, CouncilMemberView } from '../../awards/council/council.dto';
import { COUNCIL_ATTENDANCE, COUNCIL_ATTENDANCE_LABELS, COUNCIL_ROLES, COUNCIL_ROLE_LABELS } from '../../awards/council/council.entities';
import { dateVi } from '../format';
import { todayInVietnam } from '../../common/time';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';

const COUNCIL = 'Hội đồng Thi đua – Khen thưởng';

/** The council's home: its members by period and its meetings, for the reviewers of an organiser. */
export function councilPage(frame: PageFrame, organizer: { id: string; name: string; activeTo?: string | null }, members: CouncilMemberView[], meetings: CouncilMeetingView[], others: Array<{ id: string; name: string }> = []): Html {
  return layout(
    { ...frame, title: COUNCIL, crumbs: [['Tổng quan', '/'], [COUNCIL]] },
    html`<h1>${COUNCIL} — ${organizer.name}</h1>
${organizer.activeTo
  ? html`<p class="flash warn" role="status">${organizer.activeTo < todayInVietnam()
    ? `${organizer.name} đã kết thúc hoạt động ngày ${dateVi(organizer.activeTo)}: nhiệm kỳ các thành viên Hội đồng kết thúc cùng ngày; các cuộc họp và biên bản được lưu để tra cứu.`
    : `${organizer.name} hoạt động đến hết ngày ${dateVi(organizer.activeTo)}: nhiệm kỳ các thành viên Hội đồng kết thúc cùng ngày.`}</p>`
  : ''}
${others.length ? html`<nav aria-label="Cơ quan tổ chức khác"><p>Cơ quan tổ chức khác: ${others.map((o, i) => html`${i ? ' · ' : ''}<a href="/hoi-dong?co-quan=${o.id}">${o.name}</a>`)}</p></nav>` : ''}
<section class="card" aria-labelledby="h-steps"><h2 id="h-steps">Các bước xét Cờ thi đua</h2>
  <p class="muted"><small>Cờ thi đua chỉ được phê duyệt sau khi ${COUNCIL} đã họp, biểu quyết đề nghị và chốt biên bản; Bằng khen không cần bước này.</small></p>
  <ol>
    <li>Ghi các thành viên ${COUNCIL} theo quyết định kiện toàn (mục <a href="#h-members">Thành viên Hội đồng</a>).</li>
    <li>Ghi cuộc họp đã diễn ra: năm thi đua được xét, ngày họp (không sau hôm nay), thư ký (mục <a href="#h-meetings">Các cuộc họp</a>).</li>
    <li>Trong trang cuộc họp: ghi thành phần tham dự và bấm “Lưu thành phần”, rồi ghi số phiếu đồng ý của từng đề nghị.</li>
    <li>Chốt kết quả: biên bản họp được ban hành; mở lại hồ sơ từng đề nghị để phê duyệt.</li>
  </ol>
</section>
<section class="card" aria-labelledby="h-members"><h2 id="h-members">Thành viên Hội đồng</h2>
  ${members.length
    ? html`<div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Họ và tên</th><th scope="col">Chức vụ</th><th scope="col">Trong Hội đồng</th><th scope="col">Nhiệm kỳ</th></tr></thead><tbody>
      ${members.map((x) => html`<tr><td data-label="Họ và tên">${x.name}</td><td data-label="Chức vụ">${x.position}</td><td data-label="Trong Hội đồng">${x.roleLabel}</td><td data-label="Nhiệm kỳ">${term(x, organizer.activeTo ?? null)}${memberEdit(x)}</td></tr>`)}
      </tbody></table></div>`
    : html`<p class="muted">Chưa có thành viên nào.</p>`}
  <h3>Thêm thành viên</h3>
  <form data-api="/api/organizers/${organizer.id}/council/members" data-method="POST" data-success="Đã thêm thành viên Hội đồng." novalidate>${formMessage}
    <div class="field"><label for="name">Họ và tên</label><input id="name" name="name" required></div>
    <div class="field"><label for="position">Chức vụ</label><input id="position" name="position" required></div>
    <div class="field"><label for="role">Vai trò trong Hội đồng</label><select id="role" name="role">${COUNCIL_ROLES.map((r) => html`<option value="${r}" ${r === 'MEMBER' ? 'selected' : ''}>${COUNCIL_ROLE_LABELS[r]}</option>`)}</select></div>
    <div class="field"><label for="fromDate">Từ ngày</label><input id="fromDate" name="fromDate" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
    <div class="field"><label for="toDate">Đến ngày (để trống: đang đương nhiệm)</label><input id="toDate" name="toDate" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric"></div>
    <div class="field"><label for="reason">Căn cứ (quyết định kiện toàn Hội đồng)</label><input id="reason" name="reason" required></div>
    <div class="actions"><button type="submit">Thêm thành viên</button></div>
  </form>
</section>
<section class="card" aria-labelledby="h-meetings"><h2 id="h-meetings">Các cuộc họp xét khen thưởng</h2>
  ${meetings.length
    ? html`<div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Năm xét</th><th scope="col">Ngày họp</th><th scope="col">Thành viên</th><th scope="col">Trạng thái</th></tr></thead><tbody>
      ${meetings.map((x) => html`<tr><th scope="row"><a href="/hoi-dong/${x.id}">Năm ${x.year}</a></th><td data-label="Ngày họp">${dateVi(x.heldOn)}</td><td data-label="Thành viên">${x.presentCount}/${x.memberCount} có mặt</td><td data-label="Trạng thái">${x.status === 'CLOSED' ? badge('Đã chốt', 'ok') : badge('Chưa chốt', 'warn')}</td></tr>`)}
      </tbody></table></div>`
    : html`<p class="muted">Chưa có cuộc họp nào.</p>`}
  <h3>Lập cuộc họp</h3>
  <form data-api="/api/council/meetings" data-method="POST" data-success="Đã lập cuộc họp Hội đồng." novalidate>${formMessage}
    <input type="hidden" name="organizerId" value="${organizer.id}">
    <div class="field"><label for="year">Năm thi đua được xét</label><input id="year" name="year" data-type="int" inputmode="numeric" required></div>
    <div class="field"><label for="heldOn">Ngày họp</label><input id="heldOn" name="heldOn" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required aria-describedby="heldOn-hint">
    <small id="heldOn-hint" class="muted">Ghi cuộc họp đã diễn ra: ngày họp không sau hôm nay.</small></div>
    <div class="field"><label for="place">Địa điểm</label><input id="place" name="place" value="Hà Nội" required></div>
    <div class="field"><label for="minutesBy">Thư ký cuộc họp</label><input id="minutesBy" name="minutesBy" required></div>
    <div class="actions"><button type="submit">Lập cuộc họp</button></div>
  </form>
</section>`,
  );
}

function resultBadge(b: CouncilMeetingView['ballots'][number]): Html | string {
  if (b.votesFor === null) return badge('Chưa biểu quyết', 'info');
  if (b.passed === null) return badge('Ghi nhận', 'info');
  return b.passed ? badge(b.byChair ? 'Đạt (Chủ tịch quyết định)' : 'Đạt', 'ok') : badge('Không đạt', 'bad');
}

/** One meeting: attendance, the share per award and where it comes from, a ballot per proposal, closing, minutes. */
export function councilMeetingPage(frame: PageFrame, v: CouncilMeetingView): Html {
  const open = v.status === 'OPEN';
  const dis = open ? '' : 'disabled';
  return layout(
    { ...frame, title: `Họp ${COUNCIL} năm ${v.year}`, crumbs: [['Tổng quan', '/'], [COUNCIL, '/hoi-dong'], [`Năm ${v.year}`]] },
    html`<h1>Họp ${COUNCIL} xét khen thưởng năm ${v.year}</h1>
<section class="card"><p>${v.organizerName} · ngày ${dateVi(v.heldOn)} tại ${v.place} · Thư ký: ${v.minutesBy} · ${open ? badge('Chưa chốt', 'warn') : badge('Đã chốt', 'ok')}</p>
  <p>${v.memberCount} thành viên trong nhiệm kỳ; có mặt ${v.presentCount}; tham gia biểu quyết (kể cả ý kiến bằng văn bản) ${v.votingCount}.${v.quorumMet ? '' : ' Chưa đủ thành viên có mặt để chốt kết quả.'}</p>
  <ul>${v.shares.map((s) => html`<li>${s.basisText}</li>`)}</ul>
  ${open ? '' : html`<p><a data-download href="/api/council/meetings/${v.id}/minutes.pdf">Biên bản họp Hội đồng (PDF)</a></p>
  <p data-testid="council-next">Đã chốt kết quả: mở hồ sơ từng đề nghị đạt (tên đơn vị trong bảng biểu quyết) để phê duyệt.</p>`}
</section>
<section class="card" aria-labelledby="h-att"><h2 id="h-att">Thành phần</h2>
  ${open && v.members.every((x) => x.status === null) ? html`<p class="flash warn" role="status" data-testid="attendance-unsaved">Thành phần chưa được lưu: các ô đang gợi ý “${COUNCIL_ATTENDANCE_LABELS.PRESENT}”; chỉnh theo thực tế rồi bấm “Lưu thành phần” trước khi ghi phiếu.</p>` : ''}
  <form data-api="/api/council/meetings/${v.id}/attendance" data-method="PUT" data-success="Đã lưu thành phần." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${v.version}">
    <div class="table-wrap"><table><thead><tr><th scope="col">Thành viên</th><th scope="col">Tham dự</th></tr></thead><tbody>
    ${v.members.map((x, i) => html`<tr><th scope="row">${x.name}<br><small class="muted">${x.position} · ${x.roleLabel}</small><input type="hidden" name="entries.${i}.memberId" value="${x.id}"></th>
      <td><select name="entries.${i}.status" aria-label="Tham dự: ${x.name}" ${dis}>${COUNCIL_ATTENDANCE.map((s) => html`<option value="${s}" ${s === (x.status ?? 'PRESENT') ? 'selected' : ''}>${COUNCIL_ATTENDANCE_LABELS[s]}</option>`)}</select></td></tr>`)}
    </tbody></table></div>
    ${open ? html`<div class="actions"><button type="submit">Lưu thành phần</button></div>` : ''}
  </form>
</section>
<section class="card" aria-labelledby="h-ballots"><h2 id="h-ballots">Biểu quyết từng đề nghị</h2>
  ${v.ballots.length
    ? html`<form data-api="/api/council/meetings/${v.id}/ballots" data-method="PUT" data-success="Đã lưu kết quả biểu quyết." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${v.version}">
    <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Tập thể</th><th scope="col">Danh hiệu, hình thức khen thưởng</th><th scope="col" class="num">Số phiếu đồng ý</th><th scope="col">Chủ tịch đồng ý</th><th scope="col" class="num">Tỷ lệ</th><th scope="col">Kết quả</th></tr></thead><tbody>
    ${v.ballots.map((b, i) => html`<tr><th scope="row"><a href="/tham-dinh/${b.proposalId}">${b.unitName}</a><br><small class="muted">${b.clusterName}</small><input type="hidden" name="ballots.${i}.proposalId" value="${b.proposalId}"></th>
      <td data-label="Danh hiệu, hình thức">${b.awardLabel}</td>
      <td class="num" data-label="Số phiếu đồng ý"><input class="grid-input" name="ballots.${i}.votesFor" data-type="int" inputmode="numeric" value="${b.votesFor ?? ''}" aria-label="Số phiếu đồng ý: ${b.awardLabel} cho ${b.unitName}" ${dis}></td>
      <td data-label="Chủ tịch đồng ý"><input type="checkbox" name="ballots.${i}.chairFor" ${b.chairFor ? 'checked' : ''} aria-label="Chủ tịch Hội đồng đồng ý: ${b.unitName}" ${dis}></td>
      <td class="num" data-label="Tỷ lệ">${b.ratioText ?? ''}</td><td data-label="Kết quả">${resultBadge(b)}${b.requiredText ? html`<br><small class="muted">cần ${b.requiredText}</small>` : ''}</td></tr>`)}
    </tbody></table></div>
    <p class="muted"><small>“Chủ tịch đồng ý”: ý kiến của Chủ tịch Hội đồng, quyết định khi mức phải đạt là một nửa và số phiếu đồng ý đúng bằng một nửa số thành viên. Tên đơn vị mở hồ sơ đề nghị (phê duyệt sau khi chốt kết quả).</small></p>
    ${open ? html`<div class="actions"><button type="submit">Lưu kết quả biểu quyết</button></div>` : ''}
  </form>`
    : html`<p class="muted">Chưa có đề nghị khen thưởng năm ${v.year} nào gửi Bộ.</p>`}
</section>
${open
  ? html`<section class="card" aria-labelledby="h-close"><h2 id="h-close">Chốt kết quả</h2>
  <form data-api="/api/council/meetings/${v.id}/close" data-method="POST" data-success="Đã chốt kết quả họp Hội đồng." data-confirm="Chốt kết quả? Sau khi chốt không sửa được thành phần và phiếu." novalidate>${formMessage}
    <input type="hidden" name="version" data-type="int" value="${v.version}">
    <div class="field"><label for="conclusions">Kết luận (để trống: kết luận mặc định)</label><textarea id="conclusions" name="conclusions" data-type="optional"></textarea></div>
    <div class="field"><label for="close-reason">Lý do</label><input id="close-reason" name="reason" value="Chốt kết quả họp Hội đồng" required></div>
    <div class="actions"><button type="submit">Chốt kết quả</button></div>
  </form></section>`
  : ''}`,
  );
}

/** A member's term: to its own end, or to the organiser's end when the organiser ended first (Bộ TTTT, 28/02/2025). */
function term(x: CouncilMemberView, organizerEnd: string | null): string {
  const to = x.toDate && (!organizerEnd || x.toDate <= organizerEnd) ? x.toDate : organizerEnd;
  return `${dateVi(x.fromDate)} – ${to ? dateVi(to) : 'nay'}`;
}

/** A member's own form: a new position or role, a corrected period, or the end of the term (a new decision). */
function memberEdit(x: CouncilMemberView): Html {
  const id = (f: string) => `tv-${x.id}-${f}`;
  return html`<details><summary>Sửa, kết thúc nhiệm kỳ</summary>
    <form data-api="/api/council/members/${x.id}" data-method="PATCH" data-success="Đã cập nhật thành viên Hội đồng." novalidate>${formMessage}
      <input type="hidden" name="version" data-type="int" value="${x.version}">
      <div class="field"><label for="${id('position')}">Chức vụ</label><input id="${id('position')}" name="position" value="${x.position}" required></div>
      <div class="field"><label for="${id('role')}">Vai trò trong Hội đồng</label><select id="${id('role')}" name="role">${COUNCIL_ROLES.map((r) => html`<option value="${r}" ${r === x.role ? 'selected' : ''}>${COUNCIL_ROLE_LABELS[r]}</option>`)}</select></div>
      <div class="field"><label for="${id('from')}">Từ ngày</label><input id="${id('from')}" name="fromDate" data-type="date-vi" value="${dateVi(x.fromDate)}" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
      <div class="field"><label for="${id('to')}">Đến ngày (để trống: đang đương nhiệm)</label><input id="${id('to')}" name="toDate" data-type="date-vi-nullable" value="${x.toDate ? dateVi(x.toDate) : ''}" placeholder="dd/mm/yyyy" inputmode="numeric"></div>
      <div class="field"><label for="${id('reason')}">Căn cứ (quyết định kiện toàn, thôi giữ chức vụ…)</label><input id="${id('reason')}" name="reason" required></div>
      <div class="actions"><button type="submit" class="secondary">Lưu</button></div>
    </form>
  </details>`;
}
