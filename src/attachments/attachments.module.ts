import { Module } from '@nestjs/common';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

/** Files attached to records (evidence of score sheets, achievement reports of proposals): one flow for every kind. */
@Module({ providers: [AttachmentsRepository, AttachmentsService], exports: [AttachmentsService] })
export class AttachmentsModule {}
