import { Injectable } from '@nestjs/common';
import type { EntityManager, FindOptionsOrder, FindOptionsWhere, QueryDeepPartialEntity } from 'typeorm';
import type { Attachment } from './attachment.entity';
import type { AttachmentKind } from './attachment-kind';

/** The queries of attached files, each kind in its own table (named by its AttachmentKind). */
@Injectable()
export class AttachmentsRepository {
  /** The files attached to one owner, oldest first. */
  list<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, ownerId: string): Promise<T[]> {
    return m.find(kind.entity, { where: { [kind.owner]: ownerId } as FindOptionsWhere<T>, order: { uploadedAt: 'ASC' } as FindOptionsOrder<T> });
  }

  /** One file attached to that owner, or null (also for a file attached to another owner). */
  find<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, ownerId: string, id: string): Promise<T | null> {
    return m.findOne(kind.entity, { where: { id, [kind.owner]: ownerId } as FindOptionsWhere<T> });
  }

  /** Records one attached file. */
  async insert<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, row: T): Promise<void> {
    await m.insert(kind.entity, row as QueryDeepPartialEntity<T>);
  }

  /** Detaches one file from its owner (its stored bytes stay, as every stored file does). */
  async remove<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, id: string): Promise<void> {
    await m.delete(kind.entity, { id } as FindOptionsWhere<T>);
  }
}
