"""sign-in limit counters in the database

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:00:00

Without Redis, the sign-in limits counted in each worker's memory, so every gunicorn worker
allowed its own failures. The counters now live in this table, which all workers share (see
factcheck.security.throttle_store). Nothing to carry over: counts in memory were lost on
every restart anyway.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'throttle_hits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('expires', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_throttle_hits')),
    )
    op.create_index('ix_throttle_hits_key_expires', 'throttle_hits', ['key', 'expires'])
    op.create_index(op.f('ix_throttle_hits_expires'), 'throttle_hits', ['expires'])


def downgrade():
    op.drop_index(op.f('ix_throttle_hits_expires'), table_name='throttle_hits')
    op.drop_index('ix_throttle_hits_key_expires', table_name='throttle_hits')
    op.drop_table('throttle_hits')
