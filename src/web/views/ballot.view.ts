import type { ClusterView } from '../../clusters/clusters.dto';
import type { BallotSessionView } from '../../awards/ballots/ballots.dto';
import type { AwardCode } from '../../awards/awards.rules';
import { Html, html } from '../html';
import { PageFrame, badge, formMessage, layout } from './layout';
import { clusterHref, yearHref } from './clusters.view';

const AWARD_LABELS: Record<AwardCode, string> = { EMULATION_FLAG: 'Cờ thi đua', CERTIFICATE_OF_MERIT: 'Bằng khen' };
const modeLabel = (s: BallotSessionView) => (s.mode === 'ONLINE' ? 'trực tuyến' : 'phiếu giấy');
export const ballotHref = (clusterId: string, year: number, id: string) => `${yearHref(clusterId, year)}/bo-phieu/${id}`;

/** Ballots issued, returned, valid, invalid, per candidate the votes and share: a closed ballot's tally. */
function tally(s: BallotSessionView): Html {
  const f = s.figures!;
  return html`<p>Số phiếu phát ra: <strong>${f.issued}</strong> · thu về: <strong>${f.returned}</strong> · hợp lệ: <strong>${f.valid}</strong> · không hợp lệ: <strong>${f.invalid}</strong></p>
  <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Ứng viên</th><th scope="col" class="num">Số phiếu đồng ý</th><th scope="col" class="num">Tỷ lệ (trên ${s.memberCount} thành viên)</th></tr></thead><tbody>
  ${s.candidates.map((c) => html`<tr><th scope="row">${c.unit.name}</th><td class="num" data-label="Số phiếu đồng ý">${c.votes}</td><td class="num" data-label="Tỷ lệ">${c.shareText}</td></tr>`)}</tbody></table></div>
  <p>Ban kiểm phiếu: ${s.countingCommittee.join('; ')}</p>
  ${s.figures && s.writtenOpinions.length ? html`<p>Ý kiến bằng văn bản: ${s.writtenOpinions.length} · ${s.writtenOpinionsCounted ? 'đã tính vào số phiếu đồng ý' : 'không tính vào kết quả'}.</p>` : ''}
  ${s.tieReason ? html`<p>Quyết định của chủ trì về trường hợp đồng phiếu: ${s.tieReason}</p>` : ''}`;
}

/** Who has voted (never how): the live count the secretariat follows. */
const roll = (s: BallotSessionView) =>
  html`<p><strong>${s.votedCount}/${s.roll.length}</strong> đơn vị đã bỏ phiếu.</p>
  <ul>${s.roll.map((r) => html`<li>${r.unit.name}: ${r.voted ? badge('Đã bỏ phiếu', 'ok') : badge('Chưa bỏ phiếu', 'warn')}</li>`)}</ul>`;

/** The paper counts' entry: two people enter them, each on their own. */
function paperForm(s: BallotSessionView): Html {
  const figure = (name: string, label: string) => html`<div class="field"><label for="${s.id}-${name}">${label}</label><input id="${s.id}-${name}" name="${name}" data-type="int" inputmode="numeric" required></div>`;
  return html`<form data-api="/api/ballot-sessions/${s.id}/paper-counts" data-method="POST" data-success="Đã ghi nhận lần nhập kết quả kiểm phiếu." novalidate>${formMessage}
    <p class="muted"><small>Đã nhập: ${s.paperEntries.length ? s.paperEntries.map((e) => `lần ${e.turn} (${e.enteredBy})`).join(', ') : 'chưa có lần nào'}. Hai người nhập độc lập; kết quả chỉ được chấp nhận khi hai lần nhập khớp nhau.</small></p>
    <div class="grid2">${figure('issued', 'Số phiếu phát ra')}${figure('returned', 'Số phiếu thu về')}${figure('valid', 'Số phiếu hợp lệ')}${figure('invalid', 'Số phiếu không hợp lệ')}</div>
    ${s.candidates.map((c, i) => html`<div class="field"><input type="hidden" name="votes.${i}.unitId" value="${c.unit.id}"><label for="${s.id}-v${i}">Số phiếu đồng ý: ${c.unit.name}</label><input id="${s.id}-v${i}" name="votes.${i}.votes" data-type="int" inputmode="numeric" required></div>`)}
    <div class="actions"><button type="submit">Ghi nhận kết quả kiểm phiếu</button></div></form>`;
}

