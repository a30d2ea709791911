import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { CreateLegalTextDto, CreateLegalValueDto, LegalCatalogueView, LegalOnView, UpdateLegalTextDto, UpdateLegalValueDto } from './legal.dto';
import { LegalText, LegalValue } from './legal.entities';
import { LegalRepository } from './legal.repository';
import { LEGAL_TEXTS, LEGAL_VALUES } from './legal-seed';
import { CatalogueText, CatalogueValue, councilShareOn, legalBasesOn, rewardOn, rewardText, valueOn } from './legal.rules';

/** The awards whose reward and council share the catalogue answers for. */
const AWARDS = ['EMULATION_FLAG', 'CERTIFICATE_OF_MERIT'];

/** The catalogue as the rules read it. */
export interface LegalCatalogue {
  texts: CatalogueText[];
  values: CatalogueValue[];
}

/** The legal catalogue: read by every document and rule that depends on the date, edited by administrators. */
@Injectable()
export class LegalService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: LegalRepository,
    private readonly audit: AuditService,
  ) {}

  /** Both tables, inside the caller's transaction. */
  async catalogue(m: EntityManager): Promise<LegalCatalogue> {
    const [texts, values] = await Promise.all([this.repo.texts(m), this.repo.values(m)]);
    return { texts, values };
  }

  /** Loads the rows of legal-seed.ts that are missing (by code); answers how many were added. */
  async seed(m: EntityManager): Promise<number> {
    const taken = await this.repo.codesTaken(m);
    const now = nowIso();
    const texts = LEGAL_TEXTS.filter((x) => !taken.texts.has(x.code)).map((t) => ({ ...t, id: randomUUID(), version: 1, createdAt: now, updatedAt: now }));
    const values = LEGAL_VALUES.filter((x) => !taken.values.has(x.code)).map((v) => ({ strictlyAbove: false, quorum: null, label: null, ...v, id: randomUUID(), version: 1, createdAt: now, updatedAt: now }));
    await this.repo.insertTexts(m, texts);
    await this.repo.insertValues(m, values);
    return texts.length + values.length;
  }

  list(): Promise<LegalCatalogueView> {
    return this.uow.read(async (m) => this.catalogue(m) as Promise<LegalCatalogueView>);
  }

  /** What the law is on a date: the citations of a document of that date, the base salary, each award's reward and council share. */
  on(date: string, sector: string | null): Promise<LegalOnView> {
    return this.uow.read(async (m) => {
      const c = await this.catalogue(m);
      const texts = legalBasesOn(c.texts, date, sector) as LegalText[];
      return {
        date,
        sector,
        citations: texts.map((t) => t.citation!),
        texts,
        baseSalary: valueOn(c.values, 'BASE_SALARY', '', date) as LegalValue | null,
        rewards: AWARDS.map((award) => {
          const r = rewardOn(c.values, award, date);
          return { award, multipleTenths: r?.multipleTenths ?? null, baseVnd: r?.baseVnd ?? null, amountVnd: r && !r.assumptions.length ? r.amountVnd : null, text: rewardText(r), assumptions: r?.assumptions ?? [] };
        }),
        councilShares: AWARDS.map((award) => councilShareOn(c.values, award, date)).filter((v): v is LegalValue => v !== null),
      };
    });
  }

  createText(p: Principal, dto: CreateLegalTextDto): Promise<LegalText> {
    return this.uow.write(async (m) => {
      const taken = await this.repo.codesTaken(m);
      if (taken.texts.has(dto.code)) throw AppException.field(ErrorCode.Duplicate, 'code', `Đã có văn bản mã ${dto.code}.`);
      const { reason, ...fields } = dto;
      const now = nowIso();
      const row: LegalText = {
        id: randomUUID(), sector: null, signedOn: null, effectiveFrom: null, effectiveTo: null, citation: null, sourceUrl: null, sourceArticle: null, assumption: null,
        ...trimAll(fields), version: 1, createdAt: now, updatedAt: now,
      } as LegalText;
      checkPeriod(row);
      await this.repo.insertTexts(m, [row]);
      await this.audit.record(m, { action: 'legal_text.create', entityType: 'legal_text', entityId: row.id, after: row, reason });
      return row;
    });
  }

  updateText(p: Principal, id: string, dto: UpdateLegalTextDto): Promise<LegalText> {
    return this.uow.write(async (m) => {
      const current = await this.repo.text(m, id);
      if (!current) throw AppException.notFound('văn bản pháp lý');
      const { reason, version, ...fields } = dto;
      checkPeriod({ ...current, ...trimAll(fields) });
      const after = await this.repo.updateText(m, current, version, { ...trimAll(fields), updatedAt: nowIso() });
      await this.audit.record(m, { action: 'legal_text.update', entityType: 'legal_text', entityId: id, before: current, after, reason });
      return after;
    });
  }

  createValue(p: Principal, dto: CreateLegalValueDto): Promise<LegalValue> {
    return this.uow.write(async (m) => {
      const taken = await this.repo.codesTaken(m);
      if (taken.values.has(dto.code)) throw AppException.field(ErrorCode.Duplicate, 'code', `Đã có số liệu mã ${dto.code}.`);
      const { reason, ...fields } = dto;
      const now = nowIso();
      const row: LegalValue = {
        id: randomUUID(), subject: '', effectiveFrom: null, effectiveTo: null, amount: null, strictlyAbove: false, quorum: null, label: null, textRef: null, article: null, sourceUrl: null, assumption: null,
        ...trimAll(fields), version: 1, createdAt: now, updatedAt: now,
      } as LegalValue;
      checkPeriod(row);
      checkShare(row);
      await this.repo.insertValues(m, [row]);
      await this.audit.record(m, { action: 'legal_value.create', entityType: 'legal_value', entityId: row.id, after: row, reason });
      return row;
    });
  }

  updateValue(p: Principal, id: string, dto: UpdateLegalValueDto): Promise<LegalValue> {
    return this.uow.write(async (m) => {
      const current = await this.repo.value(m, id);
      if (!current) throw AppException.notFound('số liệu pháp lý');
      const { reason, version, ...fields } = dto;
      checkPeriod({ ...current, ...trimAll(fields) });
      checkShare({ ...current, ...trimAll(fields) });
      const after = await this.repo.updateValue(m, current, version, { ...trimAll(fields), updatedAt: nowIso() });
      await this.audit.record(m, { action: 'legal_value.update', entityType: 'legal_value', entityId: id, before: current, after, reason });
      return after;
    });
  }
}

