import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/unit-of-work';
import { LegalText, LegalValue } from './legal.entities';

/** The legal catalogue's two tables. */
@Injectable()
export class LegalRepository {
  texts(m: EntityManager): Promise<LegalText[]> {
    return m.find(LegalText, { order: { role: 'ASC', effectiveFrom: 'ASC', code: 'ASC' } });
  }

  values(m: EntityManager): Promise<LegalValue[]> {
    return m.find(LegalValue, { order: { kind: 'ASC', subject: 'ASC', effectiveFrom: 'ASC', code: 'ASC' } });
  }

  text(m: EntityManager, id: string): Promise<LegalText | null> {
    return m.findOne(LegalText, { where: { id } });
  }

  value(m: EntityManager, id: string): Promise<LegalValue | null> {
    return m.findOne(LegalValue, { where: { id } });
  }

  async codesTaken(m: EntityManager): Promise<{ texts: Set<string>; values: Set<string> }> {
    const [texts, values] = await Promise.all([m.find(LegalText, { select: { code: true } }), m.find(LegalValue, { select: { code: true } })]);
    return { texts: new Set(texts.map((t) => t.code)), values: new Set(values.map((v) => v.code)) };
  }

  /** One statement for them all (the seed's whole catalogue at a first start). */
  async insertTexts(m: EntityManager, rows: LegalText[]): Promise<void> {
    if (rows.length) await m.insert(LegalText, rows);
  }

  async insertValues(m: EntityManager, rows: LegalValue[]): Promise<void> {
    if (rows.length) await m.insert(LegalValue, rows);
  }

  updateText(m: EntityManager, current: LegalText, version: number, changes: Partial<LegalText>): Promise<LegalText> {
    return updateVersioned(m, LegalText, current, version, changes, 'văn bản pháp lý');
  }

  updateValue(m: EntityManager, current: LegalValue, version: number, changes: Partial<LegalValue>): Promise<LegalValue> {
    return updateVersioned(m, LegalValue, current, version, changes, 'số liệu pháp lý');
  }
}
