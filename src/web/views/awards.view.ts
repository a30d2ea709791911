import type { ClusterView, MemberView } from '../../clusters/clusters.dto';
import type { MeetingView } from '../../awards/awards.dto';
import type { ProposalView } from '../../awards/proposals.service';
import { ATTENDANCE_LABELS, ATTENDANCE } from '../../awards/award.entities';
import { dateVi, pointsVi } from '../format';
import { todayInVietnam } from '../../common/time';
import { organizerWord } from '../../common/cluster-label';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';
import type { UploadedFileView } from '../../attachments/attachments.dto';
import { reportsBlock } from './reports.view';
import type { BallotSessionView } from '../../awards/ballots/ballots.dto';
import { ballotSection } from './ballot.view';
import type { TermView } from '../../leadership/leadership.dto';

const STATUS_TONE: Record<string, 'ok' | 'warn' | 'bad' | 'info'> = { APPROVED: 'ok', REJECTED: 'bad', RETURNED: 'bad', SUBMITTED: 'warn', IN_REVIEW: 'warn', DRAFT: 'info' };
export const proposalBadge = (p: ProposalView) => badge(p.statusLabel, STATUS_TONE[p.status] ?? 'info');

function proposalActions(pr: ProposalView, org: string): Html {
  const form = (action: string, label: string, extra: Html | string = '', confirm = '') =>
    html`<form data-api="/api/proposals/${pr.id}/${action}" data-method="POST" data-success="${action === 'resubmit' ? `Đã gửi lại đề nghị lên ${org}.` : action === 'submit' ? `Đã gửi đề nghị lên ${org}.` : 'Đã cập nhật đề nghị.'}" ${confirm ? html`data-confirm="${confirm}"` : ''} class="inline" novalidate>${formMessage}<input type="hidden" name="version" data-type="int" value="${pr.version}">${extra}<button type="submit" class="secondary">${label}</button></form>`;
  if (pr.status === 'DRAFT') return form('submit', `Gửi ${org}`, '', `Gửi riêng đề nghị ${pr.awardLabel} cho ${pr.unit.name} lên ${org}? Mỗi lần gửi, cụm ban hành một tờ trình kèm theo (để gửi các đề nghị trong một tờ trình, dùng nút gửi cùng lúc bên dưới). Sau khi gửi, cụm chỉ sửa được khi ${org} trả lại.`);
  if (pr.status === 'RETURNED')
    return form('resubmit', 'Gửi lại', html`<div class="field"><label for="rs-${pr.id}">Nội dung bổ sung (bắt buộc)</label> <textarea id="rs-${pr.id}" name="reason" rows="3" required data-type="optional" aria-describedby="rs-${pr.id}-hint"></textarea><small id="rs-${pr.id}-hint" class="muted">Tải báo cáo, tài liệu bổ sung ở mục “Báo cáo thành tích” bên dưới trước khi gửi lại.</small></div>`);
  return html``;
}

/** What the meeting page shows besides the meeting: reports, ballots, whether results are published, the Tờ trình waiting. */
export interface MeetingPageExtras {
  reports?: Map<string, UploadedFileView[]>;
  sessions?: BallotSessionView[];
  published?: boolean;
  canPublish?: boolean;
  /** Why the Tờ trình of what was sent is not issued (a year re-entered waits for the original's date), or null. */
  awaitingIssue?: string | null;
  /** For a reader (not the secretariat): which of MINUTES, SUBMISSION, LIST the cluster issued (only those are linked). */
  issuedKinds?: Set<string>;
  /** The chair, vice-chair and host already recorded for the next year, if any (the election form starts from them). */
  nextTerm?: TermView | null;
  /** The next year's members, among whom its chair, vice-chair and host are elected (none: the election waits). */
  nextMembers?: MemberView[];
  /** The cluster that continues this one (a reorganisation), when next year has no members here. */
  successor?: ClusterView | null;
}