/** Written opinions of absent members: the letters recorded, and for the secretariat the form that records one. */
function opinions(s: BallotSessionView, absent: Array<{ id: string; name: string }>, canManage: boolean): Html {
  const left = absent.filter((u) => !s.writtenOpinions.some((o) => o.unit.id === u.id));
  return html`<h4>Ý kiến bằng văn bản của thành viên vắng mặt</h4><p class="muted"><small>${s.writtenOpinionsNote}</small></p>
  ${s.writtenOpinions.length ? html`<ul>${s.writtenOpinions.map((o) => html`<li>${o.unit.name}: ${o.approved === null ? html`<span class="muted">đã nhận ý kiến; nội dung công bố khi đóng phiên</span>` : `đồng ý ${o.approved.length ? o.approved.map((u) => u.shortName).join(', ') : 'không ứng viên nào'}`}${o.approved !== null || canManage ? html` · <a data-download href="/api/ballot-sessions/${s.id}/written-opinions/${o.id}">${o.fileName}</a>` : ''}</li>`)}</ul>` : ''}
  ${canManage && s.status === 'OPEN' && left.length
    ? html`<form data-api="/api/ballot-sessions/${s.id}/written-opinions" data-method="POST" enctype="multipart/form-data" data-busy="Đang tải lên…" data-success="Đã ghi nhận ý kiến bằng văn bản." novalidate>${formMessage}
      <div class="field"><label for="wo-unit-${s.id}">Thành viên vắng mặt</label><select id="wo-unit-${s.id}" name="unitId">${left.map((u) => html`<option value="${u.id}">${u.name}</option>`)}</select></div>
      <fieldset class="checks field"><legend>Đồng ý theo văn bản (tối đa ${s.quota})</legend><div class="check-list">
      ${s.candidates.map((c, i) => html`<div class="check-row"><input type="checkbox" id="wo-${s.id}-${i}" name="choices" value="${c.unit.id}"><label for="wo-${s.id}-${i}">${c.unit.name}</label></div>`)}</div></fieldset>
      <div class="field"><label for="wo-file-${s.id}">Văn bản ý kiến (bản quét)</label><input id="wo-file-${s.id}" name="file" type="file" required accept=".pdf,.png,.jpg,.jpeg" data-max-bytes="${20 * 1024 * 1024}"></div>
      <div class="actions"><button type="submit" class="secondary">Ghi nhận ý kiến bằng văn bản</button></div></form>`
    : ''}`;
}

