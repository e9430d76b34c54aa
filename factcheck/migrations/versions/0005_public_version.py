"""public version counter, and indexes for the public index and incremental pulls

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 19:00:00

"""
from alembic import op
import sqlalchemy as sa

import factcheck.models._types

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN (no batch table copy), so SQLite keeps the tables' triggers.
    op.add_column('site_settings', sa.Column('public_version', sa.Integer(), nullable=False,
                                             server_default='1'))
    op.add_column('site_settings', sa.Column(
        'public_changed_at', factcheck.models._types.UTCDateTime(timezone=True),
        nullable=True))
    op.drop_index('ix_claims_state_published_at', table_name='claims')
    op.create_index('ix_claims_published_at_id', 'claims', ['published_at', 'id'])
    op.create_index('ix_claims_updated_at_id', 'claims', ['updated_at', 'id'])


def downgrade():
    op.drop_index('ix_claims_updated_at_id', table_name='claims')
    op.drop_index('ix_claims_published_at_id', table_name='claims')
    op.create_index('ix_claims_state_published_at', 'claims', ['state', 'published_at'])
    op.drop_column('site_settings', 'public_changed_at')
    op.drop_column('site_settings', 'public_version')
