import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import { AwardHistory } from '../awards/award-proposal.entities';
import { AwardsRepository } from '../awards/awards.repository';
import { Cluster } from '../clusters/cluster.entity';
import { Membership } from '../clusters/membership.entity';
import { EmulationYear } from '../clusters/emulation-year.entity';
import type { Principal } from '../common/auth/principal';
import { clusterHeading, clusterTag } from '../common/cluster-label';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { compareVi } from '../common/text';
import { formatDateVi, todayInVietnam } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { tableWorkbook } from '../documents/excel/table-workbook';
import { LeadershipTerm } from '../leadership/leadership-term.entity';
import type { RankingView } from '../scoring/scoring.dto';
import { ScoringService } from '../scoring/scoring.service';
import { Unit } from '../units/unit.entity';
import { UnitsRepository } from '../units/units.repository';
import { unitView } from '../units/units.service';
import { ClusterHistoryView, ClusterYearHistoryView, HistoryAwardView, HistoryUnitRef, UnitHistoryView } from './history.dto';

/**
 * Reports across the 2025 reorganisation: a unit's history with its predecessors (memberships and awards under the
 * names they had, with what each is now), and a cluster's years with the clusters it continues (members, chair,
 * published ranking and awards of each year).
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly units: UnitsRepository,
    private readonly awards: AwardsRepository,
    private readonly scoring: ScoringService,
  ) {}

  async unitHistory(p: Principal, unitId: string): Promise<UnitHistoryView> {
    const view = await this.unitRecord(p, unitId);
    // The published results of each year it (or a predecessor) was a member, read as the ranking page reads them.
    for (const ms of [...view.memberships].sort((a, b) => a.year - b.year)) {
      const ranking = await this.publishedRanking(p, ms.clusterId, ms.year);
      const row = ranking?.rows.find((r) => r.unit.id === ms.unit.id);
      if (!ranking || !row?.final) continue;
      view.scores.push({ year: ms.year, clusterId: ms.clusterId, clusterName: ms.clusterName, unit: ms.unit, total: row.final.total, rank: row.rank, units: ranking.rows.length, band: row.band });
    }
    return view;
  }

  /** The unit, its lineage, memberships and awards (one read transaction); its scores are added after. */
  private unitRecord(p: Principal, unitId: string): Promise<UnitHistoryView> {
    return this.uow.read(async (m) => {
      const unit = await this.units.findVisible(m, (qb, alias) => this.access.scopeUnits(qb, alias, p), unitId);
      if (!unit) throw AppException.notFound('đơn vị');
      const predecessorIds = await this.units.predecessorIds(m, unit.id);
      const lineage = [unit.id, ...predecessorIds];
      const units = await this.units.byIds(m, lineage);
      const ref = await this.refs(m, p);
      const successors = (await this.units.successorChain(m, unit.id)).slice(1);
      const memberships = await m.find(Membership, { where: { unitId: In(lineage) }, order: { year: 'DESC' } });
      const clusters = await this.clusterMap(m, memberships.map((ms) => ms.clusterId));
      const readable = await this.access.permitted(m, p, Permission.ClusterRead, [...clusters.keys()]);
      const opened = new Set((await m.find(EmulationYear, { select: { clusterId: true, year: true }, where: { clusterId: In([...clusters.keys()]) } })).map((y) => `${y.clusterId}:${y.year}`));
      return {
        unit: unitView(unit),
        predecessors: predecessorIds.map((id) => {
          const u = units.get(id)!;
          return { unit: ref(u), successorName: u.successorId ? (units.get(u.successorId)?.name ?? unit.name) : unit.name, basis: u.successionBasis, note: u.note };
        }),
        successors: successors.map((u) => ref(u)),
        memberships: memberships
          .filter((ms) => readable.has(ms.clusterId))
          .map((ms) => {
            const c = clusters.get(ms.clusterId)!;
            return { year: ms.year, clusterId: c.id, clusterName: c.name, organizerName: c.organizer?.name ?? '', unit: ref(units.get(ms.unitId)!), leftOn: ms.leftOn, opened: opened.has(`${ms.clusterId}:${ms.year}`) };
          }),
        awards: await this.awardsOf(m, ref, { unitIds: lineage }),
        scores: [],
      };
    });
  }

  /** A cluster-year's ranking when it is published and the caller may read it; null otherwise. */
  private async publishedRanking(p: Principal, clusterId: string, year: number): Promise<RankingView | null> {
    const ranking = await this.scoring.ranking(p, clusterId, year).catch((e: unknown) => {
      if (e instanceof AppException && e.status < 500) return null;
      throw e;
    });
    return ranking?.published ? ranking : null;
  }

  async clusterHistory(p: Principal, clusterId: string, from?: number, to?: number): Promise<ClusterHistoryView> {
    const view = await this.clusterYears(p, clusterId, from, to);
    // The published rankings, each read as the ranking page reads it (its own transaction, its cache).
    for (const y of view.years) {
      if (!y.clusterId || !y.readable) continue;
      const ranking = await this.publishedRanking(p, y.clusterId, y.year);
      y.published = !!ranking;
      if (!ranking) continue;
      y.ranking = ranking.rows.map((r) => ({ rank: r.rank, unit: y.members.find((x) => x.id === r.unit.id) ?? { id: r.unit.id, name: r.unit.name, shortName: r.unit.shortName, activeTo: null, nowName: null, opens: false }, total: r.final?.total ?? null, band: r.band }));
    }
    return view;
  }

  /** The years of a cluster and those it continues, without their rankings (one read transaction). */
  private clusterYears(p: Principal, clusterId: string, from?: number, to?: number): Promise<ClusterHistoryView> {
    return this.uow.read(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const chain = await this.predecessorChain(m, cluster);
      const last = to ?? Number(todayInVietnam().slice(0, 4));
      const first = from ?? last - 9;
      if (first > last || last - first > 30) throw AppException.field(ErrorCode.ValidationFailed, 'from', 'Khoảng năm phải từ 1 đến 31 năm, năm đầu không sau năm cuối.');
      const readable = await this.access.permitted(m, p, Permission.ClusterRead, chain.map((c) => c.id));
      const ref = await this.refs(m, p);
      const organizers = await this.units.byIds(m, chain.map((c) => c.organizerId));
      const memberships = await m.find(Membership, { where: { clusterId: In(chain.map((c) => c.id)) }, relations: { unit: true } });
      const terms = await m.find(LeadershipTerm, { where: { clusterId: In(chain.map((c) => c.id)) } });
      const opened = new Set((await m.find(EmulationYear, { where: { clusterId: In(chain.map((c) => c.id)) } })).map((y) => `${y.clusterId}:${y.year}`));
      const termUnits = await this.units.byIds(m, terms.flatMap((t) => [t.chairUnitId, t.viceChairUnitId].filter((x): x is string => !!x)));
      const years: ClusterYearHistoryView[] = [];
      for (let year = last; year >= first; year--) {
        // The cluster of the year: the newest in the chain with members that year.
        const holder = chain.find((c) => memberships.some((ms) => ms.clusterId === c.id && ms.year === year));
        if (!holder) {
          years.push({ year, clusterId: null, clusterName: null, organizerName: null, readable: true, opened: false, members: [], chairName: null, viceChairName: null, published: false, ranking: [], awards: [] });
          continue;
        }
        const base = { year, clusterId: holder.id, clusterName: holder.name, organizerName: organizers.get(holder.organizerId)?.name ?? '' };
        if (!readable.has(holder.id)) {
          years.push({ ...base, readable: false, opened: false, members: [], chairName: null, viceChairName: null, published: false, ranking: [], awards: [] });
          continue;
        }
        const members = memberships
          .filter((ms) => ms.clusterId === holder.id && ms.year === year)
          .map((ms) => ms.unit!)
          .sort((a, b) => compareVi(a.name, b.name))
          .map((u) => ref(u));
        const term = terms.find((t) => t.clusterId === holder.id && t.year === year);
        years.push({
          ...base,
          readable: true,
          opened: opened.has(`${holder.id}:${year}`),
          members,
          chairName: term ? (termUnits.get(term.chairUnitId)?.name ?? null) : null,
          viceChairName: term?.viceChairUnitId ? (termUnits.get(term.viceChairUnitId)?.name ?? null) : null,
          published: false,
          ranking: [],
          awards: await this.awardsOf(m, ref, { clusterId: holder.id, year }),
        });
      }
      return { clusterId: cluster.id, name: cluster.name, organizerName: organizers.get(cluster.organizerId)?.name ?? '', from: first, to: last, years };
    });
  }

  async unitHistoryXlsx(p: Principal, unitId: string): Promise<{ fileName: string; content: Buffer }> {
    const h = await this.unitRecord(p, unitId);
    const content = await tableWorkbook(
      'Lịch sử khen thưởng',
      `LỊCH SỬ KHEN THƯỞNG CỦA ${h.unit.name.toUpperCase()}${h.predecessors.length ? ' VÀ CÁC ĐƠN VỊ TIỀN THÂN' : ''}`,
      [
        { header: 'Năm', width: 8, value: (a: HistoryAwardView) => a.year },
        { header: 'Đơn vị được khen (tên lúc được khen)', width: 46, value: (a) => a.unit.name },
        { header: 'Danh hiệu', width: 30, value: (a) => a.awardLabel },
        { header: 'Quyết định', width: 24, value: (a) => a.decisionNumber },
        { header: 'Ngày quyết định', width: 16, value: (a) => formatDateVi(a.decisionDate) },
        { header: 'Cụm thi đua (cơ quan tổ chức)', width: 40, value: (a) => clusterTag(a.clusterName, a.organizerName) },
        // A predecessor is now what the chain leads to (Sở TTTT Phú Yên: the Sở KH&CN of Đắk Lắk, not of Phú Yên, itself merged).
        { header: 'Ghi chú', width: 40, value: (a) => (a.unit.id === h.unit.id ? '' : `Đơn vị tiền thân${a.unit.nowName ? `, nay là ${a.unit.nowName}` : ` của ${h.unit.name}`}`) },
      ],
      h.awards,
    );
    return { fileName: `Lich-su-khen-thuong-${h.unit.code}.xlsx`, content };
  }

  async clusterHistoryXlsx(p: Principal, clusterId: string, from?: number, to?: number): Promise<{ fileName: string; content: Buffer }> {
    const h = await this.clusterHistory(p, clusterId, from, to);
    type Row = { year: number; cluster: string; unit: HistoryUnitRef | null; role: string; rank: string; total: number | null; awards: string; note: string };
    const rows: Row[] = [];
    for (const y of [...h.years].reverse()) {
      if (!y.clusterId || !y.readable) {
        rows.push({ year: y.year, cluster: y.clusterName ?? '', unit: null, role: '', rank: '', total: null, awards: '', note: y.clusterId ? 'Ngoài phạm vi xem của tài khoản' : 'Không có thành viên' });
        continue;
      }
      for (const u of y.members) {
        const r = y.ranking.find((x) => x.unit.id === u.id);
        rows.push({
          year: y.year,
          cluster: clusterTag(y.clusterName ?? '', y.organizerName ?? ''),
          unit: u,
          role: y.chairName === u.name ? 'Cụm trưởng' : y.viceChairName === u.name ? 'Cụm phó' : '',
          rank: r?.rank ? String(r.rank) : y.published ? 'Chưa xếp hạng' : 'Chưa công bố',
          total: r?.total ?? null,
          awards: y.awards.filter((a) => a.unit.id === u.id).map((a) => `${a.awardLabel} (QĐ ${a.decisionNumber})`).join('; '),
          note: u.nowName ? `Nay là ${u.nowName}` : '',
        });
      }
    }
    const content = await tableWorkbook(
      'Lịch sử cụm',
      `${clusterHeading(h.name, h.organizerName)} – THÀNH VIÊN, XẾP HẠNG VÀ KHEN THƯỞNG ${h.from}–${h.to}`,
      [
        { header: 'Năm', width: 8, value: (r: Row) => r.year },
        { header: 'Cụm (cơ quan tổ chức)', width: 40, value: (r) => r.cluster },
        { header: 'Đơn vị thành viên', width: 44, value: (r) => r.unit?.name ?? '' },
        { header: 'Vị trí', width: 12, value: (r) => r.role },
        { header: 'Xếp hạng', width: 14, value: (r) => r.rank },
        { header: 'Điểm', width: 10, value: (r) => r.total },
        { header: 'Khen thưởng', width: 40, value: (r) => r.awards },
        { header: 'Ghi chú', width: 40, value: (r) => r.note },
      ],
      rows,
    );
    return { fileName: `Lich-su-${h.name.replace(/\s+/g, '-')}-${h.from}-${h.to}.xlsx`, content };
  }

  /** The cluster and those it continues, newest first (bounded). */
  private async predecessorChain(m: EntityManager, cluster: Cluster): Promise<Cluster[]> {
    const chain = [cluster];
    while (chain.length < 10 && chain[chain.length - 1].predecessorId) {
      const next = await m.findOne(Cluster, { where: { id: chain[chain.length - 1].predecessorId! } });
      if (!next || chain.some((c) => c.id === next.id)) break;
      chain.push(next);
    }
    return chain;
  }

  private async clusterMap(m: EntityManager, ids: string[]): Promise<Map<string, Cluster>> {
    const unique = [...new Set(ids)];
    const rows = unique.length ? await m.find(Cluster, { where: { id: In(unique) }, relations: { organizer: true } }) : [];
    return new Map(rows.map((c) => [c.id, c]));
  }

  /**
   * A unit as history shows it: with what it is now when it has ended ("nay là …"), and whether the caller may open
   * its page (the pages link it only then).
   */
  private async refs(m: EntityManager, p: Principal): Promise<(u: Unit) => HistoryUnitRef> {
    const all = await m.find(Unit, { select: { id: true, name: true, shortName: true, activeTo: true, successorId: true } });
    const visible = new Set((await this.access.scopeUnits(m.createQueryBuilder(Unit, 'u').select('u.id', 'id'), 'u', p).getRawMany<{ id: string }>()).map((r) => r.id));
    const byId = new Map(all.map((u) => [u.id, u]));
    // What a unit is now: through the mergers already in effect (one recorded ahead of its date has not happened yet).
    const today = todayInVietnam();
    const now = (u: Unit): Unit => {
      let cur = u;
      for (let hops = 0; cur.successorId && cur.activeTo && cur.activeTo < today && byId.has(cur.successorId) && hops < 10; hops++) cur = byId.get(cur.successorId)!;
      return cur;
    };
    return (u) => {
      const current = u.successorId ? now(u) : null;
      return { id: u.id, name: u.name, shortName: u.shortName, activeTo: u.activeTo, nowName: current && current.id !== u.id ? current.name : null, opens: visible.has(u.id) };
    };
  }

  private async awardsOf(m: EntityManager, ref: (u: Unit) => HistoryUnitRef, where: { unitIds?: string[]; clusterId?: string; year?: number }): Promise<HistoryAwardView[]> {
    const rows = await m.find(AwardHistory, {
      where: where.unitIds ? { unitId: In(where.unitIds) } : { clusterId: where.clusterId, year: where.year },
      order: { year: 'DESC', awardCode: 'ASC' },
    });
    if (!rows.length) return [];
    const labels = await this.awards.labels(m);
    const units = await this.units.byIds(m, rows.map((r) => r.unitId));
    const clusters = await this.clusterMap(m, rows.map((r) => r.clusterId));
    return rows.map((r) => ({
      year: r.year,
      award: r.awardCode,
      awardLabel: labels[r.awardCode],
      unit: ref(units.get(r.unitId)!),
      clusterName: clusters.get(r.clusterId)?.name ?? '',
      organizerName: clusters.get(r.clusterId)?.organizer?.name ?? '',
      decisionNumber: r.decisionNumber,
      decisionDate: r.decisionDate,
    }));
  }
}