/** The secret ballots of the meeting: on the meeting page, for everyone; opening and closing for the secretariat. */
export function ballotSection(clusterId: string, year: number, sessions: BallotSessionView[], canManage: boolean, absent: Array<{ id: string; name: string }> = [], labels: Partial<Record<AwardCode, string>> = {}): Html {
  const free = (['EMULATION_FLAG', 'CERTIFICATE_OF_MERIT'] as const).filter((a) => !sessions.some((s) => s.award === a));
  return html`<section class="card" aria-labelledby="h-secret"><h2 id="h-secret">Bỏ phiếu kín</h2>
  <p class="muted"><small>Mỗi đơn vị có mặt bỏ phiếu một lần từ tài khoản của mình; hệ thống ghi nhận đơn vị đã bỏ phiếu nhưng không ghi ai bỏ phiếu nào. Khi đóng phiên, kết quả được công bố kèm các phiếu theo mã biên nhận để mỗi đơn vị tự kiểm tra và ai cũng kiểm đếm lại được.</small></p>
  ${sessions.map((s) => html`<article class="card" aria-labelledby="h-s-${s.id}"><h3 id="h-s-${s.id}">${s.awardLabel} (chỉ tiêu ${s.quota}, ${modeLabel(s)}) ${s.status === 'OPEN' ? badge('Đang bỏ phiếu', 'warn') : badge('Đã đóng', 'ok')}</h3>
    <p><a href="${ballotHref(clusterId, year, s.id)}">${s.status === 'OPEN' ? (s.mode === 'ONLINE' ? 'Trang bỏ phiếu' : 'Chi tiết phiên') : 'Kết quả và các phiếu theo mã biên nhận'}</a></p>
    ${s.status === 'CLOSED' ? tally(s) : s.mode === 'ONLINE' ? roll(s) : canManage ? paperForm(s) : ''}
    ${absent.length || s.writtenOpinions.length ? opinions(s, absent, canManage) : ''}
    ${canManage && s.status === 'OPEN'
      ? html`<form data-api="/api/ballot-sessions/${s.id}/close" data-method="POST" data-success="Đã đóng phiên bỏ phiếu và công bố kết quả." data-confirm="Đóng phiên bỏ phiếu ${s.awardLabel}? Kết quả không thể thay đổi sau khi đóng." novalidate>${formMessage}
        <input type="hidden" name="version" data-type="int" value="${s.version}">
        <div class="field"><label for="committee-${s.id}">Ban kiểm phiếu (mỗi người một dòng: họ tên, chức vụ)</label><textarea id="committee-${s.id}" name="countingCommittee" data-type="list" required></textarea></div>
        <div class="actions"><button type="submit">Đóng phiên và công bố kết quả</button></div></form>`
      : ''}</article>`)}
  ${canManage && free.length
    ? html`<form data-api="/api/clusters/${clusterId}/years/${year}/review-meeting/ballot-sessions" data-method="POST" data-success="Đã mở phiên bỏ phiếu." novalidate>${formMessage}
      <div class="grid2"><div class="field"><label for="ballot-award">Danh hiệu, hình thức khen thưởng</label><select id="ballot-award" name="award">${free.map((a) => html`<option value="${a}">${labels[a] ?? AWARD_LABELS[a]}</option>`)}</select></div>
      <div class="field"><label for="ballot-mode">Cách bỏ phiếu</label><select id="ballot-mode" name="mode"><option value="ONLINE">Bỏ phiếu trực tuyến trên hệ thống</option><option value="PAPER">Phiếu giấy (hai người nhập kết quả)</option></select></div></div>
      <p class="muted"><small>Ứng viên: các đơn vị đủ điều kiện theo kết quả xếp hạng và chỉ tiêu; đại biểu: các đơn vị có mặt. Phiên chỉ mở khi đủ số thành viên có mặt theo quy chế của cụm.</small></p>
      <div class="actions"><button type="submit">Mở phiên bỏ phiếu</button></div></form>`
    : ''}</section>`;
}

/**
 * A ballot's own page. Open: the voting form for a unit of the roll that has not voted (the receipt shown once), or
 * who has voted. Closed: the tally and every ballot by its receipt code.
 */