/**
 * The proposals that the meeting's result, computed now, no longer selects: the ballots, quotas, ratings or legal
 * catalogue were changed after they were made. They stand as made (and as sent); the page says so instead of letting
 * the table and the proposals disagree in silence.
 */
function outOfSelection(meeting: MeetingView, proposals: ProposalView[], canManage: boolean, org: string): Html | string {
  const selected = (pr: ProposalView) => !!meeting.results.find((r) => r.award === pr.award)?.candidates.find((c) => c.unit.id === pr.unit.id)?.selected;
  const drifted = proposals.filter((pr) => pr.status !== 'REJECTED' && !selected(pr));
  if (!drifted.length) return '';
  // The secretariat may still act on what the organiser has not decided; a decided one is only to be known.
  const open = drifted.some((pr) => pr.status !== 'APPROVED');
  const advice = canManage ? (open ? ` Nếu kết quả tính lại là đúng, trao đổi với ${org} về các đề nghị chưa có kết quả.` : ` Các đề nghị này đã có quyết định của ${org}.`) : '';
  return html`<p class="flash warn" role="status" data-testid="out-of-selection">Kết quả bình xét tính lại hiện nay không còn chọn: ${drifted.map((pr) => `${pr.awardLabel} cho ${pr.unit.name} (${pr.statusLabel.toLowerCase()})`).join('; ')}. Sau khi lập đề nghị, chỉ tiêu, kết quả chấm điểm và xếp hạng, xếp loại hoặc danh mục pháp lý đã thay đổi; đề nghị giữ nguyên như đã lập, đã gửi.${advice}</p>`;
}

/** A date to resend by, said to be past once it is. */
export function resubmitByText(date: string): string {
  return `${dateVi(date)}${date < todayInVietnam() ? ' (đã quá hạn)' : ''}`;
}

/** The confirmed proposals sent together: one sending, one Tờ trình (with the original's date for a re-entered year). */
function sendAllForm(base: string, drafts: ProposalView[], org: string): Html | string {
  if (!drafts.length) return '';
  const names = drafts.map((pr) => `${pr.awardLabel}: ${pr.unit.name}`).join('; ');
  return html`<form data-api="${base}/proposals/submit" data-method="POST" data-success="Đã gửi đề nghị lên ${org}." data-confirm="Gửi cùng lúc ${drafts.length} đề nghị lên ${org} (${names})? Cụm ban hành một tờ trình kèm theo; sau khi gửi, cụm chỉ sửa được khi ${org} trả lại." novalidate>${formMessage}
    ${drafts.map((pr, i) => html`<input type="hidden" name="proposals.${i}.id" value="${pr.id}"><input type="hidden" name="proposals.${i}.version" data-type="int" value="${pr.version}">`)}
    <div class="field"><label for="send-issuedOn">Ngày ban hành tờ trình gửi kèm</label><input id="send-issuedOn" name="issuedOn" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" aria-describedby="send-issuedOn-hint">
    <small id="send-issuedOn-hint" class="muted">Để trống: ngày gửi. Năm nhập lại sau khi đã qua: ghi ngày như trên văn bản gốc.</small></div>
    <button type="submit">Gửi ${org} ${drafts.length} đề nghị đã xác nhận</button></form>`;
}

