"""security: session tokens, two-factor sign-in, approvals bound to a verdict version, and an
append-only audit table

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 18:00:00

users.session_token is carried in every session's login id; a new value ends the user's
sessions. Existing users get a random token each (so sessions from before the upgrade end).
verdicts.approved_version binds an approval to the verdict version the editor read; verdicts
approved or published before this revision are bound to their current version.
The events triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) of audit rows. A later
migration that rebuilds the events table on SQLite (batch mode) must install them again.
"""
import secrets

import sqlalchemy as sa
from alembic import op

from factcheck.db.triggers import audit_trigger_sql, drop_audit_trigger_sql


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

APPROVED_STATES = ('approved', 'published', 'corrected', 'withdrawn')


def upgrade():
    bind = op.get_bind()
    # Plain ADD COLUMN, no batch table copy: on SQLite a copy of users would have to drop a
    # table that other tables' foreign keys point at. The '' default only fills existing rows
    # for a moment; a session naming an empty token is refused anyway.
    op.add_column('users', sa.Column('session_token', sa.String(length=64), nullable=False,
                                     server_default=''))
    op.add_column('users', sa.Column('totp_secret', sa.String(length=64), nullable=True))
    op.add_column('users', sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('session_token', sa.String))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id)
                     .values(session_token=secrets.token_urlsafe(32)))
    if bind.dialect.name == 'postgresql':
        op.alter_column('users', 'session_token', server_default=None)

    op.add_column('verdicts', sa.Column('approved_version', sa.Integer(), nullable=True))
    verdicts = sa.table('verdicts', sa.column('claim_id', sa.Integer),
                        sa.column('version', sa.Integer),
                        sa.column('approved_version', sa.Integer))
    claims = sa.table('claims', sa.column('id', sa.Integer), sa.column('state', sa.String))
    bind.execute(verdicts.update()
                 .where(verdicts.c.claim_id.in_(
                     sa.select(claims.c.id).where(claims.c.state.in_(APPROVED_STATES))))
                 .values(approved_version=verdicts.c.version))

    for statement in audit_trigger_sql(bind.dialect.name):
        op.execute(statement)


def downgrade():
    bind = op.get_bind()
    for statement in drop_audit_trigger_sql(bind.dialect.name):
        op.execute(statement)
    if bind.dialect.name == 'postgresql':
        op.execute('DROP FUNCTION IF EXISTS events_append_only()')
    op.drop_column('verdicts', 'approved_version')
    op.drop_column('users', 'totp_last_step')
    op.drop_column('users', 'totp_secret')
    op.drop_column('users', 'session_token')
