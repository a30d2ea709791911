import type { ClusterView } from '../../clusters/clusters.dto';
import { dateVi } from '../format';
import { Html, html } from '../html';
import { PageFrame, layout } from './layout';
import { clusterHref } from './clusters.view';
import { notificationsCard } from './notifications.view';
import type { NotificationList } from '../../notifications/notifications.dto';

export interface DashboardTask {
  label: string;
  href: string;
  note?: string;
  /** The deadline (YYYY-MM-DD): the list shows the soonest first. */
  due?: string | null;
}

export interface Deadline {
  date: string;
  label: string;
  href: string;
}

/** The caller's unit ended (merged): what it is now. */
export interface EndedUnit {
  on: string;
  unitName: string;
  unitId: string;
  successorName: string | null;
}

export function dashboardPage(frame: PageFrame, d: { tasks: DashboardTask[]; deadlines: Deadline[]; clusters: ClusterView[]; today: string; ended: EndedUnit | null; notifications: NotificationList }): Html {
  return layout(
    { ...frame, title: 'Tổng quan' },
    html`<h1>Xin chào, ${frame.principal?.fullName}</h1>
<p class="muted">Hôm nay ${dateVi(d.today)}.</p>
${d.ended
  ? html`<p class="flash warn" role="status">${d.ended.unitName} đã kết thúc hoạt động ngày ${dateVi(d.ended.on)}${d.ended.successorName ? html`, nay là ${d.ended.successorName}` : ''}. Tài khoản này chỉ còn xem lịch sử của đơn vị; các việc mới do đơn vị kế thừa thực hiện. <a href="/don-vi/${d.ended.unitId}">Lịch sử đơn vị và đơn vị kế thừa</a></p>`
  : ''}
<div class="grid2">
<section class="card" aria-labelledby="h-tasks"><h2 id="h-tasks">Việc chờ bạn xử lý <span class="badge ${d.tasks.length ? 'warn' : 'ok'}">${d.tasks.length}</span></h2>
  ${d.tasks.length
    ? html`<ul class="tasks">${d.tasks.map((t) => html`<li><a href="${t.href}">${t.label}</a>${t.note ? html` <span class="muted">— ${t.note}</span>` : ''}</li>`)}</ul>`
    : html`<p class="muted">Không có việc nào đang chờ.</p>`}
</section>
<section class="card" aria-labelledby="h-deadlines"><h2 id="h-deadlines">Mốc thời gian sắp tới</h2>
  ${d.deadlines.length
    ? html`<ul class="tasks">${d.deadlines.map((x) => html`<li><strong>${dateVi(x.date)}</strong>: <a href="${x.href}">${x.label}</a></li>`)}</ul>`
    : html`<p class="muted">Không có mốc thời gian nào sắp tới.</p>`}
</section>
</div>
${notificationsCard(d.notifications, 5)}
<section class="card" aria-labelledby="h-clusters"><h2 id="h-clusters">Cụm thi đua của bạn</h2>
  ${d.clusters.length ? html`<ul class="tasks">${d.clusters.map((c) => html`<li><a href="${clusterHref(c.id)}">${c.name}</a> <span class="muted">— ${c.organizerName}</span></li>`)}</ul>` : html`<p class="muted">Chưa có cụm nào trong phạm vi của bạn.</p>`}
</section>`,
  );
}
