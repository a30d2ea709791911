import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col, fk } from './table-helpers';

/**
 * Hardening after the outside probe:
 *  - versions on the award quotas of a cluster-year and on memberships (their writes take one, a stale one 409s);
 *  - login attempts in the database (reserved before the password is checked, shared by every instance);
 *  - the audit chain's anchor (the signed head, and where the keyed chain starts);
 *  - multi-factor authentication: each account's TOTP secret (encrypted) and its hashed recovery codes.
 */
export class Hardening1764800000000 implements MigrationInterface {
  name = 'Hardening1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('award_quotas', new TableColumn({ name: 'version', type: 'integer', isNullable: false, default: 1 }));
    await q.addColumn('memberships', new TableColumn({ name: 'version', type: 'integer', isNullable: false, default: 1 }));

    await q.createTable(
      new Table({
        name: 'login_attempts',
        columns: [col.id(), col.text('throttle_key', 300), col.timestamp('attempted_at'), col.text('outcome', 10)],
        indices: [{ name: 'ix_login_attempts_key_time', columnNames: ['throttle_key', 'attempted_at'] }],
        checks: [{ name: 'ck_login_attempts_outcome', expression: "outcome IN ('PENDING', 'FAILED', 'OK')" }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_anchor',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          col.int('keyed_from_seq'),
          col.int('head_seq'),
          col.text('head_hash', 64),
          col.text('mac', 64),
          col.timestamp('updated_at'),
        ],
        checks: [{ name: 'ck_audit_anchor_single', expression: 'id = 1' }],
      }),
    );

    await q.addColumn('users', new TableColumn({ name: 'mfa_secret', type: 'varchar', length: '300', isNullable: true }));
    await q.addColumn('users', new TableColumn({ name: 'mfa_enabled_at', type: 'varchar', length: '30', isNullable: true }));
    await q.addColumn('users', new TableColumn({ name: 'mfa_last_step', type: 'integer', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'mfa_recovery_codes',
        columns: [col.id(), col.ref('user_id'), col.text('code_hash', 64), col.timestamp('created_at'), col.timestamp('used_at', true)],
        foreignKeys: [fk('fk_mfa_recovery_codes_user', 'user_id', 'users', 'CASCADE')],
        indices: [{ name: 'ix_mfa_recovery_codes_user', columnNames: ['user_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mfa_recovery_codes');
    await q.dropColumn('users', 'mfa_last_step');
    await q.dropColumn('users', 'mfa_enabled_at');
    await q.dropColumn('users', 'mfa_secret');
    await q.dropTable('audit_anchor');
    await q.dropTable('login_attempts');
    await q.dropColumn('memberships', 'version');
    await q.dropColumn('award_quotas', 'version');
  }
}
