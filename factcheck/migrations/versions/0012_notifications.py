"""notifications and each person's choice of how to hear of each event

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-03 17:00:00

New tables only: nothing to carry over. Until someone chooses, the defaults in
factcheck/models/notification.py apply (no preference rows are written for them).
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0009'
branch_labels = None
depends_on = None

EVENTS = ('assigned', 'returned', 'submitted', 'approved', 'published', 'due_tomorrow', 'overdue')
CHANNELS = ('in_app', 'email', 'digest', 'off')


def _enum(values, name):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade():
    op.create_table(
        'notifications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('event', _enum(EVENTS, 'event'), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('channel', _enum(CHANNELS, 'channel'), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reminder_on', sa.Date(), nullable=True),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ['actor_id'], ['users.id'],
            name=op.f('fk_notifications_actor_id_users'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['claim_id'], ['claims.id'],
            name=op.f('fk_notifications_claim_id_claims'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'],
            name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
        sa.UniqueConstraint(
            'user_id', 'claim_id', 'event', 'reminder_on', name='uq_notifications_once'
        ),
    )
    op.create_index(op.f('ix_notifications_claim_id'), 'notifications', ['claim_id'])
    op.create_index(op.f('ix_notifications_sent_at'), 'notifications', ['sent_at'])
    op.create_index('ix_notifications_user_read', 'notifications', ['user_id', 'read_at'])
    op.create_table(
        'notification_preferences',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('event', _enum(EVENTS, 'event'), nullable=False),
        sa.Column('channel', _enum(CHANNELS, 'channel'), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'],
            name=op.f('fk_notification_preferences_user_id_users'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('user_id', 'event', name=op.f('pk_notification_preferences')),
    )


def downgrade():
    op.drop_table('notification_preferences')
    op.drop_index('ix_notifications_user_read', table_name='notifications')
    op.drop_index(op.f('ix_notifications_sent_at'), table_name='notifications')
    op.drop_index(op.f('ix_notifications_claim_id'), table_name='notifications')
    op.drop_table('notifications')
