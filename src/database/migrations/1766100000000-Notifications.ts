import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk } from './table-helpers';

/**
 * Reminders and e-mail: a person's e-mail address and whether they want e-mail (`users.email`,
 * `users.email_notifications`), the notifications shown in the app (`notifications`), the e-mails waiting to be
 * sent (`email_outbox`, written in the transaction of the change that causes them) and the service level an
 * organiser sets for its review queue (`review_service_levels`). A dedup key (unique) makes one reminder of one
 * person, deadline and stage a single row even when two instances compute it.
 */
export class Notifications1766100000000 implements MigrationInterface {
  name = 'Notifications1766100000000';

  async up(q: QueryRunner): Promise<void> {
    // SQLite keeps a default as written: (1), as the entity's `default: true` is rendered there (PostgreSQL: true).
    const trueDefault = q.connection.options.type === 'better-sqlite3' ? '(1)' : 'true';
    await q.query('ALTER TABLE users ADD COLUMN email varchar(200)');
    await q.query(`ALTER TABLE users ADD COLUMN email_notifications boolean NOT NULL DEFAULT ${trueDefault}`);
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [col.id(), col.ref('user_id'), col.text('kind', 40), col.text('subject', 300), col.longText('body', false), col.text('link', 300, true), col.date('due_on'), col.text('dedup_key', 200), col.timestamp('created_at'), col.timestamp('read_at', true)],
        foreignKeys: [fk('fk_notifications_user', 'user_id', 'users', 'CASCADE')],
        indices: [
          { name: 'ux_notifications_dedup', columnNames: ['user_id', 'dedup_key'], isUnique: true },
          { name: 'ix_notifications_user_created', columnNames: ['user_id', 'created_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'email_outbox',
        columns: [
          col.id(),
          col.ref('user_id'),
          col.text('recipient', 200),
          col.text('subject', 300),
          col.longText('text', false),
          col.text('status', 12),
          col.int('attempts'),
          col.timestamp('next_attempt_at'),
          col.timestamp('claimed_at', true),
          col.text('claimed_by', 120, true),
          col.timestamp('sent_at', true),
          col.text('last_error', 500, true),
          col.text('dedup_key', 250),
          col.timestamp('created_at'),
        ],
        foreignKeys: [fk('fk_email_outbox_user', 'user_id', 'users', 'CASCADE')],
        indices: [
          { name: 'ux_email_outbox_dedup', columnNames: ['dedup_key'], isUnique: true },
          { name: 'ix_email_outbox_due', columnNames: ['status', 'next_attempt_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'review_service_levels',
        columns: [col.id('organizer_id'), col.int('days'), col.int('version'), col.timestamp('updated_at')],
        foreignKeys: [fk('fk_review_service_levels_organizer', 'organizer_id', 'units')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('review_service_levels');
    await q.dropTable('email_outbox');
    await q.dropTable('notifications');
    await q.dropColumn('users', 'email_notifications');
    await q.dropColumn('users', 'email');
  }
}
