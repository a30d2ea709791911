import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { User } from '../../auth/user.entity';
import { MembershipsRepository } from '../../clusters/memberships.repository';
import { UnitsRepository } from '../../units/units.repository';
import { unitRef } from '../../units/unit-ref';
import { AwardsRepository } from '../awards.repository';
import { approval, ratioText } from '../awards.rules';
import type { ReviewMeeting } from '../award.entities';
import type { BallotSession } from './ballot.entities';
import type { BallotTally } from './ballot.rules';
import type { BallotSessionView } from './ballots.dto';
import { BallotsRepository } from './ballots.repository';
import { WrittenOpinion } from './ballot.entities';
import { writtenOpinionsRule } from './ballot.rules';
import { RegulationsService } from '../regulations/regulations.service';

/**
 * What a ballot session shows: to everyone who reads the cluster the same thing. While open: the candidates and
 * which units have voted (never how). Once closed: the figures, the votes and shares, and on an online ballot every
 * ballot by its receipt code, so each voter finds its own and anyone recounts.
 */
@Injectable()
export class BallotViews {
  constructor(
    private readonly repo: BallotsRepository,
    private readonly units: UnitsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly awards: AwardsRepository,
    private readonly regulations: RegulationsService,
  ) {}

  async view(m: EntityManager, s: BallotSession, meeting: ReviewMeeting): Promise<BallotSessionView> {
    const candidates = JSON.parse(s.candidates) as string[];
    const roll = await this.repo.roll(m, s.id);
    const memberCount = await this.memberships.count(m, meeting.clusterId, meeting.year);
    const opinions = await m.find(WrittenOpinion, { where: { sessionId: s.id }, order: { unitId: 'ASC' } });
    const rule = writtenOpinionsRule(await this.regulations.inForce(m, meeting.clusterId, meeting.heldOn));
    const byId = await this.units.byIds(m, [...candidates, ...roll.map((r) => r.unitId), ...opinions.map((o) => o.unitId)]);
    const ref = (id: string) => unitRef(byId.get(id), id);
    const tally = s.tally ? (JSON.parse(s.tally) as BallotTally) : null;
    const order = new Map(candidates.map((id, i) => [id, i]));
    const box = tally && s.mode === 'ONLINE' ? await this.repo.box(m, s.id) : [];
    const entries = await this.repo.countEntries(m, s.id);
    const people = entries.length ? new Map((await m.find(User, { where: { id: In(entries.map((e) => e.enteredBy)) } })).map((u) => [u.id, u.fullName])) : new Map<string, string>();
    return {
      id: s.id,
      award: s.awardCode,
      awardLabel: (await this.awards.labels(m))[s.awardCode],
      mode: s.mode,
      status: s.status,
      quota: s.quota,
      memberCount,
      candidates: candidates.map((id) => ({ unit: ref(id), votes: tally ? (tally.votes[id] ?? 0) : null, shareText: tally ? ratioText(approval(tally.votes[id] ?? 0, memberCount)) : null })),
      roll: roll.map((r) => ({ unit: ref(r.unitId), voted: r.voted })),
      votedCount: roll.filter((r) => r.voted).length,
      figures: tally ? { issued: tally.issued, returned: tally.returned, valid: tally.valid, invalid: tally.invalid } : null,
      ballots: box.map((b) => ({ receipt: b.receipt, approved: (JSON.parse(b.choices) as string[]).sort((x, y) => order.get(x)! - order.get(y)!).map(ref) })),
      countingCommittee: s.countingCommittee ? (JSON.parse(s.countingCommittee) as string[]) : [],
      paperEntries: entries.map((e) => ({ turn: e.turn, enteredBy: people.get(e.enteredBy) ?? '' })),
      // Like the ballot box, an absent member's choices are shown once the session is closed, not while others vote.
      writtenOpinions: opinions.map((o) => ({ id: o.id, unit: ref(o.unitId), approved: s.status === 'OPEN' ? null : (JSON.parse(o.choices) as string[]).map(ref), fileName: o.fileName })),
      writtenOpinionsCounted: tally?.writtenOpinions?.counted ?? rule.counted,
      // A closed tally was counted under the regulation then in force: say so if the regulation changed since.
      writtenOpinionsNote: tally?.writtenOpinions && tally.writtenOpinions.counted !== rule.counted ? `Ý kiến bằng văn bản ${tally.writtenOpinions.counted ? 'được' : 'không được'} tính vào kết quả theo quy chế áp dụng khi đóng phiên.` : rule.note,
      tieReason: s.tieReason,
      closedAt: s.closedAt,
      version: s.version,
    };
  }
}
