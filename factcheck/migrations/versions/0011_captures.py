"""our own stored copies of sources' pages

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 17:00:00

One row per source: the state of its capture (pending, done, failed), where the WARC and the
extracted text are in the object store, and the WARC's SHA-256 and size. Existing sources get
no row; they show "not archived yet" until someone asks for a capture.
"""
from alembic import op
import sqlalchemy as sa

from factcheck.models._types import UTCDateTime

# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'captures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=False),
        sa.Column(
            'state',
            sa.Enum('pending', 'done', 'failed', name='capture_state', native_enum=False,
                    create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column('requested_at', UTCDateTime(), nullable=False),
        sa.Column('captured_at', UTCDateTime(), nullable=True),
        sa.Column('error', sa.String(length=500), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('final_url', sa.Text(), nullable=True),
        sa.Column('content_type', sa.String(length=100), nullable=True),
        sa.Column('warc_key', sa.String(length=300), nullable=True),
        sa.Column('text_key', sa.String(length=300), nullable=True),
        sa.Column('sha256', sa.String(length=64), nullable=True),
        sa.Column('size', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['source_id'], ['sources.id'],
                                name=op.f('fk_captures_source_id_sources'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_captures')),
        sa.UniqueConstraint('source_id', name=op.f('uq_captures_source_id')),
    )


def downgrade():
    op.drop_table('captures')