export function ballotPage(frame: PageFrame, cluster: ClusterView, year: number, s: BallotSessionView, mine: Array<{ id: string; name: string }>): Html {
  const crumbs: PageFrame['crumbs'] = [['Tổng quan', '/'], ['Cụm thi đua', '/cum'], [cluster.name, clusterHref(cluster.id)], [`Năm ${year}`, yearHref(cluster.id, year)], ['Họp bình xét', `${yearHref(cluster.id, year)}/binh-xet`], [`Bỏ phiếu ${s.awardLabel}`]];
  const vote = s.status === 'OPEN' && s.mode === 'ONLINE' && mine.length
    ? html`<section class="card" aria-labelledby="h-vote"><h2 id="h-vote">Phiếu bầu</h2>
      <form data-api="/api/ballot-sessions/${s.id}/votes" data-method="POST" data-on-success="showReceipt" data-confirm="Gửi phiếu? Mỗi đơn vị chỉ bỏ phiếu một lần, không sửa được." novalidate>${formMessage}
        ${mine.length > 1
          ? html`<div class="field"><label for="vote-unit">Đơn vị bỏ phiếu</label><select id="vote-unit" name="unitId">${mine.map((u) => html`<option value="${u.id}">${u.name}</option>`)}</select></div>`
          : html`<p>Đơn vị bỏ phiếu: <strong>${mine[0].name}</strong></p><input type="hidden" name="unitId" value="${mine[0].id}">`}
        <fieldset class="checks field"><legend>Đồng ý đề nghị ${s.awardLabel} (tối đa ${s.quota} đơn vị)</legend><div class="check-list">
        ${s.candidates.map((c, i) => html`<div class="check-row"><input type="checkbox" id="choice-${i}" name="choices" data-type="values" value="${c.unit.id}"><label for="choice-${i}">${c.unit.name}</label></div>`)}
        </div></fieldset>
        <div class="actions"><button type="submit">Gửi phiếu</button></div></form>
      <div data-role="receipt" hidden tabindex="-1"><h3>Đã bỏ phiếu</h3><p>Mã biên nhận của phiếu: <strong><code data-role="receipt-code"></code></strong></p>
        <p class="muted"><small>Mã chỉ hiển thị một lần và hệ thống không lưu mã này cùng đơn vị của bạn: hãy ghi lại. Khi đóng phiên, tìm mã này trong danh sách phiếu để kiểm tra phiếu của mình được tính đúng.</small></p>
        <p><a href="">Tải lại trang</a></p></div></section>`
    : '';
  const published = s.status === 'CLOSED' && s.mode === 'ONLINE'
    ? html`<section class="card" aria-labelledby="h-receipts"><h2 id="h-receipts">Các phiếu theo mã biên nhận</h2>
      <p class="muted"><small>Mỗi đơn vị tìm mã biên nhận của mình để kiểm tra phiếu được tính đúng như đã bỏ; cộng các phiếu dưới đây ra đúng kết quả trên.</small></p>
      <div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Mã biên nhận</th><th scope="col">Các đơn vị được đồng ý</th></tr></thead><tbody>
      ${s.ballots.map((b) => html`<tr id="phieu-${b.receipt}"><td data-label="Mã biên nhận"><code>${b.receipt}</code></td><td data-label="Được đồng ý">${b.approved.length ? b.approved.map((u) => u.shortName).join(', ') : html`<span class="muted">(không đồng ý ứng viên nào)</span>`}</td></tr>`)}
      </tbody></table></div></section>`
    : '';
  return layout(
    { ...frame, title: `Bỏ phiếu ${s.awardLabel} năm ${year}`, crumbs, scripts: ['ballot.js'] },
    html`<h1>Bỏ phiếu kín: ${s.awardLabel} năm ${year}</h1>
<section class="card"><p>${cluster.name} · chỉ tiêu ${s.quota} · ${modeLabel(s)} · ${s.status === 'OPEN' ? badge('Đang bỏ phiếu', 'warn') : badge('Đã đóng', 'ok')}</p>
  <p>Ứng viên: ${s.candidates.map((c) => c.unit.shortName).join(', ')}</p></section>
${vote}
<section class="card" aria-labelledby="h-result"><h2 id="h-result">${s.status === 'CLOSED' ? 'Kết quả kiểm phiếu' : 'Tình hình bỏ phiếu'}</h2>${s.status === 'CLOSED' ? tally(s) : s.mode === 'ONLINE' ? roll(s) : html`<p>Phiếu giấy: kết quả được nhập sau khi kiểm phiếu.</p>`}</section>
${published}`,
  );
}