/** Text fields trimmed; undefined fields left out (a change touches only what it names). */
function trimAll<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as Partial<T>;
}

function checkPeriod(p: { effectiveFrom?: string | null; effectiveTo?: string | null }): void {
  if (p.effectiveFrom && p.effectiveTo && p.effectiveTo < p.effectiveFrom) {
    throw AppException.field(ErrorCode.ValidationFailed, 'effectiveTo', 'Ngày hết hiệu lực không được trước ngày có hiệu lực.');
  }
}

/** A share of votes is a share: 1 to 10,000 basis points, and "trên" (strictly above) not of 100 %, which no vote reaches. */
function checkShare(v: { kind: string; amount?: number | null; strictlyAbove?: boolean }): void {
  if (v.kind !== 'COUNCIL_SHARE' || v.amount == null) return;
  if (v.amount < 1 || v.amount > 10000) throw AppException.field(ErrorCode.ValidationFailed, 'amount', 'Tỷ lệ phiếu tính theo phần vạn: từ 1 đến 10.000 (100%).');
  if (v.amount === 10000 && v.strictlyAbove) throw AppException.field(ErrorCode.ValidationFailed, 'strictlyAbove', 'Không có tỷ lệ "trên 100%": hãy chọn "từ 100% trở lên" hoặc một tỷ lệ nhỏ hơn.');
}