export function meetingPage(frame: PageFrame, cluster: ClusterView, year: number, meeting: MeetingView | null, members: MemberView[], proposals: ProposalView[], canManage: boolean, extras: MeetingPageExtras = {}): Html {
  const { reports = new Map<string, UploadedFileView[]>(), sessions = [], published = true, canPublish = false, awaitingIssue = null, issuedKinds = new Set<string>(), nextTerm = null, nextMembers = [], successor = null } = extras;
  // Once proposals went to the ministry on the meeting's results, the meeting is final (the API refuses changes):
  // shown, not editable, with the reason.
  const final = proposals.some((x) => x.status !== 'DRAFT');
  const org = organizerWord(cluster.organizerName);
  // The meeting rests on the published ranking: nothing of it is recorded while the results are not (or no longer) published.
  const editable = canManage && !final && published;
  // Whoever may publish is led there; a later secretariat (after the hand-over) or a reviewer is told who does.
  const what = meeting ? 'ghi thành phần tham dự, kết quả bỏ phiếu và gửi đề nghị' : 'tạo cuộc họp';
  const unpublished = canManage && !published
    ? html`<p class="flash warn" role="status">Kết quả chấm điểm năm ${year} chưa được công bố: hội nghị bình xét phải căn cứ vào kết quả đã công bố. ${canPublish ? html`<a href="${yearHref(cluster.id, year)}/xep-hang">Chốt và công bố kết quả</a> trước khi ${what}.` : html`Đề nghị thư ký cụm năm ${year} hoặc cơ quan tổ chức cụm chốt và công bố kết quả trước khi ${what}.`}</p>`
    : '';
  const unitOptions = (chosen: string | undefined) => nextMembers.filter((m) => !m.leftOn).map((m) => html`<option value="${m.unit.id}" ${m.unit.id === chosen ? 'selected' : ''}>${m.unit.name}</option>`);
  // Typed counts stay for meetings recorded before the secret ballot; once a ballot opens, the results come from it.
  const typed = editable && !sessions.length;
  const base = `/api/clusters/${cluster.id}/years/${year}`;
  // Before anything is sent the secretariat's downloads are drafts: the cluster issues its documents when it sends.
  const draft = canManage && !final;
  const label = (name: string) => (draft ? `Dự thảo ${name.charAt(0).toLocaleLowerCase('vi')}${name.slice(1)}` : name);
  const links: Array<[string, string, string]> = [
    ['MINUTES', 'review-meeting/minutes.pdf', 'Biên bản họp bình xét (PDF)'],
    ['SUBMISSION', 'proposals/submission.pdf', 'Tờ trình đề nghị khen thưởng (PDF)'],
    ['LIST', 'proposals/list.pdf', 'Danh sách đề nghị (PDF)'],
  ];
  // One link (the list with its Excel copy); the secretariat's Tờ trình and list take the date typed above them.
  const link = ([k, path, name]: [string, string, string]) => {
    const dated = canManage && k !== 'MINUTES' ? html`data-date-field="issuedOn"` : '';
    return html`<li><a data-download ${dated} href="${base}/${path}">${label(name)}</a>${k === 'LIST' ? html` · <a data-download ${dated} href="${base}/proposals/list.xlsx">(Excel)</a>` : ''}</li>`;
  };
  // A reader (a reviewer, a member) reads what the cluster issued, nothing else: no date to choose, no drafts.
  const readerDocs = html`<section class="card" aria-labelledby="h-docs"><h2 id="h-docs">Hồ sơ, tài liệu</h2>
  ${issuedKinds.size
    ? html`<ul>${links.filter(([k]) => issuedKinds.has(k)).map(link)}</ul>`
    : html`<p class="muted">${cluster.name} chưa ban hành biên bản, tờ trình, danh sách đề nghị khen thưởng năm ${year}: cụm ban hành khi gửi đề nghị.</p>`}</section>`;
  const docs = !canManage ? readerDocs : html`<section class="card" aria-labelledby="h-docs"><h2 id="h-docs">Hồ sơ, tài liệu</h2>
  ${awaitingIssue ? html`<p class="flash warn" role="status" data-testid="awaiting-issue">Tờ trình của các đề nghị đã gửi chưa được ban hành. ${awaitingIssue}</p>` : ''}
  ${draft ? html`<p class="muted" data-testid="drafts-note">Chưa gửi đề nghị lên ${org}: tài liệu tải về là bản dự thảo, chưa có số và chữ ký số (tờ trình, danh sách chưa ghi ngày ban hành). Biên bản, tờ trình và danh sách được ban hành (đánh số, ký số) khi cụm gửi đề nghị.</p>` : ''}
  <div class="field"><label for="issuedOn">Ngày ban hành tờ trình</label><input id="issuedOn" name="issuedOn" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" aria-describedby="issuedOn-hint">
  <small id="issuedOn-hint" class="muted">Để trống: tải tờ trình cụm đã ban hành (chưa gửi thì bản dự thảo). Chỉ ghi cho năm nhập lại sau khi đã qua: ngày như trên văn bản gốc.</small>
  <details class="muted"><summary>Ngày này được dùng thế nào</summary><small>Khi gửi đề nghị, tờ trình được ban hành ghi ngày gửi; gửi thêm làm hồ sơ thay đổi thì có tờ trình mới, số mới. Bản dự thảo chưa gửi trích dẫn văn bản pháp luật còn hiệu lực hôm nay. Với năm nhập lại, ngày ghi ở đây (không trước ngày họp bình xét) được in trên tờ trình, cả bản dự thảo, và tờ trình trích dẫn văn bản pháp luật còn hiệu lực vào ngày đó.</small></details></div><ul>
    ${links.filter(([k]) => k === 'MINUTES' || proposals.length).map(link)}
    ${proposals.length ? '' : html`<li class="muted">Tờ trình và danh sách đề nghị: có khi cụm xác nhận đề nghị khen thưởng.</li>`}
  </ul></section>`;
  return layout(
    { ...frame, title: `Bình xét năm ${year}`, crumbs: [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Họp bình xét']] },
    html`<h1>Họp bình xét khen thưởng năm ${year}</h1>
${!meeting
  ? html`<div class="card"><p>Chưa có cuộc họp bình xét năm ${year}.</p>${unpublished}${canManage && published
      ? html`<form data-api="${base}/review-meeting" data-method="POST" data-success="Đã tạo cuộc họp." novalidate>${formMessage}
        <div class="field"><label for="heldOn">Ngày họp</label><input id="heldOn" name="heldOn" data-type="date-vi" placeholder="dd/mm/yyyy" inputmode="numeric" required></div>
        <div class="field"><label for="place">Địa điểm</label><input id="place" name="place" required></div>
        <div class="field"><label for="chairedBy">Người chủ trì (họ và tên, in ở chỗ ký)</label><input id="chairedBy" name="chairedBy" required></div>
        <div class="field"><label for="minutesBy">Thư ký hội nghị (họ và tên)</label><input id="minutesBy" name="minutesBy" required></div>
        <div class="actions"><button type="submit">Tạo cuộc họp</button></div></form>`
      : ''}</div>`
  : html`<section class="card"><p>Ngày ${dateVi(meeting.heldOn)} tại ${meeting.place} · Chủ trì: ${meeting.chairedBy} · Thư ký: ${meeting.minutesBy}</p>
     <p>${meeting.voters}/${meeting.memberCount} đơn vị tham gia biểu quyết · Mức đồng ý cụm áp dụng: ${meeting.results.filter((r) => r.requiredText).map((r) => `${r.awardLabel} ${r.requiredText}`).join('; ') || 'chưa có'}${meeting.ruleBasis ? ` (${meeting.ruleBasis})` : ''}</p>
     ${meeting.ruleInForce ? '' : html`<p class="flash warn">Năm ${year} chưa có quy định khen thưởng nào áp dụng: không có ngưỡng phiếu, chưa đơn vị nào được đề nghị.</p>`}</section>
  ${unpublished}
  ${canManage && final ? html`<p class="flash warn" role="status">Đã gửi đề nghị khen thưởng năm ${year} lên ${org} dựa trên kết quả hội nghị: thành phần tham dự và kết quả bỏ phiếu là căn cứ của đề nghị, không sửa được nữa.</p>` : ''}
  <section class="card" aria-labelledby="h-att"><h2 id="h-att">Thành phần tham dự</h2>
    <p class="muted"><small>Tỷ lệ nữ (%): của đơn vị trong năm ${year}, theo báo cáo của đơn vị; ghi trước khi mở phiên bỏ phiếu kín (sau đó thành phần tham dự không sửa được). Hệ thống dùng quy định ưu tiên tập thể có tỷ lệ nữ cao (Điều 4 nghị định hướng dẫn Luật Thi đua, khen thưởng) để chọn giữa các đơn vị đồng phiếu ở vị trí cuối, chỉ khi quy định đã được xác nhận trong mục Pháp lý và mọi đơn vị đồng phiếu đều có tỷ lệ nữ.</small></p>
    <form data-api="${base}/review-meeting/attendance" data-method="PUT" data-success="Đã lưu thành phần tham dự." novalidate>${formMessage}
      <input type="hidden" name="version" data-type="int" value="${meeting.version}">
      <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Đơn vị</th><th scope="col">Tham dự</th><th scope="col">Đại diện</th><th scope="col" class="num">Tỷ lệ nữ (%)</th></tr></thead><tbody>
      ${members.map((mem, i) => {
        // Every member has a row; one not recorded yet starts as present (the secretariat saves it explicitly).
        const a = meeting.attendance.find((x) => x.unit.id === mem.unit.id);
        const status = a?.status ?? 'PRESENT';
        return html`<tr><th scope="row">${mem.unit.name}<input type="hidden" name="entries.${i}.unitId" value="${mem.unit.id}">${a ? '' : html`<br><small class="muted">chưa ghi nhận</small>`}</th>
          <td data-label="Tham dự"><select name="entries.${i}.status" aria-label="Tham dự: ${mem.unit.name}" ${typed ? '' : 'disabled'}>${ATTENDANCE.map((s) => html`<option value="${s}" ${s === status ? 'selected' : ''}>${ATTENDANCE_LABELS[s]}</option>`)}</select></td>
          <td data-label="Đại diện"><input name="entries.${i}.representative" data-type="optional" value="${a?.representative ?? ''}" aria-label="Đại diện: ${mem.unit.name}" ${typed ? '' : 'disabled'}></td>
          <td class="num" data-label="Tỷ lệ nữ (%)"><input class="grid-input" name="entries.${i}.womenShare" data-type="decimal" inputmode="decimal" value="${pointsVi(a?.womenShare ?? null)}" aria-label="Tỷ lệ nữ (%): ${mem.unit.name}" ${typed ? '' : 'disabled'}></td></tr>`;
      })}</tbody></table></div>
      ${typed ? html`<div class="actions"><button type="submit">Lưu thành phần tham dự</button></div>` : ''}
    </form></section>
  ${ballotSection(cluster.id, year, sessions, editable, meeting.attendance.filter((a) => a.status === 'WRITTEN_OPINION').map((a) => ({ id: a.unit.id, name: a.unit.name })), Object.fromEntries(meeting.results.map((r) => [r.award, r.awardLabel])))}
  <section class="card" aria-labelledby="h-ballot"><h2 id="h-ballot">Kết quả bỏ phiếu</h2>
    <form data-api="${base}/review-meeting/ballots" data-method="PUT" data-success="Đã lưu phiếu bầu." novalidate>${formMessage}
      <input type="hidden" name="version" data-type="int" value="${meeting.version}">
      ${meeting.results.map((r, k) => {
        const offset = k * members.length;
        return html`<h3>${r.awardLabel} (chỉ tiêu ${r.quota})</h3>
        <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Đơn vị</th><th scope="col" class="num">Số phiếu đồng ý</th><th scope="col" class="num">Tỷ lệ</th><th scope="col">Kết quả</th></tr></thead><tbody>
        ${members.map((mem, i) => {
          const c = r.candidates.find((x) => x.unit.id === mem.unit.id);
          const n = offset + i;
          return html`<tr><th scope="row">${mem.unit.name}<input type="hidden" name="ballots.${n}.unitId" value="${mem.unit.id}"><input type="hidden" name="ballots.${n}.award" value="${r.award}"></th>
            <td class="num" data-label="Phiếu đồng ý"><input class="grid-input" name="ballots.${n}.votesFor" data-type="int" inputmode="numeric" value="${c?.votesFor ?? 0}" aria-label="Số phiếu ${r.awardLabel}: ${mem.unit.name}" ${typed ? '' : 'disabled'}></td>
            <td class="num" data-label="Tỷ lệ">${c?.ratioText ?? ''}</td>
            <td data-label="Kết quả">${c ? (c.selected ? badge('Được đề nghị', 'ok') : c.passed ? badge('Đạt ngưỡng', 'info') : c.required === null ? badge('Chưa có quy định', 'warn') : badge('Chưa đạt', 'warn')) : ''}${c && !c.eligible ? html`<br><small class="muted">${c.eligibilityReason}</small>` : ''}</td></tr>`;
        })}</tbody></table></div>
        ${r.tiedAtLastPlace.length ? html`<p class="flash warn">Đồng phiếu ở vị trí cuối: ${r.tiedAtLastPlace.map((u) => u.shortName).join(', ')} — cần quyết định của chủ trì.</p>` : ''}`;
      })}
      ${typed ? html`<div class="actions"><button type="submit">Lưu phiếu bầu</button></div>` : ''}
    </form></section>
  ${canManage
    ? html`<section class="card" aria-labelledby="h-elect"><h2 id="h-elect">Bầu Cụm trưởng, Cụm phó năm ${year + 1}</h2>
    <p class="muted"><small>Hội nghị bình xét năm ${year} bầu Cụm trưởng, Cụm phó năm sau trong số thành viên của cụm năm ${year + 1}; kết quả ghi vào lịch sử Cụm trưởng, Cụm phó của cụm.</small></p>
    ${!nextMembers.length
      ? successor
        ? html`<p class="flash warn" role="status" data-testid="election-waits">Cụm không có thành viên năm ${year + 1}: các đơn vị tiếp tục thi đua trong <a href="${clusterHref(successor.id)}">${successor.name} (${successor.organizerName})</a>, cụm tiếp nối cụm này; Cụm trưởng, Cụm phó năm ${year + 1} ghi nhận ở cụm đó.</p>`
        : html`<p class="flash warn" role="status" data-testid="election-waits">Cụm chưa có thành viên năm ${year + 1}: cơ quan tổ chức cụm cần ghi quyết định phân cụm năm ${year + 1} (trang Phân cụm) trước, rồi thư ký cụm ghi kết quả bầu.</p>`
      : html`${nextTerm ? html`<p data-testid="next-term">Đã ghi nhận năm ${year + 1}: Cụm trưởng <strong>${nextTerm.chair.name}</strong>${nextTerm.viceChair ? html`, Cụm phó <strong>${nextTerm.viceChair.name}</strong>` : ''}${nextTerm.host ? `, đơn vị đăng cai ${nextTerm.host.name}` : ''} (${nextTerm.methodLabel}). Ghi nhận lại nếu hội nghị bầu khác.</p>` : ''}
    <form data-api="${base}/review-meeting/election" data-method="POST" data-success="Đã ghi nhận kết quả bầu Cụm trưởng, Cụm phó năm ${year + 1}." novalidate>${formMessage}
      ${nextTerm ? html`<input type="hidden" name="version" data-type="int" value="${nextTerm.version}">` : ''}
      <div class="grid2">
        <div class="field"><label for="bau-truong">Cụm trưởng năm ${year + 1}</label><select id="bau-truong" name="chairUnitId" data-type="optional" required><option value="" ${nextTerm ? '' : 'selected'} disabled>— Chọn đơn vị được bầu —</option>${unitOptions(nextTerm?.chair.id)}</select></div>
        <div class="field"><label for="bau-pho">Cụm phó năm ${year + 1}</label><select id="bau-pho" name="viceChairUnitId" data-type="nullable"><option value="">Chưa bầu</option>${unitOptions(nextTerm?.viceChair?.id)}</select></div>
        <div class="field"><label for="bau-dang-cai">Đơn vị đăng cai năm ${year + 1}</label><select id="bau-dang-cai" name="hostUnitId" data-type="nullable"><option value="">Chưa xác định</option>${unitOptions(nextTerm?.host?.id)}</select></div>
        <div class="field"><label for="bau-ly-do">Ghi chú</label><input id="bau-ly-do" name="reason" data-type="optional"></div>
      </div>
      <div class="actions"><button type="submit">${nextTerm ? 'Ghi nhận lại kết quả bầu' : 'Ghi nhận kết quả bầu'}</button></div>
    </form>`}</section>`
    : ''}
  <section class="card" aria-labelledby="h-sugg"><h2 id="h-sugg">Đề nghị khen thưởng</h2>
    ${outOfSelection(meeting, proposals, canManage, org)}
    ${canManage && published
      ? meeting.results.map((r) =>
          r.candidates
            .filter((c) => c.selected && !proposals.some((pr) => pr.award === r.award && pr.unit.id === c.unit.id))
            .map(
              (c) => html`<form data-api="${base}/proposals" data-method="POST" data-success="Đã xác nhận đề nghị." class="actions" novalidate>${formMessage}
                <input type="hidden" name="award" value="${r.award}"><input type="hidden" name="unitId" value="${c.unit.id}">
                <span>Gợi ý: <strong>${r.awardLabel}</strong> cho ${c.unit.name} (${c.ratioText})</span><button type="submit">Xác nhận đề nghị</button></form>`,
            ),
        )
      : ''}
    ${proposals.length
      ? html`<div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Hình thức</th><th scope="col">Đơn vị</th><th scope="col">Tỷ lệ phiếu</th><th scope="col">Trạng thái</th><th scope="col">Thao tác</th></tr></thead><tbody>
        ${proposals.map((pr) => html`<tr><td data-label="Hình thức">${pr.awardLabel}</td><td data-label="Đơn vị">${pr.unit.name}</td><td data-label="Tỷ lệ phiếu">${pr.approvalText}</td><td data-label="Trạng thái">${proposalBadge(pr)}${pr.reviewNote && (pr.status === 'RETURNED' || pr.status === 'REJECTED') ? html`<br><small class="muted">${pr.reviewNote}</small>` : ''}${pr.resubmitBy ? html`<br><small>Hạn gửi bổ sung: ${resubmitByText(pr.resubmitBy)}</small>` : ''}${pr.decisionNumber ? html`<br><small>Quyết định số ${pr.decisionNumber}${pr.decisionDate ? ` ngày ${dateVi(pr.decisionDate)}` : ''}</small>` : ''}</td><td data-label="Thao tác">${canManage && published ? proposalActions(pr, org) : ''}</td></tr>`)}
        </tbody></table></div>${canManage && published ? sendAllForm(base, proposals.filter((pr) => pr.status === 'DRAFT'), org) : ''}`
      : html`<p class="muted">Chưa có đề nghị nào.</p>`}
  </section>
  ${proposals.length
    ? html`<section class="card" aria-labelledby="h-reports"><h2 id="h-reports">Báo cáo thành tích</h2>
    <p class="muted"><small>Mỗi đề nghị kèm báo cáo thành tích của đơn vị; ${org} đọc các báo cáo này khi thẩm định.</small></p>
    ${proposals.map((pr) => reportsBlock(pr, reports.get(pr.id) ?? [], canManage))}</section>`
    : ''}
  ${docs}`}`,
  );
}
