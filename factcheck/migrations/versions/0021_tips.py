"""tips: claims readers suggest on the public site, in the desk's inbox (issue 16)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 13:00:00

A new table only. (Other branches of issue 16 add 0022 and 0023; on merge they are chained.)
"""
from alembic import op
import sqlalchemy as sa

from factcheck.models._types import UTCDateTime

# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tips',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('text_key', sa.String(length=64), nullable=False),
        sa.Column('seen_where', sa.String(length=300), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=True),
        sa.Column('contact', sa.String(length=254), nullable=True),
        sa.Column('reports', sa.Integer(), nullable=False),
        sa.Column(
            'state',
            sa.Enum('open', 'dismissed', 'converted', name='tip_state', native_enum=False,
                    create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('last_reported_at', UTCDateTime(), nullable=False),
        sa.Column('decided_at', UTCDateTime(), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('article_id', sa.Integer(), nullable=True),
        sa.Column('created_article', sa.Boolean(), nullable=False),
        sa.Column('claim_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_tips_decided_by_id_users')),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'],
                                name=op.f('fk_tips_article_id_articles'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id'],
                                name=op.f('fk_tips_claim_id_claims'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tips')),
    )
    op.create_index(op.f('ix_tips_text_key'), 'tips', ['text_key'], unique=False)
    op.create_index(op.f('ix_tips_article_id'), 'tips', ['article_id'], unique=False)
    op.create_index('ix_tips_state_created', 'tips', ['state', 'created_at'], unique=False)


def downgrade():
    op.drop_table('tips')
