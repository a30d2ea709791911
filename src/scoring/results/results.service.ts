import { Injectable } from '@nestjs/common';
import { clusterHeadingOf } from '../../clusters/cluster-tag';
import type { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/roles';
import { CRITERION_KIND_LABELS } from '../../criteria/criteria.rules';
import { CriteriaRepository } from '../../criteria/criteria.repository';
import { UnitOfWork } from '../../database/unit-of-work';
import { tableWorkbook } from '../../documents/excel/table-workbook';
import { ScoringService } from '../scoring.service';
import { criterionAggregates, unitResults } from './results.rules';
import type { ResultsView, UnitResultView } from './results.dto';

const hundredths = (points: number) => Math.round(points * 100);
const points = (h: number | null) => (h === null ? null : h / 100);

/**
 * Per-criterion results: each unit's final points per criterion, the cluster's mean and best, and where it lost
 * points. Read from the ranking (which checks the caller's access and, for members, that the year is published);
 * a member sees its own units' rows only, the aggregates being over every ranked unit.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly scoring: ScoringService,
    private readonly criteria: CriteriaRepository,
  ) {}

  async results(p: Principal, clusterId: string, year: number): Promise<ResultsView> {
    const ranking = await this.scoring.ranking(p, clusterId, year);
    const leaves = await this.uow.read(async (m) => {
      const set = await this.criteria.latest(m, clusterId, year);
      return set ? this.criteria.leaves(m, set.id) : [];
    });
    const inputs = ranking.rows.map((r) => ({ unitId: r.unit.id, entries: r.finalPoints && Object.fromEntries(Object.entries(r.finalPoints).map(([code, v]) => [code, hundredths(v)])) }));
    const aggregates = criterionAggregates(leaves, inputs);
    const own = p.role === Role.UnitOfficer;
    const shown = own ? inputs.filter((r) => p.unitIds.includes(r.unitId)) : inputs;
    const byUnit = new Map(ranking.rows.map((r) => [r.unit.id, r]));
    const units: UnitResultView[] = unitResults(leaves, shown, aggregates).map((u) => {
      const row = byUnit.get(u.unitId)!;
      return {
        unit: row.unit,
        rank: row.rank,
        total: row.final?.total ?? null,
        band: row.band,
        lostTotal: u.lostTotal / 100,
        losses: u.losses.map((l) => ({ code: l.code, lost: l.lost / 100 })),
        criteria: u.criteria.map((c) => ({
          code: c.code,
          points: points(c.points),
          lost: points(c.lost),
          behindBest: points(c.behindBest),
          // The working of a measured criterion and the explanation round's answer, as the ranking gave them.
          notes: row.reasons.filter((x) => x.startsWith(`${c.code}:`) || x.startsWith(`Giải trình ${c.code}:`)),
        })),
      };
    });
    return {
      clusterId,
      year,
      published: ranking.published,
      scope: own ? 'OWN' : 'ALL',
      criteria: leaves.map((l, i) => ({
        code: l.code,
        text: l.text,
        kind: l.kind,
        kindLabel: CRITERION_KIND_LABELS[l.kind],
        maxPoints: l.maxPoints / 100,
        clusterMean: points(aggregates[i].mean),
        clusterBest: points(aggregates[i].best),
        units: aggregates[i].units,
      })),
      units,
    };
  }

  /** The same as a workbook: one line per unit and criterion, with the cluster's mean and best. */
  async xlsx(p: Principal, clusterId: string, year: number): Promise<{ fileName: string; content: Buffer }> {
    const view = await this.results(p, clusterId, year);
    // The ranking read above checked the caller's access to the cluster.
    const heading = await this.uow.read((m) => clusterHeadingOf(m, clusterId));
    const criteria = new Map(view.criteria.map((c) => [c.code, c]));
    type Line = { unit: UnitResultView; c: UnitResultView['criteria'][number] };
    const lines: Line[] = view.units.flatMap((unit) => unit.criteria.map((c) => ({ unit, c })));
    const content = await tableWorkbook<Line>(
      'Kết quả theo tiêu chí',
      `KẾT QUẢ CHẤM ĐIỂM THEO TIÊU CHÍ NĂM ${year}${view.published ? '' : ' (CHƯA CÔNG BỐ)'}`,
      [
        { header: 'Đơn vị', width: 28, value: (l) => l.unit.unit.name },
        { header: 'Hạng', width: 7, value: (l) => l.unit.rank },
        { header: 'Mã', width: 8, value: (l) => l.c.code },
        { header: 'Tiêu chí', width: 50, value: (l) => criteria.get(l.c.code)!.text },
        { header: 'Loại', width: 12, value: (l) => criteria.get(l.c.code)!.kindLabel },
        { header: 'Điểm tối đa', width: 10, value: (l) => criteria.get(l.c.code)!.maxPoints },
        { header: 'Điểm đạt', width: 10, value: (l) => l.c.points },
        { header: 'Điểm bị mất', width: 10, value: (l) => l.c.lost },
        { header: 'Trung bình cụm', width: 11, value: (l) => criteria.get(l.c.code)!.clusterMean },
        { header: 'Cao nhất cụm', width: 11, value: (l) => criteria.get(l.c.code)!.clusterBest },
        { header: 'Cách tính, giải trình', width: 60, value: (l) => l.c.notes.join('\n') },
      ],
      lines,
      heading,
    );
    return { fileName: `Ket-qua-theo-tieu-chi-${year}.xlsx`, content };
  }
}
