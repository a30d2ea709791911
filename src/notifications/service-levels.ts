import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { nowIso } from '../common/time';
import { executeRaw, rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';

/** An organiser's service level for its review queue: how many days a dossier may wait in one status. */
export interface ServiceLevelView {
  organizerId: string;
  organizerName: string;
  /** null: none set (the queue shows ages without a verdict). */
  days: number | null;
  /** 0 while none was ever set. */
  version: number;
  updatedAt: string | null;
}

/** The service levels (`review_service_levels`): read by the queue and the reminders, set by the organiser (audited). */
@Injectable()
export class ServiceLevels {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The days that apply to each organiser's clusters: its own level, else its successor's (Bộ KH&CN's level covers
   * the clusters of Bộ TTTT, whose queue its reviewers now work).
   */
  async all(m: EntityManager): Promise<Map<string, number>> {
    const rows = await rawQuery<{ organizer_id: string; days: number | string }>(m, 'SELECT organizer_id, days FROM review_service_levels');
    const own = new Map(rows.map((r) => [r.organizer_id, Number(r.days)]));
    if (!own.size) return own;
    const organisers = await rawQuery<{ id: string; successor_id: string | null }>(m, "SELECT id, successor_id FROM units WHERE kind = 'ORGANIZER'");
    const successor = new Map(organisers.map((o) => [o.id, o.successor_id]));
    const levels = new Map<string, number>();
    for (const o of organisers) {
      let id: string | null | undefined = o.id;
      for (let hops = 0; id && hops < 10 && !own.has(id); hops++) id = successor.get(id);
      if (id && own.has(id)) levels.set(o.id, own.get(id)!);
    }
    return levels;
  }

  get(p: Principal, organizerId: string): Promise<ServiceLevelView> {
    return this.uow.read((m) => this.view(m, p, organizerId));
  }

  /** The organiser's reviewers (or an administrator) set the days; a stale version answers 409. */
  set(p: Principal, organizerId: string, input: { days: number; version: number; reason: string }): Promise<ServiceLevelView> {
    return this.uow.write(async (m) => {
      const before = await this.view(m, p, organizerId);
      if (before.version !== input.version) throw AppException.stale(before.version);
      const now = nowIso();
      const changed = before.version === 0
        ? await executeRaw(m, 'INSERT INTO review_service_levels (organizer_id, days, version, updated_at) VALUES (?, ?, 1, ?) ON CONFLICT (organizer_id) DO NOTHING', [organizerId, input.days, now])
        : await executeRaw(m, 'UPDATE review_service_levels SET days = ?, version = version + 1, updated_at = ? WHERE organizer_id = ? AND version = ?', [input.days, now, organizerId, input.version]);
      if (changed !== 1) throw AppException.stale((await this.view(m, p, organizerId)).version);
      const after = { ...before, days: input.days, version: before.version + 1, updatedAt: now };
      await this.audit.record(m, { action: 'service_level.set', entityType: 'review_service_level', entityId: organizerId, before: { days: before.days }, after: { days: input.days }, reason: input.reason, organizerId });
      return after;
    });
  }

  private async view(m: EntityManager, p: Principal, organizerId: string): Promise<ServiceLevelView> {
    const [org] = await rawQuery<{ id: string; name: string }>(m, "SELECT id, name FROM units WHERE id = ? AND kind = 'ORGANIZER'", [organizerId]);
    if (!org || !this.access.actsFor(p, organizerId)) throw AppException.notFound('cơ quan tổ chức', 'organizerId');
    const [row] = await rawQuery<{ days: number | string; version: number | string; updated_at: string }>(m, 'SELECT days, version, updated_at FROM review_service_levels WHERE organizer_id = ?', [organizerId]);
    return { organizerId, organizerName: org.name, days: row ? Number(row.days) : null, version: row ? Number(row.version) : 0, updatedAt: row?.updated_at ?? null };
  }
}
